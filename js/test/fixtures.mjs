// SPDX-License-Identifier: MIT OR Apache-2.0
// Signed lists made by the publisher CLI, for the blocklist tests and the benchmark.
//
// The CLI is `$WALLET_RISK_CLI` when set (scripts/test-wasm.sh builds it once), otherwise
// `cargo run --release --features cli`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));

export function cli(...args) {
  const bin = process.env.WALLET_RISK_CLI;
  const [cmd, argv] = bin
    ? [bin, args]
    : ['cargo', ['run', '--quiet', '--release', '--features', 'cli', '--', ...args]];
  return execFileSync(cmd, argv, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The CLI's JSON lines for `args` (one report per input), whatever its exit status (1 when an
 * input is invalid, 3 when one is listed): the native reference the package must agree with.
 */
export function cliReports(...args) {
  const bin = process.env.WALLET_RISK_CLI;
  const [cmd, argv] = bin
    ? [bin, args]
    : ['cargo', ['run', '--quiet', '--release', '--features', 'cli', '--', ...args]];
  const out = spawnSync(cmd, argv, { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (out.status !== 0 && out.status !== 1 && out.status !== 3) throw new Error(`${cmd} ${args[0]}: ${out.stderr}`);
  return out.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** The CLI's `link` (snake_case, as its JSON is) with the package's field names. */
export function camelLink(link) {
  if (!link) return null;
  const { amount_unit: amountUnit, chain_id: chainId, ...rest } = link;
  return { ...rest, amountUnit, chainId };
}

export const NOW = Math.floor(Date.now() / 1000);
const DAY = 86400;

export const ROWS = [
  'chain,address,category,source,source_url,date,label',
  'evm,0x7e57000000000000000000000000000000000001,scam-compound,wallet-risk test list,https://example.org/reports,2024-01-15,test entry one',
  'tron,TMVEN6VsWxjWNbz5snCeU6u6i4aafr77Hv,romance-scam,another source,,2024-03-02,',
  'bitcoin,bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4,phishing-drainer,another source,,2024-06-20,BIP-173 example',
];
export const EXTRA_ROW = 'evm,0x7e57000000000000000000000000000000000004,address-poisoning,another source,,2024-09-09,added in sequence 2';

/** Builds and signs a list; returns its bytes. */
function list(dir, name, { rows = ROWS, listId = 'test.example/scams', sequence = 1, issuedAt = NOW - 60, days = 7, secret, cert } = {}) {
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, rows.join('\n') + '\n');
  const unsigned = join(dir, `${name}.unsigned`);
  cli('build', '--list-id', listId, '--sequence', String(sequence), '--issued-at', String(issuedAt), '--expires-in-days', String(days), '--out', unsigned, csv);
  if (!secret) return { path: unsigned, bytes: new Uint8Array(readFileSync(unsigned)) };
  const out = join(dir, `${name}.wrbl`);
  cli('sign', '--secret-key', secret, ...(cert ? ['--cert', cert] : []), '--out', out, unsigned);
  return { path: out, bytes: new Uint8Array(readFileSync(out)) };
}

let cached = null;

/** Every fixture the tests need, made once per process. */
export function fixtures() {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'wallet-risk-js-'));
  const key = (name) => {
    const secret = join(dir, `${name}.secret`);
    const pub = join(dir, `${name}.pub`);
    cli('keygen', '--secret-key', secret, '--public-key', pub);
    const publicKey = readFileSync(pub, 'utf8').split('\n').map((l) => l.trim()).find((l) => l.startsWith('wrpk1'));
    return { secret, pub, publicKey };
  };
  const a = key('a');
  const b = key('b');
  const c = key('c');
  const certFile = (name, notBefore, notAfter) => {
    const out = join(dir, `${name}.cert`);
    cli('certify', '--secret-key', a.secret, '--new-key', c.pub, '--not-before', String(notBefore), ...(notAfter ? ['--not-after', String(notAfter)] : []), '--out', out);
    return out;
  };
  const v1 = list(dir, 'v1', { secret: a.secret });
  const v2 = list(dir, 'v2', { secret: a.secret, sequence: 2, rows: [...ROWS, EXTRA_ROW] });
  const deltaPath = join(dir, 'v1-v2.delta');
  cli('delta', '--secret-key', a.secret, '--out', deltaPath, v1.path, v2.path);
  const v3 = list(dir, 'v3', { secret: a.secret, sequence: 3 });
  cached = {
    dir,
    keys: { a, b, c },
    v1: v1.bytes,
    v2: v2.bytes,
    v3: v3.bytes,
    delta12: new Uint8Array(readFileSync(deltaPath)),
    unsigned: list(dir, 'unsigned').bytes,
    byOtherKey: list(dir, 'other', { secret: b.secret }).bytes,
    v1Twin: list(dir, 'twin', { secret: a.secret, rows: [...ROWS, EXTRA_ROW] }).bytes,
    expired: list(dir, 'expired', { secret: a.secret, issuedAt: NOW - 10 * DAY, days: 1 }).bytes,
    future: list(dir, 'future', { secret: a.secret, issuedAt: NOW + DAY }).bytes,
    otherId: list(dir, 'otherid', { secret: a.secret, listId: 'other.example/list' }).bytes,
    certified: list(dir, 'certified', { secret: c.secret, cert: certFile('ok', NOW - DAY) }).bytes,
    certOutOfWindow: list(dir, 'certwindow', { secret: c.secret, cert: certFile('late', NOW + 30 * DAY, NOW + 60 * DAY) }).bytes,
  };
  return cached;
}

let extraLists = 0;

/** A list of `rows` (csv, header first) signed by fixtures' key `a`; returns its bytes. */
export function signedList(rows) {
  const fx = fixtures();
  extraLists += 1;
  return list(fx.dir, `rows-${extraLists}`, { secret: fx.keys.a.secret, rows }).bytes;
}

/**
 * Publishes `rows` (csv, header first) into the publication folder `out` with `publish`, signed
 * by fixtures' key `a`, as the daily job does (deltas from the earlier publications there).
 */
export function publishInto(out, { rows = ROWS, sequence, issuedAt = NOW - 60, listId = 'test.example/scams', name = 'rows.csv' } = {}) {
  const fx = fixtures();
  const csv = join(fx.dir, `publish-${sequence}-${name}`);
  writeFileSync(csv, rows.join('\n') + '\n');
  // The shrink guard counts entries per input file name: the same name every time.
  const input = join(mkdtempSync(join(tmpdir(), 'wallet-risk-pub-')), name);
  writeFileSync(input, readFileSync(csv));
  cli('publish', '--out', out, '--secret-key', fx.keys.a.secret, '--list-id', listId, '--sequence', String(sequence), '--issued-at', String(issuedAt), '--allow-shrink', input);
  return out;
}

/** `count` listed EVM addresses from `start` (csv rows, no header): lists large enough for deltas to pay. */
export function manyRows(count, start = 0) {
  const rows = [];
  for (let i = start; i < start + count; i++) {
    rows.push(`evm,0x${(0xbad00000 + i).toString(16).padStart(40, '0')},scam-compound,generated test source,,2024-05-01,`);
  }
  return rows;
}
