// SPDX-License-Identifier: MIT OR Apache-2.0
// Vitest with its defaults (no config file): the package loads in its Node environment.
import { expect, test } from 'vitest';
import { init, validate } from 'wallet-risk';

test('init() reads the module from disk and validate() answers', async () => {
  await init();
  expect(validate('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed').chains).toEqual(['evm']);
  expect(validate('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3').error?.code).toBe('checksum-mismatch');
});
