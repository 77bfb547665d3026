// SPDX-License-Identifier: MIT OR Apache-2.0
// The background's verdict path (js/verdict-answer.js, as built into dist/extension/) gives the
// same tree with and without a global `document`.
//
// Why: Chromium runs the background as a service worker (no document: verdict-tree.js installs
// a stand-in), Firefox runs `background.scripts` as an event page, a window whose `document`
// is real and cannot be replaced. There, the page's verdict.js builds real DOM nodes; the
// answer the content script receives must not depend on that. A small fake DOM (the members
// verdict.js and i18n.js use, with real-DOM shapes: nodeType, attributes, childNodes) stands
// in for Firefox's document; the Chromium end-to-end test does the same with a real DOM.
//
// Needs dist/extension/ (scripts/test-extension.sh builds it first) and the publisher CLI.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = join(root, 'dist/extension');
const cli = process.env.WALLET_RISK_CLI ?? join(root, 'target/release/wallet-risk');

const LISTED = '0x7e57000000000000000000000000000000000001';
// Not listed: the Tron address of LISTED's key (same 20 bytes), so `risk.related` names LISTED.
const RELATED = 'TMVEN6VsWxjWNbz5snCeU6u6i4aaZdB5Yc';
const INVALID = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5';
const TRICK = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'.replace('o', 'о'); // Cyrillic o
const CLEAN = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

// ---- A fake DOM with real-DOM shapes (what Firefox's event page gives verdict.js).

class FakeText {
  constructor(data) {
    this.nodeType = 3;
    this.data = String(data);
  }
  get textContent() {
    return this.data;
  }
}

class FakeElement {
  constructor(tag) {
    this.nodeType = 1;
    this.localName = tag;
    this.attributes = [];
    this.childNodes = [];
    this.dataset = {};
    this.hidden = false;
  }
  setAttribute(name, value) {
    const found = this.attributes.find((a) => a.name === name);
    if (found) found.value = String(value);
    else this.attributes.push({ name, value: String(value) });
  }
  set className(value) {
    this.setAttribute('class', value);
  }
  set textContent(value) {
    this.childNodes = [new FakeText(value)];
  }
  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  append(...children) {
    for (const c of children) this.childNodes.push(typeof c === 'string' ? new FakeText(c) : c);
  }
  replaceChildren(...children) {
    this.childNodes = [];
    this.append(...children);
  }
}

function fakeDocument() {
  const doc = {
    created: 0,
    nodeType: 9,
    documentElement: { lang: 'en', dir: 'ltr', dataset: {} },
    createElement: (tag) => {
      doc.created++;
      return new FakeElement(tag);
    },
    createTextNode: (text) => new FakeText(text),
    querySelector: () => null,
    querySelectorAll: () => [],
    title: '',
  };
  return doc;
}

// ---- The built extension's modules, with fetch reading its files.

let core;
let list;
let i18n;
let answerModule;
let standIn;

before(async () => {
  globalThis.fetch = async (url) => {
    const path = join(dist, String(url));
    return { ok: true, status: 200, json: async () => JSON.parse(readFileSync(path, 'utf8')) };
  };
  assert.equal(globalThis.document, undefined, 'Node has no document (the service worker case)');
  core = await import(pathToFileURL(join(dist, 'pkg/index.js')));
  // As background.js does: no source, so the package picks its module (the extension ships
  // only the SIMD one: every browser its manifest admits has SIMD).
  assert.equal(core.simdSupported(), true);
  assert.equal(core.defaultModuleUrl().pathname.split('/').pop(), 'wallet_risk_simd_bg.wasm');
  await core.init();
  // As background.js does: the verdict module (which installs the stand-in document where
  // there is none) is evaluated before the language is set.
  answerModule = await import(pathToFileURL(join(dist, 'js/verdict-answer.js')));
  standIn = globalThis.document;
  i18n = await import(pathToFileURL(join(dist, 'js/i18n.js')));
  await i18n.setLanguage('en');

  const work = mkdtempSync(join(tmpdir(), 'wr-verdict-answer-'));
  try {
    const run = (args) => execFileSync(cli, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    run(['keygen', '--secret-key', join(work, 's'), '--public-key', join(work, 'p'), '--force']);
    const key = readFileSync(join(work, 'p'), 'utf8').split('\n').find((l) => l && !l.startsWith('#')).trim();
    writeFileSync(join(work, 'l.csv'), readFileSync(join(root, 'lists/test/demo.csv')));
    const now = Math.floor(Date.now() / 1000);
    run(['build', '--list-id', 'unit.local/list', '--sequence', '1', '--issued-at', String(now), '--expires-in-days', '7',
      '--out', join(work, 'l.unsigned'), join(work, 'l.csv')]);
    run(['sign', '--secret-key', join(work, 's'), '--out', join(work, 'l.wrl'), join(work, 'l.unsigned')]);
    list = core.loadBlocklist(readFileSync(join(work, 'l.wrl')), { trustedKeys: [key] });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

const CASES = [
  ['listed', LISTED, () => list.check(LISTED), 'ok'],
  ['related', RELATED, () => list.check(RELATED), 'ok'],
  ['invalid', INVALID, () => core.validate(INVALID), 'none'],
  ['trick', TRICK, () => core.validate(TRICK), 'none'],
  ['valid', CLEAN, () => list.check(CLEAN), 'ok'],
];

test('the background verdict is the same tree with and without a document', async () => {
  const { verdictAnswer } = answerModule;
  const stand_in = standIn;
  assert.ok(stand_in, 'the tree document is installed where there is no document');

  const without = CASES.map(([, input, result, listState]) => verdictAnswer(result(), input, listState));
  for (const [i, [kind]] of CASES.entries()) {
    assert.equal(without[i].kind, kind);
    assert.ok(Array.isArray(without[i].body) && without[i].body[0] === 'div', `${kind}: body is a tree`);
  }
  assert.match(JSON.stringify(without[0].body), /STOP|do not send/i);

  // Firefox: the background is a window with its own document, which verdict.js then uses.
  globalThis.document = fakeDocument();
  try {
    const fresh = await import(`${pathToFileURL(join(dist, 'js/verdict-answer.js'))}?with-document`);
    assert.notEqual(globalThis.document, stand_in, 'a real document is left alone');
    const withDoc = CASES.map(([, input, result, listState]) => fresh.verdictAnswer(result(), input, listState));
    assert.ok(globalThis.document.created > 10, 'verdict.js built DOM nodes');
    assert.deepEqual(withDoc, without);
    // Everything in it is plain data the content script can receive (structured clone).
    assert.deepEqual(structuredClone(withDoc), without);
  } finally {
    globalThis.document = stand_in;
  }
});

test('toTree converts DOM nodes: text as text, comments dropped, attributes kept', async () => {
  const { toTree, TreeElement } = await import(pathToFileURL(join(dist, 'js/verdict-tree.js')));
  const doc = fakeDocument();
  const p = doc.createElement('p');
  p.setAttribute('class', 'x');
  p.append('a', doc.createElement('b'), { nodeType: 8, data: 'comment' });
  const outer = new TreeElement('div');
  outer.append(p, 'tail');
  assert.deepEqual(toTree(outer), ['div', {}, ['p', { class: 'x' }, 'a', ['b', {}]], 'tail']);
});
