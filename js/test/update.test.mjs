// SPDX-License-Identifier: MIT OR Apache-2.0
// The update path (js/pkg-src/update/) in Node, against real `publish` output served by a
// small HTTP server that sends ETags and answers If-None-Match with 304, and can be told to
// fail: the index read first, a delta from the held sequence, the full list otherwise; 304
// for an unchanged list; a missing or tampered delta falls back to the full list; the cap is
// enforced while streaming; transient failures are retried; the last good list is never lost.
// The same in Chromium against nginx: tests/publish/updates.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  backoffDelay, checkAcross, decide, download, init, isTransient, listsContext, listSource, memoryStore, storeKey,
  updateList, updateLists, validate, withRetries,
} from '../../pkg/index.js';
import { A, LIST_ROWS } from './verdict-cases.mjs';
import { fixtures, manyRows, NOW, publishInto } from './fixtures.mjs';

const HEADER = LIST_ROWS[0];
const ROWS_1 = [HEADER, ...LIST_ROWS.slice(1), ...manyRows(300)];
const ROWS_2 = [...ROWS_1, ...manyRows(3, 300)];
const ROWS_3 = [...ROWS_2, ...manyRows(3, 303)];

let server;
let base;
let root;
/** Every request: {path, headers, status, sent (body bytes written)}. */
const log = [];
/** Per-path overrides: (req, res) => void. */
const faults = new Map();

