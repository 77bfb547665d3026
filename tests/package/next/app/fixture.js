'use client';
// SPDX-License-Identifier: MIT OR Apache-2.0
// A client component: pre-rendered in Node at build time (importing the widget must not throw
// there), hydrated in the browser, where the effect starts the shared fixture app.
import { useEffect } from 'react';
import 'wallet-risk/widget';

export default function Fixture() {
  useEffect(() => {
    import('../../app/app.js');
  }, []);
  return <pre id="status">loading</pre>;
}
