// SPDX-License-Identifier: MIT OR Apache-2.0
// Vite's entry: the shared fixture app (../app/app.js).
import '../app/app.js';
