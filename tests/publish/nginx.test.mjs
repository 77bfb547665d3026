// SPDX-License-Identifier: MIT OR Apache-2.0
// The publisher pipeline end to end, the way the daily job runs it (scripts/publish.sh) on
// stored fixtures, with the folder it writes served by Debian's nginx (not the project's own
// server): a client holding yesterday's list reads the signed index, fetches the one delta it
// names, applies it, and has byte for byte today's full list; the removals file took a false
// positive off; an unchanged index costs a 304 with the ETag nginx sends.
//
// Needs nginx (scripts/test-publish.sh installs nginx-light) and target/release/wallet-risk.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = process.env.WALLET_RISK_CLI ?? join(ROOT, 'target/release/wallet-risk');
const PORT = Number(process.env.WALLET_RISK_NGINX_PORT ?? 18162);
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const LIST_ID = 'example.org/sanctions';
const DAY = 86400;
const today = Math.floor(Date.now() / 1000 / DAY) * DAY;
const yesterday = today - DAY;

// The bank's own list: a scam wallet it saw, plus (day 2) one more and one fewer.
const BANK_DAY1 = [
  'chain,address,category,source,date,label',
  'evm,0x1111111111111111111111111111111111111111,scam-compound,Example Bank fraud desk,2024-10-01,',
  'tron,TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t,phishing-drainer,Example Bank fraud desk,2024-10-02,fake support',
  'evm,0x2222222222222222222222222222222222222222,romance-scam,Example Bank fraud desk,2024-10-03,',
];
const BANK_DAY2 = [...BANK_DAY1.filter((l) => !l.includes('0x2222')), 'evm,0x3333333333333333333333333333333333333333,scam-compound,Example Bank fraud desk,2024-10-04,'];
// A false positive the fixture XML still carries: it comes off anyway.
const REMOVED = '0x722122dF12D4e14e13Ac3b6895a86e84145b6967';

let work;
let site;
let nginx;
let origin;
let key;

