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
    return [this.tag, { ...this.attrs }, ...this.children.map((c) => (typeof c === 'string' ? c : c.toTree()))];
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

export function toTree(element) {
  return element.toTree();
}

export { TreeElement };
