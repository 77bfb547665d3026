#!/usr/bin/env node
// SPDX-License-Identifier: MIT OR Apache-2.0
// A tiny dependency-free static file server for the wallet-risk page (dist/site).
//
// Static files only: no server logic, so any static host can serve the same folder. It sets
// the headers a production host should set (MIME types incl. application/wasm, a strict CSP,
// no-cache for the HTML, config and service worker), gzips text on request and binds to
// 127.0.0.1 only.
//
// Usage: node scripts/static-server.mjs [root] [--port N] [--host H]
// PORT=0 picks a free port; the first stdout line is the URL (tests read it).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};
// Compressible types; the signed list and other binaries are sent as they are.
const GZIP = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.svg', '.txt']);
// Always revalidated: a new deployment (new key, new list URL, new app version) is seen at once.
const NO_CACHE = new Set(['/', '/index.html', '/config.json', '/sw.js']);

// Files up to this size are kept in memory (the page's files are all far smaller), so a request
// costs one stat() instead of stat + open + read + close on the thread pool: on a busy machine
// each of those waits for a thread to be scheduled, which showed up in the page's load time.
const MEMORY_LIMIT = 1024 * 1024;

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** What every response carries; scripts/build-site.sh writes the same into the site's `_headers`. */
export const DEFAULT_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

/** Starts a server for `root`; resolves with `{ server, url }` once listening. */
// `onResponse({method, path, status, bytes})` is called once each response is sent, with the
// body bytes as sent (compressed when gzipped): tests use it to record and measure traffic.
// `csp` replaces the Content-Security-Policy header (tests of embedders' pages use their own).
// `intercept(req, res, pathname)` may answer a request itself and return true (tests use it for
// a list that arrives slowly or a list server that answers with an error); it is given the
// security headers as `res.securityHeaders`.
export function serve(root, { port = 8080, host = '127.0.0.1', log = false, onResponse, csp = CSP, intercept } = {}) {
  const base = resolve(root);
  const SECURITY_HEADERS = { ...DEFAULT_HEADERS, 'Content-Security-Policy': csp };
  // file -> {mtimeMs, size, body, gzipped}: the file's bytes and its precompressed .gz sibling
  // (null when there is none or it is older than the file), as of the file's mtime and size.
  const memory = new Map();
  async function remembered(file, info) {
    if (info.size > MEMORY_LIMIT) return null;
    const hit = memory.get(file);
    if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit;
    const pre = await stat(`${file}.gz`).catch(() => null);
    const [body, gzipped] = await Promise.all([
      readFile(file),
      pre && pre.mtimeMs >= info.mtimeMs ? readFile(`${file}.gz`).catch(() => null) : null,
    ]);
    const entry = { mtimeMs: info.mtimeMs, size: info.size, body, gzipped };
    if (body.length === info.size) memory.set(file, entry);
    return entry;
  }
  const server = createServer(async (req, res) => {
    if (onResponse) {
      let bytes = 0;
      const write = res.write.bind(res);
      const end = res.end.bind(res);
      res.write = (chunk, ...rest) => {
        if (chunk) bytes += Buffer.byteLength(chunk);
        return write(chunk, ...rest);
      };
      res.end = (chunk, ...rest) => {
        if (chunk && typeof chunk !== 'function') bytes += Buffer.byteLength(chunk);
        return end(chunk, ...rest);
      };
      res.on('finish', () => onResponse({ method: req.method, path: req.url, status: res.statusCode, bytes }));
    }
    const send = (status, text) => {
      res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (pathname.includes('\0')) return send(400, 'bad request\n');
    if (intercept) {
      res.securityHeaders = SECURITY_HEADERS;
      if (await intercept(req, res, pathname)) return undefined;
    }
    let file = normalize(join(base, pathname));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'forbidden\n');
    let info;
    try {
      info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
    } catch {
      return send(404, 'not found\n');
    }
    const ext = extname(file).toLowerCase();
    const headers = {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'Cache-Control': NO_CACHE.has(pathname) ? 'no-cache' : 'public, max-age=0, must-revalidate',
      'Last-Modified': info.mtime.toUTCString(),
      ETag: `"${info.size.toString(16)}-${Math.round(info.mtimeMs * 1000).toString(16)}"`,
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === headers.ETag) {
      res.writeHead(304, headers);
      return res.end();
    }
    const gzip = GZIP.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const kept = await remembered(file, info).catch(() => null);
    if (kept && (!gzip || kept.gzipped)) {
      // scripts/build-site.sh writes <file>.gz beside each compressible file: send it as is.
      const body = gzip ? kept.gzipped : kept.body;
      if (gzip) headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      if (log) console.error(`${req.method} ${pathname} 200`);
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    let source = file;
    let compressOnTheFly = false;
    if (gzip) {
      headers['Content-Encoding'] = 'gzip';
      const pre = await stat(`${file}.gz`).catch(() => null);
      if (pre && pre.mtimeMs >= info.mtimeMs) {
        source = `${file}.gz`;
        headers['Content-Length'] = pre.size;
      } else {
        compressOnTheFly = true;
      }
    } else {
      headers['Content-Length'] = info.size;
    }
    res.writeHead(200, headers);
    if (log) console.error(`${req.method} ${pathname} 200`);
    if (req.method === 'HEAD') return res.end();
    const stream = createReadStream(source);
    stream.on('error', () => res.destroy());
    (compressOnTheFly ? stream.pipe(createGzip({ level: 6 })) : stream).pipe(res);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolvePromise({ server, url: `http://${host}:${actual}/` });
    });
  });
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('static-server.mjs');
if (isMain) {
  const args = process.argv.slice(2);
  let root = 'dist/site';
  let port = Number(process.env.PORT ?? 8080);
  let host = process.env.HOST ?? '127.0.0.1';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--host') host = args[++i];
    else root = args[i];
  }
  serve(root, { port, host, log: Boolean(process.env.LOG) }).then(
    ({ url }) => console.log(url),
    (err) => {
      console.error(`static-server: ${err.message}`);
      process.exit(1);
    },
  );
}