const cli = (...args) => execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function publish(issuedAt, extra = []) {
  return execFileSync('bash', [join(ROOT, 'scripts/publish.sh'), '--cli', CLI, '--out', site, '--secret-key', join(work, 'sk'),
    '--list-id', LIST_ID, '--sdn-xml', join(ROOT, 'tests/fixtures/sdn_advanced_small.xml'), '--sdn-date', '2024-09-27',
    '--ofac-snapshot', join(ROOT, 'lists/sources/ofac'), '--rows', join(work, 'bank.csv'),
    '--removals', join(work, 'removals.csv'), '--issued-at', String(issuedAt), ...extra],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every file under `dir` with its bytes (to prove a re-run changes nothing). */
function files(dir) {
  return Object.fromEntries(readdirSync(dir, { recursive: true })
    .filter((p) => statSync(join(dir, p)).isFile())
    .sort()
    .map((p) => [p, readFileSync(join(dir, p)).toString('base64')]));
}

async function get(path, headers = {}) {
  const response = await fetch(`${origin}/${path}`, { headers });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'wr-publish-nginx-'));
  chmodSync(work, 0o755); // nginx's workers run as another user when the tests run as root
  site = join(work, 'site');
  cli('keygen', '--secret-key', join(work, 'sk'), '--public-key', join(work, 'pk'));
  key = readFileSync(join(work, 'pk'), 'utf8').split('\n').find((l) => l.startsWith('wrpk1')).trim();
  writeFileSync(join(work, 'removals.csv'), `address,reason,date\n${REMOVED},"false positive: test of the removals file",2024-10-05\n`);
  writeFileSync(join(work, 'bank.csv'), `${BANK_DAY1.join('\n')}\n`);
  publish(yesterday);
  writeFileSync(join(work, 'bank.csv'), `${BANK_DAY2.join('\n')}\n`);
  publish(today);

  if (!NGINX) return;
  const conf = join(work, 'nginx.conf');
  mkdirSync(join(work, 'nginx-tmp'), { recursive: true });
  const tmp = join(work, 'nginx-tmp');
  writeFileSync(conf, `daemon off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  types { application/json json; application/octet-stream wrl wrd wri; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${PORT};
    root ${site};
    # What docs/publishing.md recommends: the index and the stable name revalidate every time,
    # files named by sequence never change.
    location = /index.wri { add_header Cache-Control "no-cache"; }
    location = /default.wrl { add_header Cache-Control "no-cache"; }
    location /lists/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
    location /deltas/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
`);
  nginx = spawn(NGINX, ['-p', work, '-c', conf, '-e', 'stderr'], { stdio: ['ignore', 'inherit', 'inherit'] });
  origin = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${origin}/publication.json`);
      break;
    } catch (err) {
      if (i > 50 || nginx.exitCode !== null) throw new Error(`nginx did not start on ${origin}: ${err.message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

after(() => {
  nginx?.kill('SIGQUIT');
  if (work) rmSync(work, { recursive: true, force: true });
});

test('publish wrote a complete folder: full lists, a delta, the signed index, the record', () => {
  const record = JSON.parse(readFileSync(join(site, 'publication.json'), 'utf8'));
  assert.equal(record.list_id, LIST_ID);
  assert.equal(record.sequence, today);
  assert.deepEqual(record.lists.map((l) => l.sequence), [today, yesterday]);
  assert.deepEqual(record.deltas.map((d) => d.path), [`deltas/${yesterday}-${today}.wrd`]);
  assert.equal(record.inputs['bank.csv'], 3);
  assert.equal(record.inputs['ofac-sdn.jsonl'], 3);
  // The removed address is in the XML and in the snapshot's ETH file: two source rows kept off.
  assert.equal(record.removed, 2);
  for (const p of ['index.wri', 'default.wrl', `lists/${today}.wrl`, `lists/${yesterday}.wrl`, `deltas/${yesterday}-${today}.wrd`]) {
    assert.ok(existsSync(join(site, p)), p);
  }
  // The record says nothing about which address was removed.
  assert.ok(!readFileSync(join(site, 'publication.json'), 'utf8').toLowerCase().includes(REMOVED.toLowerCase()));
});

test('publishing the same day again is a no-op; a different list under the same sequence is refused', () => {
  const before = files(site);
  publish(today);
  assert.deepEqual(files(site), before);
  writeFileSync(join(work, 'bank.csv'), `${BANK_DAY1.join('\n')}\n`);
  assert.throws(() => publish(today), (err) => /already published with different content/.test(err.stderr));
  assert.deepEqual(files(site), before);
  writeFileSync(join(work, 'bank.csv'), `${BANK_DAY2.join('\n')}\n`);
});

test('a shrinking source is refused with its name, and --allow-shrink overrides', () => {
  const before = files(site);
  writeFileSync(join(work, 'bank.csv'), `${BANK_DAY2.slice(0, 2).join('\n')}\n`);
  assert.throws(() => publish(today + 3600), (err) => /refusing to publish/.test(err.stderr) && /bank\.csv/.test(err.stderr) && !/ofac-XBT/.test(err.stderr));
  assert.deepEqual(files(site), before);
  writeFileSync(join(work, 'bank.csv'), `${BANK_DAY2.join('\n')}\n`);
});

test('served by nginx: a client at yesterday\'s list updates through the index and one delta', { skip: NGINX ? false : 'nginx is not installed (scripts/test-publish.sh installs it)' }, async () => {
  const client = join(work, 'client');
  mkdirSync(client, { recursive: true });
  // Yesterday the client downloaded the full list and kept its state.
  const { bytes: held } = await get(`lists/${yesterday}.wrl`);
  writeFileSync(join(client, 'held.wrl'), held);
  const status = JSON.parse(cli('verify', '--key', key, '--list-id', LIST_ID, '--state', join(client, 'state.json'), join(client, 'held.wrl')));
  assert.equal(status.sequence, yesterday);

  // Today: the index first.
  const { response: indexResponse, bytes: index } = await get('index.wri');
  assert.equal(indexResponse.status, 200);
  assert.equal(indexResponse.headers.get('cache-control'), 'no-cache');
  assert.ok(index.length < 1024, `index is ${index.length} bytes`);
  writeFileSync(join(client, 'index.wri'), index);
  const plan = JSON.parse(cli('verify', '--key', key, '--list-id', LIST_ID, '--state', join(client, 'state.json'), join(client, 'index.wri')));
  assert.equal(plan.sequence, today);
  assert.equal(plan.unchanged, false);
  assert.equal(plan.delta.path, `deltas/${yesterday}-${today}.wrd`);

  // Then the delta it names, applied as a client does.
  const { response: deltaResponse, bytes: delta } = await get(plan.delta.path);
  assert.equal(deltaResponse.status, 200);
  assert.equal(delta.length, plan.delta.bytes);
  writeFileSync(join(client, 'delta.wrd'), delta);
  cli('apply-delta', join(client, 'held.wrl'), join(client, 'delta.wrd'), '--key', key, '--list-id', LIST_ID, '--out', join(client, 'new.wrl'));
  const updated = readFileSync(join(client, 'new.wrl'));
  const { bytes: full } = await get(plan.full_list);
  const { bytes: latest } = await get('default.wrl');
  assert.deepEqual(updated, full);
  assert.deepEqual(updated, latest);
  assert.equal(full.length, plan.full_list_bytes);
  console.log(`nginx: index ${index.length} B, delta ${delta.length} B, full list ${full.length} B`);

  // What the update changed: the bank's additions and deletions; the removal holds.
  const check = (address) => {
    try {
      return JSON.parse(cli('check', '--list', join(client, 'new.wrl'), '--key', key, address));
    } catch (err) {
      if (err.status !== 3) throw err;
      return JSON.parse(err.stdout);
    }
  };
  assert.equal(check('0x3333333333333333333333333333333333333333').risk?.source, 'Example Bank fraud desk');
  assert.equal(check('0x2222222222222222222222222222222222222222').risk, null);
  assert.equal(check(REMOVED).risk, null);
  assert.equal(check('0x8589427373D6D84E98730D7795D8f6f8731FDA16').risk?.category, 'sanctioned');
  assert.equal(check('TBHTJqAy4DhHhmT3dNceJYNRz4SdLofLre').risk?.source, 'OFAC SDN');

  // Now at today's list: the index says unchanged, and nginx answers a revalidation with 304.
  cli('verify', '--key', key, '--list-id', LIST_ID, '--state', join(client, 'state.json'), join(client, 'new.wrl'));
  const again = JSON.parse(cli('verify', '--key', key, '--list-id', LIST_ID, '--state', join(client, 'state.json'), join(client, 'index.wri')));
  assert.equal(again.unchanged, true);
  const etag = indexResponse.headers.get('etag');
  assert.ok(etag, 'nginx sends an ETag for the index');
  const { response: notModified } = await get('index.wri', { 'If-None-Match': etag });
  assert.equal(notModified.status, 304);
});

test('served by nginx: a tampered index or delta is refused', { skip: NGINX ? false : 'nginx is not installed' }, async () => {
  const { bytes: index } = await get('index.wri');
  const tampered = Buffer.from(index);
  tampered[tampered.length - 100] ^= 1;
  writeFileSync(join(work, 'tampered.wri'), tampered);
  assert.throws(() => cli('verify', '--key', key, join(work, 'tampered.wri')), (err) => /rejected/.test(err.stderr));
  const { bytes: delta } = await get(`deltas/${yesterday}-${today}.wrd`);
  const bad = Buffer.from(delta);
  bad[bad.length - 1] ^= 1;
  writeFileSync(join(work, 'bad.wrd'), bad);
  assert.throws(() => cli('apply-delta', join(site, `lists/${yesterday}.wrl`), join(work, 'bad.wrd'), '--key', key, '--out', join(work, 'x.wrl')),
    (err) => /rejected/.test(err.stderr));
});
