// SPDX-License-Identifier: MIT OR Apache-2.0
// scripts/bundle-page.mjs: the page's modules joined into one, with the modules' meaning kept
// (each runs once, in import order, in its own scope) and anything it does not understand refused.

import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { bundle } from '../../scripts/bundle-page.mjs';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'www');

async function site(files) {
  const root = await mkdtemp(join(tmpdir(), 'bundle-page-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** Runs a joined module's text in Node (as a data: URL module) and returns what it logged. */
async function run(text) {
  const logged = [];
  globalThis.__log = (x) => logged.push(x);
  try {
    await import(`data:text/javascript,${encodeURIComponent(text)}`);
  } finally {
    delete globalThis.__log;
  }
  return logged;
}

test("the page's modules: boot.js's imports and boot.js run first, the entry last, the package stays an import", () => {
  const { text, joined } = bundle(WWW, 'app.js');
  assert.deepEqual(joined.slice(0, 3), ['js/wording.js', 'js/i18n.js', 'js/boot.js']);
  assert.equal(joined.at(-1), 'app.js');
  for (const m of ['js/core.js', 'js/verdict.js', 'js/network.js', 'js/list.js']) assert.ok(joined.includes(m), m);
  assert.match(text, /^import \* as __package_0 from '\.\/pkg\/index\.js';$/m);
  assert.equal(text.match(/^\s*(?:import|export)\b(?!\s*\*\s*as __package_)/gm), null, 'no other import or export statement is left');
  // boot.js asks the package which module to fetch (the package resolves it next to itself).
  assert.match(text, /WebAssembly\.compileStreaming\(fetch\(\w+\.defaultModuleUrl\(\)\)\)/);
});

test('each module runs once, in import order, with its own names; renamed imports and export lists work', async () => {
  const root = await site({
    'main.js': [
      "import { a, shared as fromB } from './lib/b.js';",
      "import * as c from './lib/c.js';",
      '__log(`main ${a()} ${fromB} ${c.shared} ${c.again}`);',
    ].join('\n'),
    'lib/b.js': [
      "import { shared as fromC } from './c.js';",
      "__log('b');",
      'const shared = `b+${fromC}`;',
      'export function a() { return "a"; }',
      'export { shared };',
    ].join('\n'),
    'lib/c.js': ["__log('c');", "export const shared = 'c';", 'export const again = import.meta.url.endsWith("/lib/c.js");'].join('\n'),
  });
  try {
    const { text, joined } = bundle(root, 'main.js');
    assert.deepEqual(joined, ['lib/c.js', 'lib/b.js', 'main.js']);
    // A data: URL has no folder of its own; give import.meta.url one for the check above.
    const logged = await run(text.replace(/import\.meta\.url\)/g, "'file:///site/main.js')"));
    assert.deepEqual(logged, ['c', 'b', 'main a b+c c true']);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('forms it does not understand are refused, naming the file and line', async () => {
  const cases = {
    'export default 1;': /lib\.js:1: unsupported import\/export form/,
    'export let x = 1;': /lib\.js:1: unsupported import\/export form/,
    "const m = import('./other.js');": /lib\.js:1: unsupported import\/export form/,
    "import x from './other.js';": /lib\.js:1: unsupported import\/export form/,
    "import {\n  a } from './other.js';": /lib\.js:1: unsupported import\/export form/,
    "import { a } from 'bare';": /lib\.js:1: bare import 'bare'/,
    "import { a } from './main.js';": /import cycle/,
    "import { a } from './missing.js';": /missing\.js: imported but missing/,
  };
  for (const [source, message] of Object.entries(cases)) {
    const root = await site({ 'main.js': "import { z } from './lib.js';\n", 'lib.js': `${source}\nexport const z = 1;\n` });
    try {
      assert.throws(() => bundle(root, 'main.js'), message, source);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
});
