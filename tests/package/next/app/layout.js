// SPDX-License-Identifier: MIT OR Apache-2.0
export const metadata = { title: 'wallet-risk package fixture (Next.js)' };
export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
