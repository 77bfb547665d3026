// SPDX-License-Identifier: MIT OR Apache-2.0
// The one setting a static site needs (the framework's own, not a bundler configuration).
export default { output: 'export' };
