// SPDX-License-Identifier: MIT OR Apache-2.0
// Node, CommonJS: require() of the ES-module package (Node >= 20.19 / 22.12 load ES modules
// from require()). Usage: node node/check.cjs; prints JSON.
const { init, validate } = require('wallet-risk');

init().then(() => {
  const v = validate('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3');
  console.log(JSON.stringify({ valid: v.valid, error: v.error?.code ?? null, clean: validate('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed').valid }));
});
