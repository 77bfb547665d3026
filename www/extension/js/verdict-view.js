// SPDX-License-Identifier: MIT OR Apache-2.0
// Draws one verdict of the worker (the package's decision, with its words in the person's
// language) as DOM: the warning box the content script puts beside a field and the popup's
// answer. It decides nothing: the colours follow the decision's severity, the words are the
// worker's, and every piece of text is set with textContent (the page's address is data).
//
// A classic script, not a module: the content script cannot import modules, so the manifest
// runs this file before content.js in the same isolated world, and the popup loads it with a
// <script> tag. It defines `globalThis.walletRiskVerdictView` only.

(() => {
  'use strict';
  if (globalThis.walletRiskVerdictView) return;

  const CSS = `
    * { box-sizing: border-box; }
    .box { font: 14px/1.45 system-ui, sans-serif; color: #1a1a1a; background: #fff; border: 2px solid #6b7280;
      border-radius: 8px; padding: 10px 12px; box-shadow: 0 4px 18px rgba(0,0,0,.25); max-height: 70vh;
      display: flex; flex-direction: column; overflow: hidden; position: relative; }
    .box[data-severity="caution"] { border: 3px solid #b45309; background: #fffbeb; }
    .box[data-severity="danger"] { border: 4px solid #b91c1c; background: #fef2f2; }
    .box[data-severity="ok"] { border-color: #15803d; }
    .content { overflow: auto; min-height: 0; flex: 1 1 auto; }
    .footer { flex: 0 0 auto; border-top: 1px solid rgba(0,0,0,.1); margin-top: 6px; padding-top: 4px; }
    .title { margin: 0 0 6px; font-size: 15px; font-weight: 700; }
    .box:has(> .close) .title { padding-inline-end: 24px; }
    .box[data-severity="caution"] .title { color: #8a3b00; }
    .box[data-severity="danger"] .title { color: #fff; background: #b91c1c; margin: -10px -12px 8px; padding: 8px 12px; font-size: 16px; }
    .brand { font-size: 11px; color: #555; margin: 6px 0 0; }
    p { margin: 4px 0; } ul, ol { margin: 4px 0; padding-left: 20px; } li { margin: 2px 0; } h3 { font-size: 14px; margin: 8px 0 2px; }
    .facts { list-style: none; padding: 0; }
    .address { font-family: ui-monospace, monospace; word-break: break-all; background: #f3f4f6; padding: 2px 4px; border-radius: 4px; }
    mark { background: #ffe066; outline: 2px solid #b91c1c; }
    mark.code { font-family: ui-monospace, monospace; }
    .held { font-weight: 700; color: #991b1b; }
    .shake { animation: shake .3s; } @keyframes shake { 25% { transform: translateX(-6px); } 75% { transform: translateX(6px); } }
    .actions { display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
    button { font: inherit; border-radius: 6px; padding: 6px 10px; cursor: pointer; border: 1px solid #555; background: #fff; }
    button.ack { background: #7f1d1d; color: #fff; border-color: #7f1d1d; }
    .close { position: absolute; top: 4px; right: 6px; border: 0; background: transparent; font-size: 16px; padding: 2px 6px; }
    .box[data-severity="danger"] .close { color: #fff; }
    .ok { display: inline-flex; align-items: center; justify-content: center; width: 18px; height: 18px; border-radius: 50%;
      background: #15803d; color: #fff; font: 700 12px/1 system-ui, sans-serif; }`;

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name === 'text') node.textContent = value;
      else node.setAttribute(name, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  /** `address` with the characters at the 1-based `positions` marked (what differs). */
  function marked(address, positions) {
    const differs = new Set(positions);
    const box = el('div', { class: 'address', translate: 'no' });
    let run = '';
    let runDiffers = false;
    const flush = () => {
      if (run) box.append(runDiffers ? el('mark', { text: run }) : run);
      run = '';
    };
    Array.from(address).forEach((ch, i) => {
      if (differs.has(i + 1) !== runDiffers) {
        flush();
        runDiffers = !runDiffers;
      }
      run += ch;
    });
    flush();
    return box;
  }

  /** The words under the title: lines, facts, the address, warnings and steps. */
  function body(answer) {
    const w = answer.words;
    const s = answer.strings ?? {};
    const content = el('div', { class: 'content' });
    w.lines.forEach((text, i) => {
      content.append(el('p', { class: i === 0 ? 'lead' : 'line', text }));
      // The address with the character to blame marked, under the line that says where it is.
      if (w.highlight?.line === i) {
        const { before, mark, hidden, after } = w.highlight;
        content.append(el('div', { class: 'address', translate: 'no', 'data-testid': 'highlight' },
          before, el('mark', { class: hidden ? 'code' : '', text: mark }), after));
      }
    });
    if (w.facts.length) {
      content.append(el('ul', { class: 'facts', 'data-testid': 'risk' }, ...w.facts.map((fact) => {
        const value = fact.url
          ? el('a', { href: fact.url, rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', target: '_blank', text: fact.text })
          : fact.text;
        return el('li', { 'data-fact': fact.key }, el('b', { text: fact.label }), ' ', value);
      })));
    }
    if (w.label) content.append(el('p', { class: 'note', 'data-testid': 'label', text: w.label }));
    if (w.lookAlike) {
      content.append(
        el('p', {}, el('b', { text: s.known ?? '' })),
        el('div', { class: 'address', translate: 'no', 'data-testid': 'known', text: w.lookAlike.known }),
        el('p', {}, el('b', { text: s.pasted ?? '' })),
      );
      const pasted = marked(w.lookAlike.input, w.lookAlike.differing);
      pasted.dataset.testid = 'pasted';
      content.append(pasted);
    }
    if (w.warnings.length) {
      content.append(el('ul', { class: 'warnings', 'data-testid': 'warnings' },
        ...w.warnings.map((warning) => el('li', { 'data-code': warning.code, text: warning.text }))));
    }
    if (w.steps.length) {
      content.append(el('h3', { text: w.stepsTitle }), el('ol', { 'data-testid': 'todo' }, ...w.steps.map((text) => el('li', { text }))));
    }
    return content;
  }

  /**
   * The verdict box: the decision's kind and severity as data attributes, its title and
   * words. The caller adds what belongs to its surface (the content script's hold footer).
   */
  function box(answer) {
    const node = el('div', {
      class: 'box', 'data-testid': 'wr-box', 'data-kind': answer.kind, 'data-severity': answer.severity,
      lang: answer.lang ?? 'en', dir: answer.dir ?? 'ltr',
    });
    // Announced as the decision says: an alert, politely, or (still checking) not at all.
    if (answer.announce === 'alert') node.setAttribute('role', 'alert');
    else if (answer.announce === 'polite') node.setAttribute('role', 'status');
    node.append(el('p', { class: 'title', text: answer.words.title }), body(answer));
    return node;
  }

  /** The small green check mark: the one calm look, for an address checked against a verified list. */
  function checkMark(answer) {
    const brand = answer.strings?.brand ?? '';
    return el('span', {
      class: 'ok', 'data-kind': answer.kind, 'data-severity': answer.severity, 'data-testid': 'wr-box',
      title: `${brand}: ${answer.words.title}`, role: 'img', 'aria-label': answer.words.title, text: '✓',
    });
  }

  globalThis.walletRiskVerdictView = Object.freeze({ CSS, box, checkMark });
})();
