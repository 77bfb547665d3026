// SPDX-License-Identifier: MIT OR Apache-2.0
// What keeping a list current costs a client, in bytes on the wire (issue 17). Prints figures,
// asserts nothing: `node bench/updates-bench.mjs [sizes…]` (default 10000 100000 1000000;
// ~1 min for the three on a 2-core machine, so not in CI).
//
// For each size: a publication with `wallet-risk publish` (day 0), a client that takes it with
// the package's update path (`updateList`, as every surface does), then day 1's publication
// with churn, and the client checking every 6 hours: the first check after the publication
// reads the signed index and the delta, the three others get a 304 of the index. Bytes are
// what Debian's nginx logs as sent ($bytes_sent: status line, headers and body) plus what the
// client sent ($request_length). "Before" is what surfaces did until now: the full list
// downloaded four times a day, with no conditional request (the extension's schedule).
//
// Two churn rates: 1 % of entries changing a day (0.5 % added, 0.5 % removed), and 2 % (1 %
// added, 1 % removed). Entries carry a realistic spread of metadata (3 categories × 365 dates
// → ~1,100 records), because a delta carries the target's record table whole.
//
// Needs target/release/wallet-risk (cargo build --release) and pkg/ (scripts/build-wasm.sh), and
// nginx (scripts/setup.sh installs it).

import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = process.env.WALLET_RISK_CLI ?? join(ROOT, 'target/release/wallet-risk');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const PORT = Number(process.env.WALLET_RISK_BENCH_PORT ?? 18302);
const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = SIZES.length ? SIZES : [10_000, 100_000, 1_000_000];
const CHURN = [0.01, 0.02];
const CHECKS_PER_DAY = 4;

if (!existsSync(CLI) || !NGINX || !existsSync(join(ROOT, 'pkg/index.js'))) {
  console.error('updates-bench: needs target/release/wallet-risk, nginx and pkg/ (cargo build --release; scripts/setup.sh; scripts/build-wasm.sh)');
  process.exit(2);
}
const wr = await import(pathToFileURL(join(ROOT, 'pkg/index.js')).href);
await wr.init();

