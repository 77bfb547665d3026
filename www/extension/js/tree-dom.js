// SPDX-License-Identifier: MIT OR Apache-2.0
// Rebuilds a verdict tree from the worker (js/verdict-tree.js) as DOM, for extension pages.
// Allowed tags and attributes only; text is always text. (content.js has the same few lines:
// a classic content script cannot import modules.)

const TAGS = new Set(['div', 'p', 'ul', 'ol', 'li', 'b', 'mark', 'h3', 'a', 'span']);
const ATTRS = new Set(['class', 'data-testid', 'data-code', 'lang', 'translate', 'rel', 'target', 'referrerpolicy']);

export function build(node) {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, attrs, ...children] = node;
  const el = document.createElement(TAGS.has(tag) ? tag : 'span');
  for (const [name, value] of Object.entries(attrs)) {
    if (ATTRS.has(name)) el.setAttribute(name, value);
    else if (name === 'href' && /^https:\/\//i.test(value)) el.setAttribute('href', value);
  }
  for (const child of children) el.append(build(child));
  return el;
}
