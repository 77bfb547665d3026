// SPDX-License-Identifier: MIT OR Apache-2.0
// Runs the page's own verdict code (www/js/verdict.js and i18n.js, copied unchanged into the
// extension) inside the service worker, which has no DOM, and returns its output as a plain
// tree the content script can rebuild.
//
// Why: the warning shown on an exchange must say exactly what the page says (same wording,
// same choice of message, all ten languages) without loading translations or the verdict
// code into every exchange tab. The worker owns both; the content script only draws.
//
// A tree node is `[tag, {attribute: value}, ...children]`; a child is a node or a string.
//
// Where the background has a real `document` (Firefox runs `background.scripts` as an event
// page, a window) verdict.js builds real DOM nodes, and a window's `document` cannot be
// replaced. `toTree` therefore accepts both kinds of node and gives the same tree for either,
// so the verdict the content script receives does not depend on which browser made it.

const VOID = null;

class TreeElement {
  constructor(tag) {
    this.tag = tag;
    this.attrs = {};
    this.children = [];
    this.dataset = {};
    this.hidden = false;
  }
  set className(value) {
    this.attrs.class = String(value);
  }
  set textContent(value) {
    this.children = [String(value)];
  }
  get textContent() {
    return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
  }
  setAttribute(name, value) {
    this.attrs[name] = String(value);
  }
  append(...children) {
    for (const child of children) if (child !== null && child !== undefined) this.children.push(child);
  }
  replaceChildren(...children) {
    this.children = [];
    this.append(...children);
  }
  toTree() {
    return [this.tag, { ...this.attrs }, ...this.children.map(toTree).filter((c) => c !== null)];
  }
}

/** The few `document` members verdict.js and i18n.js use, for a DOM-less worker. */
export function installTreeDocument() {
  if (globalThis.document) return;
  globalThis.document = {
    documentElement: { lang: 'en', dir: 'ltr', dataset: {} },
    createElement: (tag) => new TreeElement(tag),
    createTextNode: (text) => String(text),
    querySelector: () => VOID,
    querySelectorAll: () => [],
    title: '',
  };
}

/** A stand-in for the page's `<section class="verdict">` with its title and body. */
export function treeSection() {
  const title = new TreeElement('h2');
  const body = new TreeElement('div');
  return {
    dataset: {},
    hidden: true,
    querySelector: (selector) => (selector === '.verdict-title' ? title : selector === '.verdict-body' ? body : null),
    title,
    body,
  };
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The tree of `node`: a TreeElement, a string, or a DOM node (element or text; comments and
 * the like give null). DOM attributes keep their document order.
 */
export function toTree(node) {
  if (typeof node === 'string') return node;
  if (node instanceof TreeElement) return node.toTree();
  if (node?.nodeType === TEXT_NODE) return node.data;
  if (node?.nodeType === ELEMENT_NODE) {
    const attrs = {};
    for (const { name, value } of node.attributes) attrs[name] = value;
    const children = [...node.childNodes].map(toTree).filter((c) => c !== null);
    return [node.localName, attrs, ...children];
  }
  return null;
}

export { TreeElement };
