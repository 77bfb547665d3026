// SPDX-License-Identifier: MIT OR Apache-2.0
// init() with bytes the caller read (what a bundler-less app or a test harness does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';

import { init, validate } from '../../pkg/index.js';

test('init(bytes) instantiates from caller-supplied bytes', async () => {
  const bytes = await readFile(new URL('../../pkg/wallet_risk_bg.wasm', import.meta.url));
  await init(bytes);
  assert.equal(validate('').error.code, 'empty');
});

test('the package.json exports resolve to the wrapper and its types', async () => {
  const pkg = JSON.parse(await readFile(new URL('../../pkg/package.json', import.meta.url), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.exports['.'].default, './index.js');
  assert.equal(pkg.exports['.'].types, './index.d.ts');
  for (const file of pkg.files.filter((f) => f !== 'README.md')) {
    const url = new URL(`../../pkg/${file}`, import.meta.url);
    // A folder entry (`i18n/`) must exist and hold files; a file entry must be readable.
    if (file.endsWith('/')) assert.ok((await readdir(url)).length > 0, `${file} is empty`);
    else await readFile(url);
  }
});
