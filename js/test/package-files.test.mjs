// SPDX-License-Identifier: MIT OR Apache-2.0
// What the npm package ships (pkg/, built by scripts/build-wasm.sh): its own short README with
// absolute links (relative ones break on the registry's page), both licences, metadata, and
// only files something can reach. scripts/test-package.sh checks the packed tarball in apps.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const pkgUrl = new URL('../../pkg/', import.meta.url);
const read = (file) => readFile(new URL(file, pkgUrl), 'utf8');
const manifest = JSON.parse(await read('package.json'));

test("the README is the package's own, and every link in it is absolute", async () => {
  const readme = await read('README.md');
  assert.ok(readme.length < 12000, `README.md is ${readme.length} characters: the npm page, not the repository's`);
  const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
  assert.ok(links.length > 0);
  const home = manifest.homepage.replace(/#.*$/, '');
  for (const link of links) assert.ok(link.startsWith(`${home}#`) || link.startsWith(`${home}/`), `${link} is not under ${home}`);
});

test('both licences, and the metadata the registry shows', async () => {
  assert.match(await read('LICENSE-MIT'), /Permission is hereby granted, free of charge/);
  assert.match(await read('LICENSE-APACHE'), /Apache License\s+Version 2\.0/);
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  for (const field of ['description', 'homepage', 'repository', 'bugs', 'keywords', 'engines']) assert.ok(manifest[field], field);
  assert.ok(manifest.files.includes('LICENSE-MIT') && manifest.files.includes('LICENSE-APACHE'));
});

test('every shipped type file is reachable from an export; wasm-bindgen\'s own .d.ts are not shipped', () => {
  assert.deepEqual(manifest.files.filter((f) => f.endsWith('.d.ts')).sort(), ['index.d.ts', 'widget/wallet-risk-check.d.ts']);
  assert.equal(manifest.exports['.'].types, './index.d.ts');
  assert.equal(manifest.exports['./widget'].types, './widget/wallet-risk-check.d.ts');
  assert.equal(manifest.exports['./i18n/*'], './i18n/*', 'i18n/<lang>.js with its <lang>.d.ts');
});
