// SPDX-License-Identifier: MIT OR Apache-2.0
// A signed list of `n` EVM entries made with the publisher CLI, cached in the OS temp folder.
// Returns {bytes, publicKey, now} or null when the CLI cannot be run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cli } from '../js/test/fixtures.mjs';

export function makeBigList(n) {
  const dir = join(tmpdir(), `wallet-risk-bench-${n}`);
  const out = join(dir, 'list.wrbl');
  const pub = join(dir, 'key.pub');
  const meta = join(dir, 'meta.json');
  try {
    if (!existsSync(out) || !existsSync(meta)) {
      mkdirSync(dir, { recursive: true });
      const rows = ['chain,address,category,source,source_url,date,label'];
      for (let i = 0; i < n; i++) {
        // Distinct 20-byte accounts: a counter spread over the address, all lower case.
        const hex = (i * 2654435761 >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(32, '0');
        rows.push(`evm,0x${hex},scam-compound,bench source,,2024-01-01,`);
      }
      writeFileSync(join(dir, 'rows.csv'), rows.join('\n') + '\n');
      cli('keygen', '--force', '--secret-key', join(dir, 'key.secret'), '--public-key', pub);
      const now = Math.floor(Date.now() / 1000);
      cli('build', '--list-id', 'bench.example/big', '--sequence', '1', '--issued-at', String(now - 60), '--expires-in-days', '30', '--out', join(dir, 'list.unsigned'), join(dir, 'rows.csv'));
      cli('sign', '--secret-key', join(dir, 'key.secret'), '--out', out, join(dir, 'list.unsigned'));
      writeFileSync(meta, JSON.stringify({ now }));
    }
    const publicKey = readFileSync(pub, 'utf8').split('\n').map((l) => l.trim()).find((l) => l.startsWith('wrpk1'));
    const { now } = JSON.parse(readFileSync(meta, 'utf8'));
    return { bytes: new Uint8Array(readFileSync(out)), publicKey, now: Math.max(now, Math.floor(Date.now() / 1000) - 3600) };
  } catch (e) {
    console.error(`big list: ${e.message.split('\n').slice(0, 2).join(' ')}`);
    return null;
  }
}