function etagOf(bytes) {
  return `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
}

before(async () => {
  await init();
  fixtures();
  root = mkdtempSync(join(tmpdir(), 'wallet-risk-update-'));
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const entry = { path, headers: req.headers, status: 0, sent: 0 };
    log.push(entry);
    const write = res.write.bind(res);
    res.write = (chunk, ...rest) => {
      entry.sent += chunk.length;
      return write(chunk, ...rest);
    };
    res.on('close', () => {
      entry.status = res.statusCode;
    });
    const fault = faults.get(path);
    if (fault) return fault(req, res);
    const file = join(root, path);
    if (!path.startsWith('/pub/') || !existsSync(file)) return res.writeHead(404).end();
    const bytes = readFileSync(file);
    const etag = etagOf(bytes);
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { ETag: etag }).end();
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length), ETag: etag });
    res.write(bytes);
    res.end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

const key = () => fixtures().keys.a.publicKey;
const source = (extra = {}) => ({ url: `${base}/pub/index.wri`, listId: 'test.example/scams', trustedKeys: [key()], ...extra });
const fresh = () => {
  rmSync(join(root, 'pub'), { recursive: true, force: true });
  log.length = 0;
  faults.clear();
};
const publish = (rows, sequence) => publishInto(join(root, 'pub'), { rows, sequence, issuedAt: NOW - 3600 + sequence });
const paths = () => log.map((e) => e.path);
const quick = { retryDelayMs: 1 };

describe('updateList with a publication (index.wri)', () => {
  test('first run: the index, then the full list; stored as bytes with its accepted state', async () => {
    fresh();
    publish(ROWS_1, 1);
    const store = memoryStore();
    const out = await updateList(source(), { store, ...quick });
    assert.equal(out.problem, null);
    assert.equal(out.via, 'full');
    assert.equal(out.changed, true);
    assert.equal(out.list.status().sequence, '1');
    assert.deepEqual(paths(), ['/pub/index.wri', '/pub/lists/1.wrl']);
    const record = await store.get(storeKey(listSource(source())));
    assert.ok(record.bytes instanceof Uint8Array, 'bytes, not base64');
    assert.equal(record.accepted.sequence, '1');
    assert.match(record.indexEtag, /^"/);
  });

  test('older sequence: updates by delta, never fetching the full list; unchanged: a 304', async () => {
    fresh();
    publish(ROWS_1, 1);
    const store = memoryStore();
    await updateList(source(), { store, ...quick });
    publish(ROWS_2, 2);
    log.length = 0;
    const out = await updateList(source(), { store, ...quick });
    assert.equal(out.problem, null, out.problem?.message);
    assert.equal(out.via, 'delta');
    assert.equal(out.list.status().sequence, '2');
    assert.equal(out.list.check(`0x${(0xbad00000 + 301).toString(16).padStart(40, '0')}`).risk?.category, 'scam-compound');
    assert.deepEqual(paths(), ['/pub/index.wri', '/pub/deltas/1-2.wrd']);
    const full = readFileSync(join(root, 'pub/lists/2.wrl')).length;
    assert.ok(out.bytes < full / 4, `${out.bytes} bytes for the update, the full list is ${full}`);

    log.length = 0;
    const again = await updateList(source(), { store, ...quick });
    assert.equal(again.via, 'not-modified');
    assert.equal(again.changed, false);
    assert.equal(again.bytes, 0);
    assert.equal(again.list.status().sequence, '2');
    assert.deepEqual(log.map((e) => [e.path, e.status]), [['/pub/index.wri', 304]]);
  });

  test('a missing or tampered delta falls back to the full list', async () => {
    fresh();
    publish(ROWS_1, 1);
    const first = memoryStore();
    await updateList(source(), { store: first, ...quick });
    const saved = await first.get(storeKey(listSource(source())));
    publish(ROWS_2, 2);

    const missing = memoryStore();
    await missing.put(storeKey(listSource(source())), saved);
    faults.set('/pub/deltas/1-2.wrd', (req, res) => res.writeHead(404).end());
    log.length = 0;
    const a = await updateList(source(), { store: missing, ...quick });
    assert.equal(a.via, 'full');
    assert.equal(a.deltaError.code, 'http-error');
    assert.equal(a.list.status().sequence, '2');
    assert.deepEqual(paths(), ['/pub/index.wri', '/pub/deltas/1-2.wrd', '/pub/lists/2.wrl']);

    const tampered = memoryStore();
    await tampered.put(storeKey(listSource(source())), saved);
    const bytes = readFileSync(join(root, 'pub/deltas/1-2.wrd'));
    bytes[bytes.length - 1] ^= 1;
    faults.set('/pub/deltas/1-2.wrd', (req, res) => res.writeHead(200, { 'Content-Length': String(bytes.length) }).end(bytes));
    const b = await updateList(source(), { store: tampered, ...quick });
    assert.equal(b.via, 'full');
    assert.ok(['digest-mismatch', 'bad-signature', 'delta-result-mismatch'].includes(b.deltaError.code), b.deltaError.code);
    assert.equal(b.list.status().sequence, '2');
  });

  test('a delta longer than the index says is cut at the signed size', async () => {
    fresh();
    publish(ROWS_1, 1);
    const store = memoryStore();
    await updateList(source(), { store, ...quick });
    publish(ROWS_2, 2);
    const real = readFileSync(join(root, 'pub/deltas/1-2.wrd'));
    const padded = new Uint8Array(real.length + 100_000);
    padded.set(real);
    faults.set('/pub/deltas/1-2.wrd', (req, res) => {
      res.writeHead(200);
      res.write(padded.subarray(0, 1000));
      // The rest comes later and is never needed.
      setTimeout(() => res.end(padded.subarray(1000)), 50);
    });
    const out = await updateList(source(), { store, ...quick });
    assert.equal(out.deltaError.code, 'too-large');
    assert.equal(out.via, 'full');
    assert.equal(out.list.status().sequence, '2');
  });

  test('a failure keeps the last good list and its stored state; the next run recovers', async () => {
    fresh();
    publish(ROWS_1, 1);
    const store = memoryStore();
    await updateList(source(), { store, ...quick });
    const before = await store.get(storeKey(listSource(source())));
    publish(ROWS_2, 2);
    // The index answers 503 every time: retried, then given up; the list held stays.
    let calls = 0;
    faults.set('/pub/index.wri', (req, res) => {
      calls++;
      res.writeHead(503).end();
    });
    const out = await updateList(source(), { store, retries: 2, ...quick });
    assert.equal(calls, 3, 'one try and two retries');
    assert.equal(out.problem.code, 'http-error');
    assert.equal(out.problem.status, 503);
    assert.equal(out.list.status().sequence, '1');
    assert.deepEqual(await store.get(storeKey(listSource(source()))), before);
    // A full list that does not verify: refused, the list held stays.
    faults.clear();
    faults.set('/pub/lists/2.wrl', (req, res) => res.writeHead(200).end(Buffer.from('not a list at all')));
    faults.set('/pub/deltas/1-2.wrd', (req, res) => res.writeHead(404).end());
    const bad = await updateList(source(), { store, ...quick });
    assert.equal(bad.problem.code, 'not-a-blocklist');
    assert.equal(bad.list.status().sequence, '1');
    faults.clear();
    const good = await updateList(source(), { store, ...quick });
    assert.equal(good.problem, null);
    assert.equal(good.list.status().sequence, '2');
  });

  test('transient failures are retried with back-off; a 404 is not', async () => {
    fresh();
    publish(ROWS_1, 1);
    let calls = 0;
    faults.set('/pub/index.wri', (req, res) => {
      calls++;
      if (calls === 1) return res.destroy();
      faults.delete('/pub/index.wri');
      res.writeHead(502).end();
    });
    const out = await updateList(source(), { store: memoryStore(), retries: 3, ...quick });
    assert.equal(out.problem, null, out.problem?.message);
    assert.equal(out.list.status().sequence, '1');
    const gone = await updateList(source({ url: `${base}/pub/nothing/index.wri` }), { store: memoryStore(), retries: 3, ...quick });
    assert.equal(gone.problem.code, 'http-error');
    assert.equal(log.filter((e) => e.path === '/pub/nothing/index.wri').length, 1);
    assert.equal(isTransient({ code: 'http-error', status: 404 }), false);
    assert.equal(isTransient({ code: 'network-error' }), true);
    assert.deepEqual([0, 1, 2, 3].map((n) => backoffDelay(n, 1000, () => 0.5)), [1000, 2000, 4000, 8000]);
    const waits = [];
    let n = 0;
    await withRetries(async () => {
      if (n++ < 2) throw { code: 'network-error' };
    }, { baseDelayMs: 100, sleep: async (ms) => waits.push(ms) });
    assert.equal(waits.length, 2);
    assert.ok(waits[0] >= 75 && waits[0] <= 125 && waits[1] >= 150 && waits[1] <= 250, String(waits));
  });

  test('an older index (rollback) and another list id are refused; the list held stays', async () => {
    fresh();
    publish(ROWS_2, 2);
    const store = memoryStore();
    await updateList(source(), { store, ...quick });
    const newer = readFileSync(join(root, 'pub/index.wri'));
    fresh();
    publish(ROWS_1, 1);
    const out = await updateList(source(), { store, ...quick });
    assert.equal(out.problem.code, 'rollback');
    assert.equal(out.list.status().sequence, '2');
    writeFileSync(join(root, 'pub/index.wri'), newer);
    const other = await updateList(source({ listId: 'other.example/list' }), { store: memoryStore(), ...quick });
    assert.equal(other.problem.code, 'wrong-list-id');
    assert.equal(other.list, null);
  });

  test('requests carry nothing about the person: no cookie, no referrer, only If-None-Match', async () => {
    fresh();
    publish(ROWS_1, 1);
    const store = memoryStore();
    await updateList(source(), { store, ...quick });
    await updateList(source(), { store, ...quick });
    for (const e of log) {
      assert.equal(e.headers.cookie, undefined);
      assert.equal(e.headers.referer, undefined);
      assert.equal(e.headers.authorization, undefined);
    }
    assert.equal(log[0].headers['if-none-match'], undefined, 'nothing to revalidate on a first run');
    assert.match(log.at(-1).headers['if-none-match'], /^"/);
  });
});

describe('updateList with a plain list URL (no index)', () => {
  test('the list, then a 304 while it is unchanged', async () => {
    fresh();
    publish(ROWS_1, 1);
    const store = memoryStore();
    const src = source({ url: `${base}/pub/default.wrl` });
    const first = await updateList(src, { store, ...quick });
    assert.equal(first.via, 'full');
    const second = await updateList(src, { store, ...quick });
    assert.equal(second.via, 'not-modified');
    assert.equal(second.bytes, 0);
    assert.equal(second.list.status().sequence, '1');
  });
});

describe('download', () => {
  test('the cap is enforced while streaming: an endless body is cut off', async () => {
    let sent = 0;
    let closed = false;
    faults.set('/endless', (req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 1);
      const pump = () => {
        while (!closed && sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (!closed && sent < 64 * 1024 * 1024) res.once('drain', pump);
      };
      res.on('close', () => {
        closed = true;
      });
      pump();
    });
    const meter = { bytes: 0 };
    await assert.rejects(download(`${base}/endless`, { maxBytes: 256 * 1024, meter }), { code: 'too-large' });
    assert.ok(meter.bytes <= 256 * 1024 + 64 * 1024, `read ${meter.bytes}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(closed, 'the connection was closed');
    assert.ok(sent < 64 * 1024 * 1024, 'the server stopped before the end of its body');
  });

  test('a declared Content-Length over the cap is refused before the body is read', async () => {
    faults.set('/declared', (req, res) => res.writeHead(200, { 'Content-Length': '10000000' }).end(Buffer.alloc(10)));
    const meter = { bytes: 0 };
    await assert.rejects(download(`${base}/declared`, { maxBytes: 1000, meter }), { code: 'too-large' });
    assert.equal(meter.bytes, 0);
  });
});

