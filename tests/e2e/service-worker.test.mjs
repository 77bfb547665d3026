// SPDX-License-Identifier: MIT OR Apache-2.0
// The service worker picks the WebAssembly module to precache as the package picks the one to
// load: with its own copy of the package's SIMD probe (a classic worker cannot import the
// package), which must stay byte for byte the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The bytes of `const SIMD_PROBE = new Uint8Array([...]);` in `source`, comments dropped. */
function probe(source, file) {
  const m = source.match(/const SIMD_PROBE = new Uint8Array\(\[([^\]]*)\]\);/);
  assert.ok(m, `${file}: no SIMD_PROBE`);
  const bytes = m[1].replace(/\/\/[^\n]*/g, '').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  assert.ok(bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255), `${file}: SIMD_PROBE is not bytes`);
  return new Uint8Array(bytes);
}

test("sw.js's SIMD probe is the package's, and a SIMD engine (Node) accepts it", () => {
  const pkgProbe = probe(read('js/pkg-src/index.js'), 'js/pkg-src/index.js');
  const swProbe = probe(read('www/sw.js'), 'www/sw.js');
  assert.deepEqual(swProbe, pkgProbe);
  assert.equal(WebAssembly.validate(swProbe), true);
});

test('sw.js names the two modules the package chooses between', () => {
  const pkg = read('js/pkg-src/index.js');
  const sw = read('www/sw.js');
  for (const file of ['wallet_risk_simd_bg.wasm', 'wallet_risk_bg.wasm']) {
    assert.match(pkg, new RegExp(`'\\./${file.replace(/\./g, '\\.')}'`));
    assert.match(sw, new RegExp(`'pkg/${file.replace(/\./g, '\\.')}'`));
  }
});
