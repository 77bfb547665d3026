// SPDX-License-Identifier: MIT OR Apache-2.0
// Content script on exchange and wallet sites. Deliberately small: it spots address-like text
// in fields, asks the service worker (which owns the list and the WebAssembly core), and draws
// the answer next to the field inside a closed shadow root the page can neither read nor restyle.
//
// What the verdict is (kind, severity, whether sending is held, how it is announced, its
// words) is the worker's decision, the package's `assess`: this script draws it (with
// js/verdict-view.js, run just before it) and decides nothing. A verdict that holds sending
// (listed, related, a look-alike, a tampered address) holds the submit and withdraw controls
// of its form (capture phase, registered at document_start, before any page script) until the
// person acknowledges the warning; "still checking the list" holds them until the answer is
// in. While an address is on its way to the worker, those controls are held too, and the
// person's click or submit is replayed as soon as the verdict does not hold it.
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
  // While the list's answer is not in (`checking`), the worker is asked again this often.
  const RECHECK_MS = 1000;
  const view = globalThis.walletRiskVerdictView;

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

  // A run of 25 or more characters between the separators of sentences and links, with a
  // letter (of any script: look-alike letters count) and a digit: an address, alone, inside a
  // sentence from a chat, a block-explorer link or a payment link. The worker checks every
  // such piece; the worst verdict wins.
  const PIECE = /[^\s/?#&=@,;:'"<>()[\]]{25,}/gu;
  const MAX_TEXT = 1000;

  function looksLikeAddress(text) {
    const s = text.trim();
    if (s.length < 25 || s.length > MAX_TEXT) return false;
    for (const [piece] of s.matchAll(PIECE)) if (/[0-9]/.test(piece) && /\p{L}/u.test(piece)) return true;
    return false;
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
      entry = { seq: 0, value: '', kind: null, verdict: null, acked: false, pending: false, limit: 0, host: null, root: null, timer: 0, recheck: 0, immediate: false, length: 0 };
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
      // No verdict in time: the held action is dropped, never replayed unchecked (fail closed).
      entry.limit = setTimeout(() => giveUp(entry), PENDING_LIMIT_MS);
    }
    entry.immediate = delay === 0;
    entry.timer = setTimeout(() => {
      entry.immediate = false;
      consider(field, entry);
    }, delay);
    return entry;
  }

  // `again`: ask even though this value has an answer ("checking": the list's is not in yet).
  function consider(field, entry, again = false) {
    const value = field.value ?? '';
    if (!again && value === entry.value && answered(entry)) {
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
    clearTimeout(entry.recheck);
    api.runtime.sendMessage({ what: 'check', input: value.trim() }).then(
      (verdict) => {
        if (seq !== entry.seq) return; // a newer check is on its way
        // A verdict has a kind (a failure of the worker is `{error}` only).
        if (verdict?.kind) {
          entry.acked = false;
          show(field, entry, verdict);
          // The list's answer is not in yet: ask again until it is (held meanwhile).
          if (verdict.kind === 'checking') {
            entry.recheck = setTimeout(() => {
              if (seq !== entry.seq || !field.isConnected) return;
              // Still held meanwhile: the shown "checking" verdict holds until the next answer.
              consider(field, entry, true);
            }, RECHECK_MS);
          }
          settle(entry);
        } else {
          giveUp(entry); // the worker failed: no verdict, so nothing held is sent
        }
      },
      () => giveUp(entry), // the extension was reloaded or updated: nothing held is sent unchecked
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
  // Drawing the verdict: the worker's decision and words, drawn by js/verdict-view.js.

  const CSS = `:host { all: initial; }\n${view.CSS}`;

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
    entry.verdict = null;
    if (entry.host) {
      hosts.delete(entry.host);
      entry.host.remove();
      entry.host = null;
      entry.root = null;
    }
  }

  /** Whether `verdict` holds sending until the person acknowledges it (never "still checking"). */
  function acknowledgeable(verdict) {
    return verdict.hold && verdict.kind !== 'checking';
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
    // The calm look only for an address checked against a verified list (the decision's `ok`).
    if (verdict.severity === 'ok') {
      root.append(view.checkMark(verdict));
      place(field, entry);
      return;
    }
    const box = view.box(verdict);
    if (acknowledgeable(verdict)) box.setAttribute('role', 'alertdialog');
    // The acknowledgement stays in view however long the explanation is.
    const footer = document.createElement('div');
    footer.className = 'footer';
    box.append(footer);
    if (acknowledgeable(verdict)) {
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
    } else if (!verdict.hold) {
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
    if (entry.verdict?.severity === 'ok') {
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
  // Holding the page's controls: those of the form whose field's verdict holds sending (not
  // yet acknowledged, or still checking the list), and, while an address is on its way to the
  // worker, those of its form too.

  /** The person's action that was held while a check was pending, to replay when it is clean. */
  let deferred = null;

  function heldNow(field, entry) {
    const verdict = entry.verdict;
    if (!verdict || entry.kind !== verdict.kind || !verdict.hold) return false;
    if (acknowledgeable(verdict) && entry.acked) return false;
    return (field.value ?? '').trim() === entry.value.trim();
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
   * What holds `target`: `{entry, held}` for a field whose verdict holds sending (first; `held`
   * true) or whose check is on its way to the worker; null when the action may go.
   */
  function holder(target, path) {
    let pending = null;
    for (const [field, entry] of fields) {
      if (!field.isConnected) continue;
      const held = heldNow(field, entry);
      if (!held && !entry.pending) continue;
      if (!covers(field, target, path)) continue;
      if (held) return { entry, held };
      pending ??= { entry, held };
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
    // Held by the verdict: the warning now holds it; the person decides.
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

  /**
   * No verdict could be reached for `entry` (the worker failed, the extension went away, or no
   * answer within PENDING_LIMIT_MS): the held submit or click is dropped, never replayed, so an
   * unchecked value is not sent behind the person's back. Acting again asks again.
   */
  function giveUp(entry) {
    deferred = null;
    settle(entry);
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
      if (hold.held) {
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
        // A valid address the verdict did not flag (checked against the list, or not checkable
        // now); the worker checks it again before remembering it.
        const remember = e.verdict && (e.verdict.kind === 'valid' || e.verdict.kind === 'unchecked');
        if (remember && field.isConnected) api.runtime.sendMessage({ what: 'sent', input: e.verdict.piece?.text ?? e.value.trim() }).catch(() => {});
      }
    }
  }

  for (const type of ['click', 'submit', 'keydown', 'pointerdown', 'mousedown', 'pointerup', 'mouseup']) {
    window.addEventListener(type, (event) => {
      if (type.startsWith('pointer') || type.startsWith('mouse')) {
        // Held only while the verdict holds sending (a pending check holds the click that follows).
        const path = event.composedPath?.() ?? [event.target];
        if (ours(path)) return;
        const control = controlIn(path);
        if (!control) return;
        if (!holder(control, path)?.held) return;
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
