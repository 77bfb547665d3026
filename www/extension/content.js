// SPDX-License-Identifier: MIT OR Apache-2.0
// Content script on exchange and wallet sites. Deliberately small: it spots address-like text
// in fields, asks the service worker (which owns the list and the WebAssembly core), and draws
// the answer next to the field inside a closed shadow root the page can neither read nor restyle.
//
// A listed address (or a related one: the same key controls a listed address) holds the
// submit and withdraw controls of its form (capture phase, registered at document_start,
// before any page script) until the person acknowledges the warning. While an address is still being checked, those controls are held too, and the
// person's click or submit is replayed as soon as the verdict says the address is not listed.
// Nothing here sends data anywhere but to the extension's own worker.

(() => {
  'use strict';
  // Both the manifest and a user-added-site registration may inject this file.
  if (globalThis.walletRiskContent) return;
  globalThis.walletRiskContent = true;

  const api = globalThis.browser ?? globalThis.chrome;
  // Replaced by the build: 'open' only in the test build, so tests can read the warning.
  const SHADOW_MODE = 'closed';
  const TAG = 'wallet-risk-verdict';
  const TYPING_DELAY_MS = 250;
  // Controls that can send a form or start a withdrawal. Plain links are not among them.
  const CONTROL = 'button, input[type="submit"], input[type="button"], input[type="image"], [role="button"]';
  const TEXT_TYPES = new Set(['', 'text', 'search', 'url', 'email', 'tel']);
  // The words on exchanges' withdraw/send/confirm buttons, in the extension's ten languages.
  const SUBMIT_WORDS = new RegExp([
    'withdraw', 'send', 'submit', 'confirm', 'transfer', 'continue', // en
    '提现', '提币', '提幣', '提領', '发送', '發送', '确认', '確認', '转账', '轉帳', '轉賬', '继续', '繼續', '提交', // zh
    'rút', 'gửi', 'xác nhận', 'chuyển', 'tiếp tục', // vi
    'ถอน', 'ส่ง', 'ยืนยัน', 'โอน', 'ดำเนินการต่อ', // th
    'tarik', 'kirim', 'konfirmasi', 'lanjut', // id
    'magpadala', 'ipadala', 'kumpirmahin', 'ituloy', 'magpatuloy', 'ilipat', // tl
    'retirar', 'enviar', 'confirmar', 'transferir', 'continuar', // es
    'निकासी', 'निकालें', 'भेजें', 'पुष्टि', 'ट्रांसफर', 'जारी रखें', 'आगे बढ़ें', // hi
    'вывести', 'вывод', 'отправить', 'подтвердить', 'перевести', 'продолжить', // ru
    'sacar', 'saque', 'prosseguir', // pt (retirar, enviar, confirmar... as es)
  ].join('|'), 'iu');
  // Without a form, a submit-like control counts as the field's when it is inside one of the
  // field's nearest ancestors (the card or panel both sit in), never <body> itself.
  const NEAR_LEVELS = 4;
  // A check that gets no answer (the extension was reloaded) stops holding after this long.
  const PENDING_LIMIT_MS = 5000;
  // Verdicts that hold the form until acknowledged: listed, and controlled by a listed address's key.
  const HOLDS = new Set(['listed', 'related']);

  /** field → {seq, value, kind, acked, pending, host, root, timer} */
  const fields = new Map();
  const hosts = new Set();

  // ---------------------------------------------------------------------------------------------
  // Finding address-like text (cheap: most keystrokes never reach the worker).

  function isTextField(node) {
    if (!node || node.nodeType !== 1) return false;
    if (node.localName === 'textarea') return true;
    return node.localName === 'input' && TEXT_TYPES.has((node.getAttribute('type') ?? '').toLowerCase());
  }

  function looksLikeAddress(text) {
    const s = text.trim();
    if (s.length < 25 || s.length > 200) return false;
    if (/\s/.test(s) || s.includes('@') || s.includes('://')) return false;
    return /[0-9]/.test(s) && /\p{L}/u.test(s);
  }

  function fieldOf(event) {
    const target = event.composedPath?.()[0] ?? event.target;
    return isTextField(target) ? target : null;
  }

  // Whether the field's current value has had its verdict. `off` (the site was switched off
  // when it was checked) is not one: once the site is switched back on, the same value must
  // be checked again, not taken as already answered.
  function answered(entry) {
    return entry.kind !== null && entry.kind !== 'off';
  }

  function schedule(field, delay) {
    let entry = fields.get(field);
    if (!entry) {
      entry = { seq: 0, value: '', kind: null, acked: false, pending: false, limit: 0, host: null, root: null, timer: 0, immediate: false, length: 0 };
      fields.set(field, entry);
    }
    clearTimeout(entry.timer);
    // Until its verdict arrives, an address-like value holds its form's controls. A value whose
    // verdict is already shown (an input event after the paste that checked it) holds nothing.
    const value = field.value ?? '';
    const known = value === entry.value && answered(entry);
    if (looksLikeAddress(value) && !known) {
      entry.pending = true;
      clearTimeout(entry.limit);
      entry.limit = setTimeout(() => settle(entry), PENDING_LIMIT_MS);
    }
    entry.immediate = delay === 0;
    entry.timer = setTimeout(() => {
      entry.immediate = false;
      consider(field, entry);
    }, delay);
    return entry;
  }

  function consider(field, entry) {
    const value = field.value ?? '';
    if (value === entry.value && answered(entry)) {
      settle(entry);
      return;
    }
    entry.value = value;
    const seq = ++entry.seq;
    if (!looksLikeAddress(value)) {
      clear(entry);
      settle(entry);
      return;
    }
    api.runtime.sendMessage({ what: 'check', input: value.trim() }).then(
      (verdict) => {
        if (seq !== entry.seq) return; // a newer check is on its way
        if (verdict && !verdict.error) {
          entry.acked = false;
          show(field, entry, verdict);
        }
        settle(entry);
      },
      () => settle(entry), // the extension was reloaded or updated: nothing to say on this page any more
    );
  }

  function onEdit(event) {
    const field = fieldOf(event);
    if (!field) return;
    // Typing waits for a pause; a paste, an autofill or a change of many characters at once
    // (what a paste through a framework looks like) is checked at once.
    const length = (field.value ?? '').length;
    const entry = fields.get(field);
    const jump = Math.abs(length - (entry?.length ?? 0)) > 1;
    const delay = event.type !== 'input' || jump || entry?.immediate ? 0 : TYPING_DELAY_MS;
    schedule(field, delay).length = length;
  }

  // `input` and `paste` are composed (they leave open shadow roots); `change` is not, so each
  // open shadow root gets its own listener.
  function listen(root) {
    root.addEventListener('input', onEdit, true);
    root.addEventListener('paste', onEdit, true);
    root.addEventListener('change', onEdit, true);
  }

  const watchedRoots = new WeakSet();
  function scan(node) {
    if (!node || node.nodeType !== 1) return;
    const all = [node, ...node.querySelectorAll('*')];
    for (const el of all) {
      if (isTextField(el) && looksLikeAddress(el.value ?? '')) schedule(el, 0);
      const root = el.shadowRoot;
      if (root && !watchedRoots.has(root)) {
        watchedRoots.add(root);
        listen(root);
        observer.observe(root, { childList: true, subtree: true });
        for (const child of root.children) scan(child);
      }
    }
  }

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (!hosts.has(node)) scan(node);
    }
    // A page that removes the warning gets it back.
    for (const host of hosts) if (!host.isConnected) document.documentElement.append(host);
  });

  // ---------------------------------------------------------------------------------------------
  // Drawing the verdict (the worker sends it as a tree of allowed tags and text only).

  const TAGS = new Set(['div', 'p', 'ul', 'ol', 'li', 'b', 'mark', 'h3', 'a', 'span']);
  const ATTRS = new Set(['class', 'data-testid', 'data-code', 'lang', 'translate', 'rel', 'target', 'referrerpolicy']);

  function build(node) {
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

  const CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .box { font: 14px/1.45 system-ui, sans-serif; color: #1a1a1a; background: #fff; border: 2px solid #b45309;
      border-radius: 8px; padding: 10px 12px; box-shadow: 0 4px 18px rgba(0,0,0,.25); max-height: 70vh;
      display: flex; flex-direction: column; overflow: hidden; position: relative; }
    .content { overflow: auto; min-height: 0; flex: 1 1 auto; }
    .footer { flex: 0 0 auto; border-top: 1px solid rgba(0,0,0,.1); margin-top: 6px; padding-top: 4px; }
    .box[data-kind="listed"], .box[data-kind="related"], .box[data-kind="trick"], .box[data-kind="poison"] { border: 4px solid #b91c1c; background: #fef2f2; }
    .title { margin: 0 0 6px; font-size: 15px; font-weight: 700; }
    .box[data-kind="listed"] .title, .box[data-kind="related"] .title { color: #fff; background: #b91c1c; margin: -10px -12px 8px; padding: 8px 12px; font-size: 16px; }
    .box[data-kind="invalid"] .title, .box[data-kind="trick"] .title, .box[data-kind="poison"] .title { color: #991b1b; }
    .brand { font-size: 11px; color: #555; margin: 6px 0 0; }
    p { margin: 4px 0; } ul, ol { margin: 4px 0; padding-left: 20px; } li { margin: 2px 0; } h3 { font-size: 14px; margin: 8px 0 2px; }
    .address { font-family: ui-monospace, monospace; word-break: break-all; background: #f3f4f6; padding: 2px 4px; border-radius: 4px; }
    mark { background: #ffe066; outline: 2px solid #b91c1c; }
    .held { font-weight: 700; color: #991b1b; }
    .shake { animation: shake .3s; } @keyframes shake { 25% { transform: translateX(-6px); } 75% { transform: translateX(6px); } }
    .actions { display: flex; gap: 8px; margin-top: 8px; flex-wrap: wrap; }
    button { font: inherit; border-radius: 6px; padding: 6px 10px; cursor: pointer; border: 1px solid #555; background: #fff; }
    button.ack { background: #7f1d1d; color: #fff; border-color: #7f1d1d; }
    .close { position: absolute; top: 4px; right: 6px; border: 0; background: transparent; font-size: 16px; padding: 2px 6px; }
    .ok { display: inline-flex; align-items: center; justify-content: center; width: 18px; height: 18px; border-radius: 50%;
      background: #15803d; color: #fff; font: 700 12px/1 system-ui, sans-serif; }`;

  function makeHost(entry) {
    const host = document.createElement(TAG);
    for (const [k, v] of [['position', 'absolute'], ['z-index', '2147483647'], ['display', 'block'], ['margin', '0'],
      ['visibility', 'visible'], ['opacity', '1'], ['transform', 'none'], ['pointer-events', 'auto']]) {
      host.style.setProperty(k, v, 'important');
    }
    const root = host.attachShadow({ mode: SHADOW_MODE });
    // A constructed sheet is not subject to the page's style-src.
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      const style = document.createElement('style');
      style.textContent = CSS;
      root.append(style);
    }
    entry.host = host;
    entry.root = root;
    hosts.add(host);
    document.documentElement.append(host);
  }

  function clear(entry) {
    entry.kind = null;
    if (entry.host) {
      hosts.delete(entry.host);
      entry.host.remove();
      entry.host = null;
      entry.root = null;
    }
  }

  function show(field, entry, verdict) {
    if (verdict.kind === 'empty' || verdict.kind === 'off') {
      clear(entry);
      entry.kind = verdict.kind;
      return;
    }
    if (!entry.host) makeHost(entry);
    entry.kind = verdict.kind;
    entry.verdict = verdict;
    const root = entry.root;
    root.replaceChildren(...[...root.childNodes].filter((n) => n.localName === 'style'));
    const s = verdict.strings;
    if (verdict.kind === 'valid') {
      const ok = document.createElement('span');
      ok.className = 'ok';
      ok.dataset.kind = 'valid';
      ok.dataset.testid = 'wr-box';
      ok.title = `${s.brand}: ${verdict.title}`;
      ok.setAttribute('role', 'img');
      ok.setAttribute('aria-label', verdict.title);
      ok.textContent = '✓';
      root.append(ok);
      place(field, entry);
      return;
    }
    const box = document.createElement('div');
    box.className = 'box';
    box.dataset.kind = verdict.kind;
    box.dataset.testid = 'wr-box';
    box.setAttribute('role', HOLDS.has(verdict.kind) ? 'alertdialog' : 'alert');
    box.lang = verdict.lang;
    box.dir = verdict.dir;
    const title = document.createElement('p');
    title.className = 'title';
    title.textContent = verdict.title;
    box.append(title);
    const content = document.createElement('div');
    content.className = 'content';
    if (verdict.body) content.append(build(verdict.body));
    box.append(content);
    // The acknowledgement stays in view however long the explanation is.
    const footer = document.createElement('div');
    footer.className = 'footer';
    box.append(footer);
    if (HOLDS.has(verdict.kind)) {
      const held = document.createElement('p');
      held.className = 'held';
      held.dataset.testid = 'held';
      held.textContent = entry.acked ? s.acked : s.held;
      footer.append(held);
      if (!entry.acked) {
        const actions = document.createElement('div');
        actions.className = 'actions';
        const ack = document.createElement('button');
        ack.type = 'button';
        ack.className = 'ack';
        ack.dataset.testid = 'ack';
        ack.textContent = s.ack;
        ack.addEventListener('click', () => {
          entry.acked = true;
          show(field, entry, verdict);
          field.focus({ preventScroll: true });
        });
        actions.append(ack);
        footer.append(actions);
        // Keyboard users land on the one thing they must decide about.
        queueMicrotask(() => ack.focus({ preventScroll: true }));
      }
    } else {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'close';
      close.setAttribute('aria-label', s.close);
      close.textContent = '×';
      close.addEventListener('click', () => clear(entry));
      box.append(close);
    }
    const brand = document.createElement('p');
    brand.className = 'brand';
    brand.textContent = s.brand;
    footer.append(brand);
    root.append(box);
    place(field, entry);
  }

  function place(field, entry) {
    const host = entry.host;
    if (!host) return;
    if (!field.isConnected) {
      clear(entry);
      fields.delete(field);
      return;
    }
    const r = field.getBoundingClientRect();
    const x = window.scrollX;
    const y = window.scrollY;
    if (entry.kind === 'valid') {
      host.style.setProperty('left', `${r.right + x - 24}px`, 'important');
      host.style.setProperty('top', `${r.top + y + Math.max(0, (r.height - 18) / 2)}px`, 'important');
      host.style.setProperty('width', 'auto', 'important');
      return;
    }
    const vw = document.documentElement.clientWidth;
    const width = Math.min(Math.max(r.width, 340), vw - 16, 560);
    const left = Math.max(8, Math.min(r.left, vw - width - 8));
    host.style.setProperty('left', `${left + x}px`, 'important');
    host.style.setProperty('top', `${r.bottom + y + 4}px`, 'important');
    host.style.setProperty('width', `${width}px`, 'important');
  }

  let placing = 0;
  function placeAll() {
    if (placing) return;
    placing = requestAnimationFrame(() => {
      placing = 0;
      for (const [field, entry] of fields) place(field, entry);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Holding the page's controls: those of the form a listed (not yet acknowledged) address is
  // in, and, while an address is still being checked, those of its form too.

  /** The person's action that was held while a check was pending, to replay when it is clean. */
  let deferred = null;

  function listedNow(field, entry) {
    return HOLDS.has(entry.kind) && !entry.acked && (field.value ?? '').trim() === entry.value.trim();
  }

  function ours(path) {
    return path.some((n) => hosts.has(n));
  }

  function controlIn(path) {
    for (const n of path) if (n.nodeType === 1 && n.matches?.(CONTROL)) return n;
    return null;
  }

  function looksLikeSubmit(control) {
    if (!control) return false;
    if (control.type === 'submit') return true;
    return SUBMIT_WORDS.test((control.textContent || control.value || '').normalize('NFC'));
  }

  /** The field's nearest ancestors, across shadow roots, below <body>. */
  function nearAncestors(field) {
    const near = [];
    let node = field.parentNode;
    while (node && near.length < NEAR_LEVELS) {
      if (node === document.body || node === document.documentElement || node.nodeType === 9) break;
      near.push(node);
      node = node.nodeType === 11 ? node.host : node.parentNode;
    }
    return near;
  }

  /**
   * Whether holding `field` holds `target`: a control (its event's composed `path`), a form
   * being submitted, or a text field Enter was pressed in.
   */
  function covers(field, target, path) {
    if (target === field) return true;
    const form = field.form;
    if (form) {
      if (target === form || target.form === form) return true;
      return target.matches?.(CONTROL) && path.includes(form);
    }
    if (!target.matches?.(CONTROL) || !looksLikeSubmit(target)) return false;
    return nearAncestors(field).some((n) => path.includes(n));
  }

  /**
   * What holds `target`: `{entry, listed}` for a field whose listed address is not acknowledged
   * (first) or whose check is pending; null when the action may go.
   */
  function holder(target, path) {
    let pending = null;
    for (const [field, entry] of fields) {
      if (!field.isConnected) continue;
      const listed = listedNow(field, entry);
      if (!listed && !entry.pending) continue;
      if (!covers(field, target, path)) continue;
      if (listed) return { entry, listed };
      pending ??= { entry, listed };
    }
    return pending;
  }

  /** A check finished (or gave up): replay the held action if nothing holds it any more. */
  function settle(entry) {
    entry.pending = false;
    clearTimeout(entry.limit);
    if (!deferred || [...fields.values()].some((e) => e.pending)) return;
    const action = deferred;
    deferred = null;
    if (!action.target.isConnected) return;
    const path = [];
    for (let n = action.target; n; n = n.nodeType === 11 ? n.host : n.parentNode) path.push(n);
    // Listed: the warning now holds it; the person decides.
    if (holder(action.target, path)) return;
    if (action.type === 'submit') {
      action.target.requestSubmit(action.submitter?.isConnected ? action.submitter : undefined);
    } else if (action.type === 'enter') {
      if (action.target.form) action.target.form.requestSubmit();
      else action.target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true, composed: true }));
    } else {
      action.target.click();
    }
  }

  function shake(entry) {
    const box = entry.root?.querySelector('.box');
    if (!box) return;
    box.classList.remove('shake');
    void box.offsetWidth;
    box.classList.add('shake');
    entry.host.scrollIntoView?.({ block: 'nearest' });
    entry.root.querySelector('.ack')?.focus({ preventScroll: true });
  }

  /** What an event would set off: a control, a form (submit) or a field (Enter), or null. */
  function targetOf(event, path) {
    if (event.type === 'submit') return event.target;
    if (event.type === 'keydown') {
      if (event.key !== 'Enter') return null;
      return controlIn(path) ?? fieldOf(event);
    }
    return controlIn(path);
  }

  function guard(event) {
    const path = event.composedPath?.() ?? [event.target];
    if (ours(path)) return;
    const target = targetOf(event, path);
    if (!target) return;
    const hold = holder(target, path);
    if (hold) {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (hold.listed) {
        shake(hold.entry);
      } else {
        const type = event.type === 'keydown' && !target.matches?.(CONTROL) ? 'enter' : event.type === 'submit' ? 'submit' : 'click';
        deferred = { type, target, submitter: event.submitter ?? null };
      }
      return;
    }
    // Allowed through: remember a sent-to address (locally) for the look-alike check.
    if ((event.type === 'click' && looksLikeSubmit(target)) || event.type === 'submit') {
      for (const [field, e] of fields) {
        if (e.kind === 'valid' && field.isConnected) api.runtime.sendMessage({ what: 'sent', input: e.value.trim() }).catch(() => {});
      }
    }
  }

  for (const type of ['click', 'submit', 'keydown', 'pointerdown', 'mousedown', 'pointerup', 'mouseup']) {
    window.addEventListener(type, (event) => {
      if (type.startsWith('pointer') || type.startsWith('mouse')) {
        // Held only for a listed address (a pending check holds the click that follows).
        const path = event.composedPath?.() ?? [event.target];
        if (ours(path)) return;
        const control = controlIn(path);
        if (!control) return;
        if (!holder(control, path)?.listed) return;
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
      guard(event);
    }, true);
  }

  // The popup asks which site the active tab shows (top frame only).
  if (window === window.top) {
    api.runtime.onMessage.addListener((message, sender, reply) => {
      if (message?.what !== 'host') return false;
      reply(location.hostname);
      return false;
    });
  }

  listen(document);
  window.addEventListener('scroll', placeAll, true);
  window.addEventListener('resize', placeAll);
  observer.observe(document, { childList: true, subtree: true });
  const scanAll = () => scan(document.documentElement);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scanAll, { once: true });
  else scanAll();
})();