const work = mkdtempSync(join(tmpdir(), 'wr-updates-bench-'));
chmodSync(work, 0o755);
const site = join(work, 'site');
mkdirSync(site);
const cli = (...args) => execFileSync(CLI, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
cli('keygen', '--secret-key', join(work, 'sk'), '--public-key', join(work, 'pk'));
const key = readFileSync(join(work, 'pk'), 'utf8').split('\n').find((l) => l.startsWith('wrpk1')).trim();

const CATEGORIES = ['scam-compound', 'phishing-drainer', 'romance-scam'];
function row(i) {
  const hex = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + i.toString(16).padStart(32, '0');
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
  return `evm,0x${hex},${CATEGORIES[i % 3]},bench source,,2024-${month}-${day},`;
}
function csv(file, from, to) {
  const lines = ['chain,address,category,source,source_url,date,label'];
  for (let i = from; i < to; i++) lines.push(row(i));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const tmp = join(work, 'nginx-tmp');
mkdirSync(tmp);
writeFileSync(join(work, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${join(work, 'nginx.pid')};
error_log stderr crit;
events { worker_connections 64; }
http {
  log_format sizes '$uri $status $bytes_sent $request_length';
  access_log ${join(work, 'access.log')} sizes;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  types { application/octet-stream wrl wrd wri; }
  server {
    listen 127.0.0.1:${PORT};
    root ${site};
    location ~ /index\\.wri$ { add_header Cache-Control "no-cache"; }
    location ~ /(lists|deltas)/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
`);
const nginx = spawn(NGINX, ['-p', work, '-c', join(work, 'nginx.conf'), '-e', 'stderr'], { stdio: ['ignore', 'inherit', 'inherit'] });
const origin = `http://127.0.0.1:${PORT}`;
for (let i = 0; ; i++) {
  try {
    await fetch(`${origin}/`);
    break;
  } catch (err) {
    if (i > 50) throw err;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function served() {
  const text = existsSync(join(work, 'access.log')) ? readFileSync(join(work, 'access.log'), 'utf8') : '';
  return text.split('\n').filter(Boolean).map((line) => {
    const [path, status, sent, received] = line.split(' ');
    return { path, status: Number(status), down: Number(sent), up: Number(received) };
  });
}

const fmt = (n) => n.toLocaleString('en-US');
const results = [];
const NOW = Math.floor(Date.now() / 1000);
try {
  for (const n of sizes) {
    for (const churn of CHURN) {
      const name = `n${n}-c${churn * 100}`;
      const out = join(site, name);
      const t0 = performance.now();
      csv(join(work, `${name}.csv`), 0, n);
      cli('publish', '--out', out, '--secret-key', join(work, 'sk'), '--list-id', 'bench.example/list', '--sequence', '1', '--issued-at', String(NOW - 7200), join(work, `${name}.csv`));
      const source = { url: `${origin}/${name}/index.wri`, listId: 'bench.example/list', trustedKeys: [key], maxBytes: 64 << 20 };
      const store = wr.memoryStore();
      const first = await wr.updateList(source, { store });
      if (first.via !== 'full') throw new Error(`${name}: first run via ${first.via}: ${first.problem?.message}`);
      // Day 1: `churn` of the entries change, half added, half removed.
      const changed = Math.round((n * churn) / 2);
      csv(join(work, `${name}.csv`), changed, n + changed);
      cli('publish', '--out', out, '--secret-key', join(work, 'sk'), '--list-id', 'bench.example/list', '--sequence', '2', '--issued-at', String(NOW - 3600), '--allow-shrink', join(work, `${name}.csv`));
      const publishSeconds = (performance.now() - t0) / 1000;
      const from = served().length;
      const vias = [];
      for (let check = 0; check < CHECKS_PER_DAY; check++) vias.push((await wr.updateList(source, { store })).via);
      const day = served().slice(from);
      const full = statSync(join(out, 'lists/2.wrl')).size;
      const delta = statSync(join(out, 'deltas/1-2.wrd')).size;
      const index = statSync(join(out, 'index.wri')).size;
      const wire = day.reduce((s, r) => s + r.down + r.up, 0);
      const unchanged = day.filter((r) => r.status === 304);
      const unchangedWire = unchanged.length ? Math.max(...unchanged.map((r) => r.down + r.up)) : null;
      const fullOnce = await fetch(`${origin}/${name}/lists/2.wrl`).then((r) => r.arrayBuffer());
      const fullWire = served().at(-1);
      const before = CHECKS_PER_DAY * (fullWire.down + fullWire.up);
      results.push({ n, churn, full, delta, index, wire, before, unchangedWire, vias, publishSeconds, fullBytes: fullOnce.byteLength });
      rmSync(out, { recursive: true, force: true });
    }
  }
} finally {
  nginx.kill('SIGQUIT');
  rmSync(work, { recursive: true, force: true });
}

console.log(`Keeping a list current, a client checking every 6 h (${CHECKS_PER_DAY} checks a day), bytes on the wire (nginx: headers and body, both ways):\n`);
console.log('| entries | churn a day | full list | delta | index | a day now (1 index + 1 delta + 3 × 304) | before (4 full downloads) | now / before | a day / full list | unchanged check |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${fmt(r.n)} | ${r.churn * 100} % | ${fmt(r.full)} B | ${fmt(r.delta)} B | ${fmt(r.index)} B | ${fmt(r.wire)} B | ${fmt(r.before)} B | ${((r.wire / r.before) * 100).toFixed(2)} % | ${((r.wire / r.full) * 100).toFixed(2)} % | ${r.unchangedWire === null ? '—' : `${fmt(r.unchangedWire)} B`} |`);
}
console.log(`\nchecks: ${results.map((r) => `${r.n}/${r.churn * 100}%: ${r.vias.join(', ')}`).join('; ')}`);
console.log(`publishing (two publications, CSV generation included): ${results.map((r) => `${fmt(r.n)}: ${r.publishSeconds.toFixed(1)} s`).join(', ')}`);
const goal = results.find((r) => r.n === 1_000_000 && r.churn === 0.01);
if (goal) {
  console.log(`\ngoal: a day's update at 1M entries ≤ 1 % of the full list: ${((goal.wire / goal.full) * 100).toFixed(2)} % (${goal.wire <= goal.full / 100 ? 'met' : 'not met'}); an unchanged check ≤ 1 KB: ${fmt(goal.unchangedWire)} B (${goal.unchangedWire <= 1024 ? 'met' : 'not met'})`);
}
