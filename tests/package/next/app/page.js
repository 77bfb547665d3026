// SPDX-License-Identifier: MIT OR Apache-2.0
// Next.js's App Router page: a server component that renders the client fixture.
import Fixture from './fixture.js';
export default function Page() {
  return <Fixture />;
}