describe('several lists', () => {
  test('one source failing never hides another: the working list still flags its address', async () => {
    fresh();
    publish(ROWS_1, 1);
    const outcomes = await updateLists([
      source({ name: 'Public list' }),
      source({ url: `${base}/pub/broken/index.wri`, listId: 'bank.example/own', name: 'Bank list' }),
    ], { store: memoryStore(), ...quick });
    assert.equal(outcomes[0].problem, null);
    assert.equal(outcomes[1].problem.code, 'http-error');
    const context = { lists: listsContext(outcomes) };
    const listed = decide(checkAcross(outcomes)(A.listedTron), context);
    assert.equal(listed.kind, 'listed');
    assert.deepEqual(listed.listing.lists, [{ id: 'test.example/scams', name: 'Public list' }]);
    const clean = decide(checkAcross(outcomes)(A.cleanEvm), context);
    assert.equal(clean.kind, 'unchecked');
    assert.equal(clean.messages[0].key, 'lists.partial');
    assert.equal(clean.messages[0].params.failed, 'Bank list');
    assert.deepEqual(clean.list.lists.map((l) => [l.id, l.state, l.reason]), [['test.example/scams', 'verified', null], ['bank.example/own', 'unusable', 'http-error']]);
  });

  test('no list held: validate, decided as not looked up', () => {
    const check = checkAcross([{ list: null, source: { listId: 'x', name: null } }]);
    assert.deepEqual(check(A.cleanEvm), validate(A.cleanEvm));
  });

  test('a bad source is refused at once', () => {
    assert.throws(() => listSource({ url: '', listId: 'a', trustedKeys: ['k'] }), { code: 'invalid-argument' });
    assert.throws(() => listSource({ url: 'x', listId: 'Bad Id', trustedKeys: ['k'] }), { code: 'invalid-argument' });
    assert.throws(() => listSource({ url: 'x', listId: 'a', trustedKeys: [] }), { code: 'invalid-argument' });
    assert.equal(storeKey({ listId: 'a', trustedKeys: ['k2', 'k1'] }), storeKey({ listId: 'a', trustedKeys: ['k1', 'k2'] }));
  });
});

