// SPDX-License-Identifier: MIT OR Apache-2.0
// Jest with its defaults, in its ES-module mode (node --experimental-vm-modules): the package is
// ES modules only, which Jest's default CommonJS mode cannot load from node_modules.
import { expect, test } from '@jest/globals';
import { init, validate } from 'wallet-risk';

test('init() reads the module from disk and validate() answers', async () => {
  await init();
  expect(validate('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed').chains).toEqual(['evm']);
  expect(validate('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3').error?.code).toBe('checksum-mismatch');
});
