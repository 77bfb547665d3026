// SPDX-License-Identifier: MIT OR Apache-2.0
// The package's two modules: init() picks wallet_risk_simd_bg.wasm where the engine supports
// WebAssembly SIMD and wallet_risk_bg.wasm where it does not, and both give the same answers.
//
// Each case imports its own copy of the package (a temporary folder holding only the module
// that case may load): two copies in one process never share wasm-bindgen's glue, and a
// successful init() proves which file was loaded. "No SIMD" is an engine whose
// WebAssembly.validate rejects the package's probe (the only module simdSupported() validates).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { workload } from '../../bench/workload.mjs';
import { fixtures, NOW } from './fixtures.mjs';

const pkgDir = fileURLToPath(new URL('../../pkg/', import.meta.url));
const BASELINE = 'wallet_risk_bg.wasm';
const SIMD = 'wallet_risk_simd_bg.wasm';

const copies = [];

/** A copy of the package's JS and of the given modules only, imported afresh. */
async function packageWith(...modules) {
  const dir = mkdtempSync(join(tmpdir(), 'wallet-risk-simd-'));
  copies.push(dir);
  for (const file of ['index.js', 'decide.js', 'wallet_risk.js', ...modules]) copyFileSync(join(pkgDir, file), join(dir, file));
  cpSync(join(pkgDir, 'update'), join(dir, 'update'), { recursive: true });
  return { dir, pkg: await import(pathToFileURL(join(dir, 'index.js')).href) };
}

/** Runs `body` as an engine without SIMD would, counting the modules it validates. */
async function withoutSimd(body) {
  const validate = WebAssembly.validate;
  const validated = [];
  WebAssembly.validate = (bytes) => {
    validated.push(bytes.length);
    return false;
  };
  try {
    return { result: await body(), validated };
  } finally {
    WebAssembly.validate = validate;
  }
}

// Every input of the benchmark's workload (valid and mistyped addresses of every chain), plus
// inputs whose reports take other paths (errors with positions, payment links, warnings).
const inputs = [
  ...workload.map(([, address]) => address),
  '',
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x52908400098527886E0F7030069857D2E4169Ee7',
  'bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4?amount=1',
  'ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7/transfer?address=0x52908400098527886E0F7030069857D2E4169EE7',
  'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\u200b',
  'bc1pmzfrwwndsqmk5yh69yjr5lfgfg4ev8c0tsc06e',
  'EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N',
  'addr1vpu5vlrf4xkxv2qpwngf6cjhtw542ayty80v8dyr49rf5eg0yu80w',
  '4AdUndXHHZ6cfufTMvppY6JwXNouMBzSkbLYfpAV5Usx3skxNgYeYTRj5UzqtReoS44qo9mtmXCqY45DJ852K5Jv2684Rge',
];

let simdPkg;
let baselinePkg;
let noSimdValidated;

before(async () => {
  ({ pkg: simdPkg } = await packageWith(SIMD));
  await simdPkg.init();
  const { result, validated } = await withoutSimd(async () => {
    const { pkg } = await packageWith(BASELINE);
    assert.equal(pkg.simdSupported(), false);
    await pkg.init();
    return pkg;
  });
  baselinePkg = result;
  noSimdValidated = validated;
});

after(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

test('the probe is a module that an engine with SIMD (Node >= 16.4) accepts', async () => {
  assert.equal(simdPkg.simdSupported(), true);
  assert.equal(simdPkg.defaultModuleUrl().pathname.split('/').pop(), SIMD);
});

test('without SIMD, the default module is the baseline, and the answer is asked for once', () => {
  assert.equal(baselinePkg.simdSupported(), false);
  assert.equal(baselinePkg.defaultModuleUrl().pathname.split('/').pop(), BASELINE);
  // The probe alone was validated, once (init() and defaultModuleUrl() reuse the answer).
  assert.equal(noSimdValidated.length, 1);
  assert.ok(noSimdValidated[0] < 64, `validated a ${noSimdValidated[0]}-byte module, not the probe`);
});

test('init() with SIMD loads the SIMD module, without SIMD the baseline (each copy holds only that file)', () => {
  // Both inits in before() succeeded: the SIMD copy has no baseline file and vice versa.
  assert.equal(simdPkg.validate('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t').chains[0], 'tron');
  assert.equal(baselinePkg.validate('TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t').chains[0], 'tron');
});

test('a caller that passes the baseline module keeps working on an engine with SIMD', async () => {
  const { dir, pkg } = await packageWith(BASELINE);
  assert.equal(pkg.simdSupported(), true);
  await pkg.init(pathToFileURL(join(dir, BASELINE)));
  assert.equal(pkg.validate('').error.code, 'empty');
});

test('both modules give the same validate, validateMany and validateExpecting results', () => {
  assert.ok(inputs.length > 100, `only ${inputs.length} inputs`);
  for (const input of inputs) {
    assert.deepEqual(simdPkg.validate(input), baselinePkg.validate(input), input);
    assert.deepEqual(simdPkg.validateExpecting(input, 'evm'), baselinePkg.validateExpecting(input, 'evm'), input);
  }
  assert.deepEqual(simdPkg.validateMany(inputs), baselinePkg.validateMany(inputs));
});

test('both modules verify lists (SHA-512, Ed25519) and answer checks alike', () => {
  const fx = fixtures();
  const options = { trustedKeys: [fx.keys.a.publicKey], lastAccepted: null, now: NOW };
  const checked = [...inputs, '0x7e57000000000000000000000000000000000001', '0x7e57000000000000000000000000000000000004'];
  const answers = (pkg) => {
    const v1 = pkg.loadBlocklist(fx.v1, options);
    const v2 = v1.applyDelta(fx.delta12, { ...options, lastAccepted: v1.acceptedState() });
    const tampered = fx.v1.slice();
    tampered[tampered.length - 1] ^= 1;
    let rejected = null;
    try {
      pkg.loadBlocklist(tampered, options);
    } catch (err) {
      rejected = err.code;
    }
    return { status: v2.status(NOW), state: v2.acceptedState(), checks: v2.checkMany(checked), rejected };
  };
  const simd = answers(simdPkg);
  assert.notEqual(simd.rejected, null, 'a tampered list was accepted');
  assert.ok(simd.checks.some((c) => c.risk !== null), 'no listed address among the checks');
  assert.deepEqual(simd, answers(baselinePkg));
});
