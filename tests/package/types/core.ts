// SPDX-License-Identifier: MIT OR Apache-2.0
// The core API under `tsc --strict`, in every project kind (tsconfig.*.json): a browser app
// (DOM lib), a Node-only project (@types/node, no DOM lib) and a bare one (neither).
import { init, loadBlocklist, validate, validateExpecting, type CheckResult, type ChainId, type Validation, type WalletRiskError } from 'wallet-risk';
import en from 'wallet-risk/i18n/en.js';

export async function verdict(list: Uint8Array, key: string, input: string): Promise<string> {
  await init();
  const format: Validation = validate(input);
  const chains: ChainId[] = format.chains;
  const result: CheckResult = loadBlocklist(list, { trustedKeys: [key] }).check(input);
  if (result.risk !== null) return `${result.risk.category} on ${chains.join(', ')}`;
  const expected = validateExpecting(input, 'evm');
  const code: string | null = expected.error?.code ?? null;
  const title: string | undefined = en['valid.title'];
  return result.valid ? (title ?? 'valid') : `invalid: ${code}`;
}

export function codeOf(error: unknown): string | null {
  return error instanceof Error && 'code' in error ? (error as WalletRiskError).code : null;
}

// @ts-expect-error: null is not an init source.
void init(null);
