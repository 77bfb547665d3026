#!/usr/bin/env node
// SPDX-License-Identifier: MIT OR Apache-2.0
// Joins the page's own ES modules into one ES module, at build time (scripts/build-site.sh).
//
// Why: on a first visit every module is a request of its own, and each one costs the browser's
// main thread and network stack time before the first verdict can appear (measured: about 25 ms
// of ~295 ms on 2 busy cores, nine of the page's modules against one; see README "Measured"). The sources stay
// separate modules in www/; only the assembled site holds the joined file.
//
// Usage: node scripts/bundle-page.mjs SITE_DIR ENTRY
//   Replaces SITE_DIR/ENTRY (e.g. app.js) with the entry and every module it imports from
//   SITE_DIR, and deletes those modules' files. Imports from outside the joined set (the
//   WebAssembly package in pkg/) stay real imports.
//
// Not a general bundler: it accepts only the forms the page's sources use, one statement per
// line at the start of the line, and stops with an error on anything else:
//   import { a, b as c } from './x.js';      import * as ns from './x.js';
//   export function f / export async function f / export const x / export class C;  export { a, b };
// Each module runs once, in import order, inside its own function scope (names cannot clash);
// `import.meta.url` keeps meaning the module's own address. Joined modules may not import each
// other in a cycle, and exported bindings must not be reassigned (exports are `const`/functions).
// Packages (pkg/) may only be imported as namespaces, which stay live.

import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';

const IMPORT_NAMED = /^import \{([^}]*)\} from '([^']+)';\s*$/;
const IMPORT_NAMESPACE = /^import \* as (\w+) from '([^']+)';\s*$/;
const EXPORT_DECLARATION = /^export (?:async function\*?|function\*?|const|class) (\w+)/;
const EXPORT_LIST = /^export \{([^}]*)\};\s*$/;
// A line that starts a statement we do not understand: refuse rather than guess.
const UNHANDLED = /^\s*(?:import\b(?!\()|export\b)|\bimport\s*\(|\bexport\s+(?:let|var|default)\b/;

class BundleError extends Error {}

function fail(file, line, message) {
  throw new BundleError(`bundle-page: ${file}${line ? `:${line}` : ''}: ${message}`);
}

/** `a, b as c` → [['a', 'a'], ['b', 'c']] (exported name, local name). */
function specifiers(list, file, line) {
  return list.split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const m = /^(\w+)(?:\s+as\s+(\w+))?$/.exec(s);
    if (!m) fail(file, line, `cannot read the import/export list entry '${s}'`);
    return [m[1], m[2] ?? m[1]];
  });
}

/** Joins `entry` (a path relative to `root`) and the modules it imports; returns the text. */
export function bundle(root, entry) {
  const modules = new Map(); // site path -> {body, exports, usesUrl}
  const externals = new Map(); // site path -> local namespace name
  const order = [];
  const visiting = new Set();
  const idOf = (path) => `__module_${path.replace(/\.m?js$/, '').replace(/[^A-Za-z0-9]/g, '_')}`;

  function load(path) {
    if (modules.has(path)) return;
    if (visiting.has(path)) fail(path, 0, 'import cycle: joined modules may not import each other in a circle');
    visiting.add(path);
    const file = join(root, path);
    if (!existsSync(file)) fail(path, 0, 'imported but missing');
    const lines = readFileSync(file, 'utf8').split('\n');
    const exportNames = [];
    const body = [];
    const ownUrl = (text) => text.replaceAll('import.meta.url', `${idOf(path)}_url`);
    lines.forEach((text, i) => {
      const line = i + 1;
      let m;
      const resolveFrom = (spec) => {
        if (!spec.startsWith('./') && !spec.startsWith('../')) fail(path, line, `bare import '${spec}' (only relative paths)`);
        return posix.normalize(posix.join(posix.dirname(path), spec));
      };
      if ((m = IMPORT_NAMED.exec(text))) {
        const target = resolveFrom(m[2]);
        if (target.startsWith('pkg/')) fail(path, line, `import the package as a namespace (import * as x from '${m[2]}')`);
        load(target);
        const pairs = specifiers(m[1], path, line).map(([name, local]) => (name === local ? name : `${name}: ${local}`));
        body.push(`const { ${pairs.join(', ')} } = ${idOf(target)};`);
      } else if ((m = IMPORT_NAMESPACE.exec(text))) {
        const target = resolveFrom(m[2]);
        if (target.startsWith('pkg/')) {
          if (!externals.has(target)) externals.set(target, `__package_${externals.size}`);
          body.push(`const ${m[1]} = ${externals.get(target)};`);
        } else {
          load(target);
          body.push(`const ${m[1]} = ${idOf(target)};`);
        }
      } else if ((m = EXPORT_LIST.exec(text))) {
        for (const [local, name] of specifiers(m[1], path, line)) exportNames.push([name, local]);
        body.push('');
      } else if ((m = EXPORT_DECLARATION.exec(text))) {
        exportNames.push([m[1], m[1]]);
        body.push(ownUrl(text.slice('export '.length)));
      } else if (UNHANDLED.test(text) && !/^\s*(\/\/|\*|\/\*)/.test(text)) {
        fail(path, line, `unsupported import/export form: ${text.trim()}`);
      } else {
        body.push(ownUrl(text));
      }
    });
    const source = lines.join('\n');
    if (source.includes('__module_') || source.includes('__package_')) fail(path, 0, 'uses a name reserved for the joined file');
    visiting.delete(path);
    modules.set(path, { body, exports: exportNames, usesUrl: source.includes('import.meta.url') });
    order.push(path);
  }

  load(entry);
  const fromBundle = (path) => {
    const rel = posix.relative(posix.dirname(entry), path);
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  const out = [
    '// SPDX-License-Identifier: MIT OR Apache-2.0',
    `// Built by scripts/bundle-page.mjs from ${order.join(', ')} (the sources are in www/).`,
  ];
  for (const [path, name] of externals) out.push(`import * as ${name} from '${fromBundle(path)}';`);
  for (const path of order) {
    const { body, exports, usesUrl } = modules.get(path);
    out.push('', `// ---- ${path} ${'-'.repeat(Math.max(0, 90 - path.length))}`);
    if (usesUrl) out.push(`const ${idOf(path)}_url = new URL('${fromBundle(path)}', import.meta.url).href;`);
    if (path === entry) {
      if (exports.length) fail(path, 0, 'the entry module may not export anything');
      out.push(...body);
    } else {
      const list = exports.map(([name, local]) => (name === local ? name : `${name}: ${local}`));
      out.push(`const ${idOf(path)} = (() => {`, ...body, `return Object.freeze({ ${list.join(', ')} });`, '})();');
    }
  }
  return { text: `${out.join('\n')}\n`, joined: order };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [root, entry] = process.argv.slice(2);
  if (!root || !entry) {
    console.error('usage: node scripts/bundle-page.mjs SITE_DIR ENTRY');
    process.exit(2);
  }
  try {
    const { text, joined } = bundle(root, entry);
    for (const path of joined) if (path !== entry) rmSync(join(root, path));
    // Folders the joined modules leave empty (js/) go too.
    for (const dir of new Set(joined.map((p) => posix.dirname(p)))) {
      if (dir !== '.' && readdirSync(join(root, dir)).length === 0) rmdirSync(join(root, dir));
    }
    writeFileSync(join(root, entry), text);
    console.error(`==> ${entry}: ${joined.length} modules joined (${text.length} bytes)`);
  } catch (err) {
    if (!(err instanceof BundleError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}