describe('the signed size', () => {
  test('a full list larger than the cap is not even requested', async () => {
    fresh();
    publish(ROWS_1, 1);
    const out = await updateList(source({ maxBytes: 1000 }), { store: memoryStore(), ...quick });
    assert.equal(out.problem.code, 'too-large');
    assert.deepEqual(paths(), ['/pub/index.wri']);
  });
});

// An attacker review's rollbacks: each serves an older, validly signed publication after a newer
// one was accepted, through a gap in what the update path remembers.
describe('the rollback guard survives', () => {
  const stored = async (store, src = source()) => (await store.get(storeKey(listSource(src))))?.accepted?.sequence;
  const newerThenOlder = async (store) => {
    fresh();
    publish(ROWS_2, 2);
    await updateList(source(), { store, ...quick });
    fresh();
    publish(ROWS_1, 1);
  };

  test('a store that fails one read: nothing is written, and a clean answer is not calm', async () => {
    const store = memoryStore();
    await newerThenOlder(store);
    let failed = false;
    const flaky = { ...store, get: async (k) => {
      if (!failed) {
        failed = true;
        throw Object.assign(new Error('UnknownError'), { code: 'storage' });
      }
      return store.get(k);
    } };
    const out = await updateList(source(), { store: flaky, ...quick });
    assert.equal(out.storageProblem.code, 'storage');
    assert.equal(out.storeUnread, true);
    assert.equal(await stored(store), '2', 'the newer saved state is not overwritten');
    const context = listsContext([out])[0];
    assert.deepEqual([context.state, context.reason], ['unusable', 'storage']);
    // What the list flags still counts; a clean address is "could not be checked".
    assert.equal(decide(checkAcross([out])(A.listedTron), { list: context }).kind, 'listed');
    assert.equal(decide(checkAcross([out])(A.cleanEvm), { list: context }).kind, 'unchecked');
    // The next run, with the store readable, refuses the older list.
    const next = await updateList(source(), { store, ...quick });
    assert.equal(next.problem.code, 'rollback');
    assert.equal(next.list.status().sequence, '2');
  });

  test('an older state is never written over a newer one stored meanwhile', async () => {
    fresh();
    publish(ROWS_2, 2);
    const elsewhere = memoryStore();
    await updateList(source(), { store: elsewhere, ...quick });
    const newer = await elsewhere.get(storeKey(listSource(source())));
    fresh();
    publish(ROWS_1, 1);
    const store = memoryStore();
    // Another tab stores sequence 2 just after this run read the (empty) store.
    let reads = 0;
    const racing = { ...store, get: async (k) => {
      const record = await store.get(k);
      if (reads++ === 0) await store.put(k, newer);
      return record;
    } };
    const out = await updateList(source(), { store: racing, ...quick });
    assert.equal(out.list.status().sequence, '1');
    assert.equal(await stored(store), '2');
  });

  test('a trusted key added: the state recorded under the old key set still guards', async () => {
    const store = memoryStore();
    await newerThenOlder(store);
    const rotated = source({ trustedKeys: [key(), fixtures().keys.b.publicKey] });
    const out = await updateList(rotated, { store, ...quick });
    assert.equal(out.problem?.code, 'rollback');
    assert.equal(out.list, null);
    assert.equal(await stored(store), '2', 'the old record stays readable');
    assert.equal(await stored(store, rotated), undefined, 'nothing stored for the older list');
  });

  test('a list in memory of another list id is ignored; the stored state still guards', async () => {
    const store = memoryStore();
    await newerThenOlder(store);
    fresh();
    publishInto(join(root, 'pub'), { rows: ROWS_1, sequence: 1, listId: 'other.example/x', issuedAt: NOW - 3600 });
    const otherList = (await updateList(source({ listId: 'other.example/x' }), { store: memoryStore(), ...quick })).list;
    assert.equal(otherList.status().listId, 'other.example/x');
    fresh();
    publish(ROWS_1, 1);
    const out = await updateList(source(), { store, current: otherList, ...quick });
    assert.equal(out.problem.code, 'rollback');
    assert.equal(out.list.status().listId, 'test.example/scams');
    assert.equal(out.list.status().sequence, '2');
  });

  test('a 304 nobody asked for (no list held, no ETag sent) is a problem, not "up to date"', async () => {
    fresh();
    publish(ROWS_1, 1);
    faults.set('/pub/index.wri', (req, res) => res.writeHead(304).end());
    faults.set('/pub/lists/1.wrl', (req, res) => res.writeHead(304).end());
    for (const url of [`${base}/pub/index.wri`, `${base}/pub/lists/1.wrl`]) {
      const out = await updateList(source({ url }), { store: memoryStore(), ...quick });
      assert.equal(out.list, null);
      assert.equal(out.problem?.code, 'http-error', url);
      assert.equal(out.problem.status, 304);
      assert.equal(listsContext([out])[0].state, 'unusable');
    }
  });
});
