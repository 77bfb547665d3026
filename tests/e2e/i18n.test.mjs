// SPDX-License-Identifier: MIT OR Apache-2.0
// Every language has every message, with the same placeholders, and every code the core can
// produce (errors, warnings, chains, list categories, list rejections) has a message.
// Codes are read from the Rust sources, so a new code without a translation fails here.

import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const www = join(root, 'www');
const { LANGUAGE_NAMES, LANGUAGES } = await import(join(www, 'js', 'i18n.js'));
const { LIST_REJECTION_REASONS: LIST_REASONS } = await import(join(root, 'js', 'pkg-src', 'decide.js'));

const messages = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, JSON.parse(readFileSync(join(www, 'i18n', `${lang}.json`), 'utf8'))]),
);
const en = messages.en;
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const rust = (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '');
function rustFiles(dir) {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? rustFiles(join(dir, e.name)) : e.name.endsWith('.rs') ? [join(dir, e.name)] : [],
  );
}

test('the i18n folder holds exactly the languages the page offers', () => {
  const files = readdirSync(join(www, 'i18n')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
  assert.deepEqual(files, [...LANGUAGES].sort());
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const select = (id) => html.split(`<select id="${id}"`)[1].split('</select>')[0];
  // index.html names English only; js/i18n.js adds the others (fillLanguageChoices).
  const options = [...select('lang').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(options, ['en']);
  assert.deepEqual(Object.keys(LANGUAGE_NAMES), LANGUAGES);
  for (const lang of LANGUAGES) assert.ok(LANGUAGE_NAMES[lang].trim(), `${lang} has no name`);
});

test('the "I am sending on" selector offers exactly the networks js/network.js knows, each named', async () => {
  const { NETWORKS } = await import(join(www, 'js', 'network.js'));
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const select = html.split('<select id="network"')[1].split('</select>')[0];
  const options = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(options, NETWORKS);
  for (const id of NETWORKS.filter(Boolean)) assert.ok(en[`net.${id}`] ?? en[`chain.${id}`], `net.${id} / chain.${id} missing`);
});

for (const lang of LANGUAGES) {
  test(`${lang}: same keys as English, same placeholders, nothing empty or left in English`, () => {
    const msgs = messages[lang];
    assert.deepEqual(Object.keys(msgs).sort(), Object.keys(en).sort(), `${lang} keys differ from en`);
    for (const [key, text] of Object.entries(msgs)) {
      assert.equal(typeof text, 'string', `${lang} ${key}`);
      assert.ok(text.trim().length > 0, `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(en[key]), `${lang} ${key}: placeholders differ`);
      assert.doesNotMatch(text, /<[a-z/]/i, `${lang} ${key}: markup in a message`);
    }
    if (lang !== 'en') {
      // Sentences (not names) must not be English copies.
      const sentences = Object.keys(en).filter((k) => /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(en[k]) && !k.startsWith('chain.'));
      const copies = sentences.filter((k) => msgs[k] === en[k]);
      assert.deepEqual(copies, [], `${lang}: untranslated messages`);
    }
  });
}

test('Chinese speaks to the reader one way: 您, never 你', () => {
  const informal = Object.entries(messages['zh-CN']).filter(([, text]) => text.includes('你'));
  assert.deepEqual(informal.map(([key]) => key), []);
});

test('every core error code has a message', () => {
  const source = rust('src/error.rs');
  const codes = [...source.matchAll(/ErrorKind::\w+(?:\s*\{\s*\.\.\s*\})?\s*=>\s*"([a-z0-9-]+)"/g)].map((m) => m[1]);
  assert.ok(codes.length >= 17, `found only ${codes.length} error codes in src/error.rs`);
  for (const code of codes) assert.ok(en[`err.${code}`], `err.${code} missing`);
});

test('every warning code the core emits has a message', () => {
  const codes = new Set();
  for (const file of rustFiles('src')) {
    for (const m of rust(file).matchAll(/Warning\s*\{\s*code:\s*"([a-z0-9-]+)"/g)) codes.add(m[1]);
  }
  for (const code of ['payment-uri', 'testnet', 'no-checksum']) codes.add(code);
  for (const code of codes) assert.ok(en[`warn.${code}`], `warn.${code} missing`);
});

test('every chain id has a name', () => {
  // Only the arms of `Chain::id` (other `Chain` matches return names and articles).
  const source = rust('src/address.rs').split('pub const fn id(self)')[1].split('pub const fn')[0];
  const ids = [...source.matchAll(/Chain::\w+\s*=>\s*"([a-z0-9-]+)"/g)].map((m) => m[1]);
  assert.ok(ids.length >= 18);
  for (const id of new Set(ids)) assert.ok(en[`chain.${id}`], `chain.${id} missing`);
});

test('every list category has a name', () => {
  const categories = ['scam-compound', 'romance-scam', 'phishing-drainer', 'address-poisoning', 'sanctioned', 'money-laundering', 'other'];
  const source = rust('src/blocklist/category.rs');
  for (const m of source.matchAll(/Category::\w+\s*=>\s*"([a-z0-9-]+)"/g)) categories.push(m[1]);
  for (const c of new Set(categories)) assert.ok(en[`category.${c}`], `category.${c} missing`);
});

test('every list rejection code maps to a reason with a message', () => {
  const source = rust('src/blocklist/error.rs');
  const codes = [...source.matchAll(/LoadError::\w+(?:\s*\{\s*\.\.\s*\})?\s*=>\s*"([a-z0-9-]+)"/g)].map((m) => m[1]);
  for (const code of codes) assert.ok(Object.hasOwn(LIST_REASONS, code), `LoadError ${code} has no reason`);
  for (const reason of new Set(Object.values(LIST_REASONS))) assert.ok(en[`reason.${reason}`], `reason.${reason} missing`);
});

test('every key the page uses exists', () => {
  const used = new Set();
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  for (const m of html.matchAll(/data-i18n(?:-placeholder)?="([^"]+)"/g)) used.add(m[1]);
  for (const file of ['app.js', 'js/verdict.js', 'js/wording.js', 'js/i18n.js', 'js/list.js', 'js/network.js']) {
    const js = readFileSync(join(www, file), 'utf8');
    for (const m of js.matchAll(/\bt\('([a-zA-Z0-9.-]+)'/g)) used.add(m[1]);
    for (const m of js.matchAll(/'((?:listed|signs)\.[a-z0-9.]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 40, `only ${used.size} keys found`);
  for (const key of used) assert.ok(Object.hasOwn(en, key), `${key} is used but has no message`);
});

test('every message key the package\'s decide can return exists', async () => {
  const source = readFileSync(join(root, 'js', 'pkg-src', 'decide.js'), 'utf8');
  const keys = new Set([...source.matchAll(/\bmsg\('([a-zA-Z0-9.-]+)'/g)].map((m) => m[1]));
  for (const m of source.matchAll(/'((?:listed\.todo|signs)\.\d)'/g)) keys.add(m[1]);
  assert.ok(keys.size > 40, `only ${keys.size} keys found`);
  for (const key of keys) assert.ok(Object.hasOwn(en, key), `${key} is returned by decide but has no message`);
  // Keys made from codes: unit.<unit>, reason.<reason>, net.<choice> of every network choice.
  for (const unit of ['characters', 'bytes']) assert.ok(en[`unit.${unit}`], `unit.${unit}`);
  const { NETWORK_CHOICES } = await import(join(root, 'js', 'pkg-src', 'decide.js'));
  for (const id of Object.keys(NETWORK_CHOICES)) assert.ok(en[`net.${id}`] ?? en[`chain.${id}`], `net.${id} / chain.${id} missing`);
});
