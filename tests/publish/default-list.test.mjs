// SPDX-License-Identifier: MIT OR Apache-2.0
// The list `scripts/serve.sh` serves out of the box: every address of the OFAC snapshot in
// lists/sources/ofac/ that the core can parse is listed (category sanctioned, source OFAC SDN),
// every one it cannot parse is named in the snapshot's README, and no test entry is listed.
// Checked with `wallet-risk check` against dist/lists/default.wrl and against the list the
// static server actually serves from dist/site.
//
// Needs `scripts/serve.sh --build-only` run with the default LIST_SOURCE (scripts/test-publish.sh).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = process.env.WALLET_RISK_CLI ?? join(ROOT, 'target/release/wallet-risk');
const SNAPSHOT = join(ROOT, 'lists/sources/ofac');
const SITE = join(ROOT, 'dist/site');
const PORT = Number(process.env.WALLET_RISK_TEST_PORT ?? 18161);

const config = JSON.parse(readFileSync(join(SITE, 'config.json'), 'utf8'));
const key = config.trustedKeys[0];

/** Every line of every per-asset file: {file, line, address}. */
const snapshot = readdirSync(SNAPSHOT)
  .filter((f) => /^sanctioned_addresses_[A-Z]+\.txt$/.test(f))
  .flatMap((file) => readFileSync(join(SNAPSHOT, file), 'utf8').split('\n')
    .map((address, i) => ({ file, line: i + 1, address: address.trim() }))
    .filter((e) => e.address));

/** `wallet-risk <args>` with `lines` on stdin: one parsed JSON object per output line. */
function cliLines(args, lines) {
  let stdout;
  try {
    stdout = execFileSync(CLI, args, { input: `${lines.join('\n')}\n`, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (err) {
    // check exits 3 when something is listed, 1 when something is invalid: both expected here.
    if (![1, 3].includes(err.status)) throw err;
    stdout = err.stdout;
  }
  return stdout.trim().split('\n').map((l) => JSON.parse(l));
}

function checkAll(listFile, addresses) {
  return cliLines(['check', '--list', listFile, '--key', key, '--list-id', 'local/ofac'], addresses);
}

test('the snapshot is the documented one: 17 per-asset files, 654 addresses', () => {
  assert.equal(new Set(snapshot.map((e) => e.file)).size, 17);
  assert.equal(snapshot.length, 654);
  assert.match(readFileSync(join(SNAPSHOT, 'SNAPSHOT_DATE'), 'utf8'), /^2024-09-27\s*$/);
});

test('serve.sh configured the site with the local key, the default list and its provenance', () => {
  assert.equal(config.trustedKeys.length, 1);
  assert.match(key, /^wrpk1/);
  assert.equal(config.listUrl, 'lists/default.wrl');
  assert.match(config.publisher, /OFAC SDN \(snapshot of 2024-09-27/);
  assert.deepEqual(readFileSync(join(SITE, config.listUrl)), readFileSync(join(ROOT, 'dist/lists/default.wrl')));
  // The publication beside the page: its signed index names that very list.
  const index = JSON.parse(execFileSync(CLI, ['verify', '--key', key, '--list-id', 'local/ofac', join(SITE, 'publication/index.wri')], { encoding: 'utf8' }));
  assert.deepEqual(readFileSync(join(SITE, 'publication', index.full_list)), readFileSync(join(ROOT, 'dist/lists/default.wrl')));
  // 652 addresses as 650 entries: several assets share addresses; a base58 string valid on
  // several chains (USDT/Omni, BSV, XVG on Dogecoin and Verge) is an entry on each.
  assert.equal(index.entries, 650);
});

test('every OFAC address the core parses is listed as sanctioned by OFAC SDN; every other one is documented', () => {
  const reports = checkAll(join(ROOT, 'dist/lists/default.wrl'), snapshot.map((e) => e.address));
  assert.equal(reports.length, snapshot.length);
  const readme = readFileSync(join(SNAPSHOT, 'README.md'), 'utf8');
  let listed = 0;
  const unparsed = [];
  reports.forEach((r, i) => {
    const where = `${snapshot[i].file}:${snapshot[i].line} ${snapshot[i].address}`;
    if (!r.valid) {
      unparsed.push(where);
      assert.ok(readme.includes(snapshot[i].address), `${where} does not parse and is not named in lists/sources/ofac/README.md`);
      return;
    }
    assert.ok(r.risk, `${where} parses (${r.chains}) but is not listed`);
    assert.equal(r.risk.category, 'sanctioned', where);
    assert.equal(r.risk.source, 'OFAC SDN', where);
    assert.equal(r.risk.source_url, 'https://sanctionssearch.ofac.treas.gov/', where);
    assert.equal(r.risk.first_reported, '2024-09-27', where);
    listed += 1;
  });
  console.log(`default list: ${listed} of ${snapshot.length} snapshot addresses listed; not parseable: ${unparsed.join(', ')}`);
  assert.equal(unparsed.length, 2, unparsed.join('\n'));
  // The example: a real sanctioned Tron address.
  const [tron] = checkAll(join(ROOT, 'dist/lists/default.wrl'), ['TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre']);
  assert.equal(tron.risk?.category, 'sanctioned');
});

test('no test entry (lists/test/) is in the default list', () => {
  const csv = readFileSync(join(ROOT, 'lists/test/demo.csv'), 'utf8').trim().split('\n').slice(1);
  const addresses = csv.map((row) => row.split(',')[1]);
  assert.equal(addresses.length, 4);
  for (const r of checkAll(join(ROOT, 'dist/lists/default.wrl'), addresses)) {
    assert.equal(r.valid, true, r.input);
    assert.equal(r.risk, null, `${r.input} is a test entry and must not be in the default list`);
  }
});

test('the list the static server serves is that list, and lists the snapshot', async () => {
  const server = spawn(process.execPath, [join(ROOT, 'scripts/static-server.mjs'), SITE, '--port', String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await new Promise((res, rej) => {
      server.stdout.once('data', (d) => res(String(d).trim().split('\n')[0]));
      server.once('exit', (code) => rej(new Error(`static server exited with ${code}`)));
    });
    const response = await fetch(new URL(config.listUrl, url.endsWith('/') ? url : `${url}/`));
    assert.equal(response.status, 200);
    const served = Buffer.from(await response.arrayBuffer());
    assert.deepEqual(served, readFileSync(join(ROOT, 'dist/lists/default.wrl')));
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'wr-default-')), 'served.wrl');
    writeFileSync(file, served);
    const valid = cliLines(['validate'], snapshot.map((e) => e.address)).filter((r) => r.valid).map((r) => r.input);
    const reports = checkAll(file, valid);
    assert.ok(reports.every((r) => r.risk?.category === 'sanctioned'));
  } finally {
    server.kill();
  }
});
