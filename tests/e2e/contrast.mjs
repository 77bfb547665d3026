// SPDX-License-Identifier: MIT OR Apache-2.0
// WCAG contrast of every visible element with text of its own, measured in the page: pass
// `contrastReport` to `page.evaluate` (it is serialised, so it must stay self-contained).

/** `[{tag, cls, text, ratio}]` for every visible element with its own text. */
export function contrastReport() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    const [r, g, b, a = 1] = m[1].split(',').map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('[hidden], .sr-only, noscript') || !el.getClientRects().length) continue;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const [l1, l2] = [lum(parse(getComputedStyle(el).color)), lum(background(el))].sort((x, y) => y - x);
    const ratio = Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
    out.push({ tag: el.tagName, cls: String(el.className), text: el.textContent.slice(0, 40), ratio });
  }
  return out;
}

/** The elements below WCAG AA's 4.5:1. */
export async function lowContrast(page) {
  return (await page.evaluate(contrastReport)).filter((r) => r.ratio < 4.5);
}
