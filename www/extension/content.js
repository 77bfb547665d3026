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
// person's click or submit is replayed as soon as the verdict does not hold it; with no
// verdict at all they stay held, with the reason shown, until the person chooses to go on.
//
// The page is not trusted. Only the person's own events (`isTrusted`, and for an edit the
// browser's `beforeinput` before it, which a script's `execCommand` never fires) make a field
// one to watch, count for the toolbar badge, compare a value with the addresses sent to
// before, hold an action for replay, record a sent-to address or acknowledge a warning.
// Nothing is put in the page until the person edits a field or sends, and the warning's host
// element has the same size and attributes whatever it shows.
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
  // Controls that can send a form or start a withdrawal: buttons, links and ARIA buttons.
  const CONTROL = 'button, input[type="submit"], input[type="button"], input[type="image"], a[href], [role="button"], [role="link"]';
  // Not `email`: no address goes there, and a long e-mail address is not worth a warning.
  const TEXT_TYPES = new Set(['', 'text', 'search', 'url', 'tel']);
  // The words on exchanges' withdraw/send/transfer/confirm/submit/next buttons, in the
  // languages of the listed sites and of the extension.
  const SUBMIT_WORDS = new RegExp([
    'withdraw', 'send', 'submit', 'confirm', 'transfer', 'continue', 'next', 'proceed', // en
    '提现', '提币', '提幣', '提領', '发送', '發送', '确认', '確認', '确定', '確定', '转账', '轉帳', '轉賬', '转出', '轉出',
    '继续', '繼續', '提交', '下一步', // zh (simplified and traditional)
    '출금', '송금', '보내기', '전송', '이체', '확인', '제출', '다음', '계속', // ko
    '出金', '送金', '送信', '送る', '引き出', '引出', '振替', '振込', '確認', '確定', '提出', '次へ', '続ける', '続行', // ja
    'rút', 'gửi', 'xác nhận', 'chuyển', 'tiếp tục', 'tiếp theo', // vi
    'ถอน', 'ส่ง', 'ยืนยัน', 'โอน', 'ดำเนินการต่อ', 'ถัดไป', // th
    'tarik', 'kirim', 'konfirmasi', 'lanjut', 'berikutnya', 'ajukan', // id
    'para çek', 'çekim', 'çek', 'gönder', 'onayla', 'devam', 'ileri', 'sonraki', // tr
    'magpadala', 'ipadala', 'kumpirmahin', 'ituloy', 'magpatuloy', 'ilipat', // tl
    'retirar', 'enviar', 'confirmar', 'transferir', 'continuar', 'siguiente', // es
    'निकासी', 'निकालें', 'भेजें', 'पुष्टि', 'ट्रांसफर', 'जारी रखें', 'आगे बढ़ें', // hi
    'вывести', 'вывод', 'отправить', 'подтвердить', 'перевести', 'продолжить', 'далее', 'дальше', // ru
    'sacar', 'saque', 'prosseguir', 'próximo', 'avançar', // pt (retirar, enviar, confirmar... as es)
  ].join('|'), 'iu');
  // A check that gets no answer (the extension was reloaded) is given up after this long: the
  // controls stay held and the warning says why.
  const PENDING_LIMIT_MS = 5000;
  // The warning's host: the same height (none: the drawing overflows it) whatever it shows.
  const HOST_HEIGHT = '0px';
  // Every document's fields are numbered; the worker keeps the toolbar badge per field.
  let nextFieldId = 1;
  // The words a warning needs when the worker never answered (the last answer's, once one came).
  let uiWords = {
    brand: 'Wallet address check',
    ack: 'I understand the risk — let me continue',
    held: 'Sending is paused on this page until you read this warning.',
    acked: 'You chose to continue. Please do not send money you cannot afford to lose.',
    noAnswerTitle: 'This address could not be checked',
    noAnswer: 'The address check did not answer (the extension may have been updated or stopped). Sending stays paused. Reload the page to check again, or continue only if you are sure of the address.',
  };
  // While the list's answer is not in (`checking`), the worker is asked again this often.
  const RECHECK_MS = 1000;
  const view = globalThis.walletRiskVerdictView;

  /** field → {id, seq, value, personValue, kind, verdict, acked, pending, host, root, frame, ...}: the fields the person edited. */
  const fields = new Map();
  const hosts = new Set();
  /** field → true between the person's own `beforeinput` (typing, a paste, a drop) and its `input`. */
  const personInput = new WeakMap();

  // ---------------------------------------------------------------------------------------------
  // Finding address-like text (cheap: most keystrokes never reach the worker).

  function isTextField(node) {
    if (!node || node.nodeType !== 1) return false;
    if (node.localName === 'textarea') return true;
    return node.localName === 'input' && TEXT_TYPES.has((node.getAttribute('type') ?? '').toLowerCase());
  }

  // The shortest address of any chain (decide.js SHORTEST_ADDRESS): shorter text never reaches
  // the worker. Every value of an address's length without whitespace does (with or without
  // digits: the core decides what is an address), and so does a longer text with such a run
  // between the separators of sentences and links (an address inside a sentence from a chat, a
  // block-explorer link or a payment link): the worker checks every piece, the worst wins.
  const SHORTEST = 25;
  const PIECE = /[^\s/?#&=@,;:'"<>()[\]]{25,}/u;
  const MAX_TEXT = 1000;

  function looksLikeAddress(text) {
    const s = text.trim();
    if (s.length < SHORTEST || s.length > MAX_TEXT) return false;
    return !/\s/u.test(s) || PIECE.test(s);
  }

  function fieldOf(event) {
    const target = event.composedPath?.()[0] ?? event.target;
    return isTextField(target) ? target : null;
  }

  // Whether the field's current value has had its verdict. `off` (the site was switched off
  // when it was checked) is not one: once the site is switched back on, the same value must
  // be checked again, not taken as already answered; nor is "no answer".
  function answered(entry) {
    return entry.kind !== null && entry.kind !== 'off' && entry.kind !== 'no-answer';
  }

  /**
   * Whether the field's verdict is for its value as it is now: the same text, answered, and
   * checked as the person's own (compared with the history) exactly when it is theirs.
   */
  function upToDate(field, entry) {
    const value = field.value ?? '';
    return value === entry.value && answered(entry) && entry.entered === (value.trim() === entry.personValue);
  }

  function watch(field) {
    let entry = fields.get(field);
    if (!entry) {
      entry = {
        id: nextFieldId++, seq: 0, value: '', personValue: null, entered: false, kind: null, verdict: null, acked: false, pending: false,
        limit: 0, host: null, root: null, frame: null, timer: 0, recheck: 0, immediate: false, length: 0,
      };
      fields.set(field, entry);
    }
    return entry;
  }

  function schedule(field, entry, delay) {
    clearTimeout(entry.timer);
    // Until its verdict arrives, an address-like value holds its form's controls. A value whose
    // verdict is already shown (an input event after the paste that checked it) holds nothing.
    const value = field.value ?? '';
    if (looksLikeAddress(value) && !upToDate(field, entry)) {
      entry.pending = true;
      // The host goes in before any verdict: that it is there says nothing about one.
      if (!entry.host) makeHost(field, entry);
      clearTimeout(entry.limit);
      // No verdict in time: held, with the reason shown; never replayed unchecked (fail closed).
      entry.limit = setTimeout(() => giveUp(field, entry), PENDING_LIMIT_MS);
    }
    entry.immediate = delay === 0;
    entry.timer = setTimeout(() => {
      entry.immediate = false;
      consider(field, entry);
    }, delay);
  }

  // `again`: ask even though this value has an answer ("checking": the list's is not in yet).
  function consider(field, entry, again = false) {
    const value = field.value ?? '';
    if (!again && upToDate(field, entry)) {
      settle(entry);
      return;
    }
    entry.value = value;
    const seq = ++entry.seq;
    if (!looksLikeAddress(value)) {
      clear(entry);
      forget(entry, value.trim() === entry.personValue);
      settle(entry);
      return;
    }
    clearTimeout(entry.recheck);
    // Only a value the person entered is compared with the addresses they sent to before: a
    // page that sets a field's value cannot ask the history about addresses of its choice.
    const entered = value.trim() === entry.personValue;
    entry.entered = entered;
    api.runtime.sendMessage({ what: 'check', input: value.trim(), field: entry.id, entered }).then(
      (verdict) => {
        if (seq !== entry.seq) return; // a newer check is on its way
        // A verdict has a kind (a failure of the worker is `{error}` only).
        if (verdict?.kind) {
          if (verdict.strings) uiWords = { ...uiWords, ...verdict.strings, lang: verdict.lang, dir: verdict.dir };
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
          giveUp(field, entry); // the worker failed: no verdict, so nothing held is sent
        }
      },
      () => {
        // The extension was reloaded or updated: nothing held is sent unchecked.
        if (seq === entry.seq) giveUp(field, entry);
      },
    );
  }

  /**
   * The field's value is no address (or the field left the page): the worker drops its mark on
   * the toolbar badge, but lowers it only when the person emptied the field themselves
   * (`entered`), never for a value the page wrote or a field it removed.
   */
  function forget(entry, entered = false) {
    api.runtime.sendMessage({ what: 'forget', field: entry.id, entered }).catch(() => {});
  }

  // The person's edits: the browser fires `beforeinput` for typing, pasting, dropping and
  // autofill, never for a script's `execCommand` (whose `input` is trusted all the same), and a
  // page cannot fire a trusted one. The `input` right after it is the person's.
  function onBeforeInput(event) {
    if (!event.isTrusted) return;
    const field = fieldOf(event);
    if (!field) return;
    personInput.set(field, true);
    // Good for the `input` of this task only (it comes right after, in the same task).
    setTimeout(() => personInput.delete(field));
  }

  function onEdit(event) {
    const field = fieldOf(event);
    if (!field) return;
    let entry = fields.get(field);
    const trustedPaste = event.isTrusted && event.type === 'paste';
    const mine = event.isTrusted && event.type === 'input' && personInput.get(field) === true;
    if (mine) personInput.delete(field); // one `beforeinput`, one `input`
    // Nothing happens for a field the person has not edited: no check, nothing in the page.
    if (!entry && !mine && !trustedPaste) return;
    entry ??= watch(field);
    if (mine) entry.personValue = (field.value ?? '').trim();
    // Typing waits for a pause; a paste, an autofill or a change of many characters at once
    // (what a paste through a framework looks like) is checked at once.
    const length = (field.value ?? '').length;
    const jump = Math.abs(length - entry.length) > 1;
    const delay = event.type !== 'input' || jump || entry.immediate ? 0 : TYPING_DELAY_MS;
    entry.length = length;
    schedule(field, entry, delay);
  }

  // On `window`, capture phase, registered at document_start: before any listener of the page.
  // `beforeinput`, `input` and `paste` are composed (they leave open shadow roots); `change` is
  // not, so each open shadow root gets its own listener for it.
  function listen(target) {
    target.addEventListener('beforeinput', onBeforeInput, true);
    for (const type of ['input', 'paste', 'change']) target.addEventListener(type, onEdit, true);
  }

  const watchedRoots = new WeakSet();
  /** The open shadow roots found, for the fields in them a sending action may carry. */
  const openRoots = [];
  function scan(node) {
    if (!node || node.nodeType !== 1) return;
    const all = [node, ...node.querySelectorAll('*')];
    for (const el of all) {
      const root = el.shadowRoot;
      if (root && !watchedRoots.has(root)) {
        watchedRoots.add(root);
        openRoots.push(root);
        root.addEventListener('change', onEdit, true);
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
  //
  // The host is a zero-size fixed element at the viewport's corner, the same whatever it
  // shows: what is drawn is a fixed-position frame inside the closed shadow root, placed
  // beside the field, which adds nothing to the host's size or scroll size. The check mark
  // is not even hit by the pointer.

  const CSS = `:host { all: initial; }\n.frame { position: fixed; margin: 0; }\n.frame.mark { pointer-events: none; }\n${view.CSS}`;
  const HOST_STYLE = [['position', 'fixed'], ['left', '0'], ['top', '0'], ['width', '0'], ['height', HOST_HEIGHT],
    ['z-index', '2147483647'], ['display', 'block'], ['margin', '0'], ['padding', '0'], ['border', '0'], ['overflow', 'visible'],
    ['visibility', 'visible'], ['opacity', '1'], ['transform', 'none'], ['filter', 'none'], ['contain', 'none'], ['pointer-events', 'auto']];

  function makeHost(field, entry) {
    const host = document.createElement(TAG);
    for (const [k, v] of HOST_STYLE) host.style.setProperty(k, v, 'important');
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
    const frame = document.createElement('div');
    frame.className = 'frame';
    root.append(frame);
    entry.host = host;
    entry.root = root;
    entry.frame = frame;
    hosts.add(host);
    document.documentElement.append(host);
    place(field, entry);
  }

  function clear(entry) {
    entry.kind = null;
    entry.verdict = null;
    if (entry.host) {
      hosts.delete(entry.host);
      entry.host.remove();
      entry.host = null;
      entry.root = null;
      entry.frame = null;
    }
  }

  /** Whether `verdict` holds sending until the person acknowledges it (never "still checking"). */
  function acknowledgeable(verdict) {
    return verdict.hold && verdict.kind !== 'checking';
  }

  /** What is shown when no verdict could be reached: sending stays held, and why. */
  function noAnswerVerdict() {
    return {
      kind: 'no-answer', severity: 'caution', hold: true, announce: 'alert', lang: uiWords.lang ?? 'en', dir: uiWords.dir ?? 'ltr',
      words: { title: uiWords.noAnswerTitle, lines: [uiWords.noAnswer], facts: [], label: null, lookAlike: null, warnings: [], steps: [], stepsTitle: null, highlight: null },
      strings: uiWords,
    };
  }

  function show(field, entry, verdict) {
    if (verdict.kind === 'empty' || verdict.kind === 'off') {
      clear(entry);
      entry.kind = verdict.kind;
      return;
    }
    if (!entry.host) makeHost(field, entry);
    entry.kind = verdict.kind;
    entry.verdict = verdict;
    const frame = entry.frame;
    frame.replaceChildren();
    const s = verdict.strings;
    // The calm look only for an address checked against a verified list (the decision's `ok`).
    if (verdict.severity === 'ok') {
      frame.className = 'frame mark';
      frame.append(view.checkMark(verdict));
      place(field, entry);
      return;
    }
    frame.className = 'frame';
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
        ack.addEventListener('click', (event) => {
          // Only the person releases the hold (their click, or Enter or Space on the button).
          if (!event.isTrusted) return;
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
      close.addEventListener('click', (event) => {
        if (event.isTrusted) frame.replaceChildren();
      });
      box.append(close);
    }
    const brand = document.createElement('p');
    brand.className = 'brand';
    brand.textContent = s.brand;
    footer.append(brand);
    frame.append(box);
    place(field, entry);
  }

  /** Places the drawing (inside the shadow root, in viewport coordinates) beside the field. */
  function place(field, entry) {
    if (!field.isConnected) {
      // The field left the page: so do its drawing and its mark on the toolbar badge.
      if (entry.kind !== null) forget(entry);
      clear(entry);
      fields.delete(field);
      return;
    }
    const frame = entry.frame;
    if (!frame) return;
    const r = field.getBoundingClientRect();
    if (entry.verdict?.severity === 'ok') {
      frame.style.left = `${r.right - 24}px`;
      frame.style.top = `${r.top + Math.max(0, (r.height - 18) / 2)}px`;
      frame.style.width = 'auto';
      return;
    }
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const width = Math.min(Math.max(r.width, 340), vw - 16, 560);
    const left = Math.max(8, Math.min(r.left, vw - width - 8));
    frame.style.left = `${left}px`;
    frame.style.width = `${width}px`;
    // Under the field; above it when there is no room below; while the field is in view, the
    // warning is too (it is fixed: the page cannot be scrolled to it).
    const height = frame.offsetHeight;
    let top = r.bottom + 4;
    if (r.bottom > 0 && r.top < vh && top + height > vh - 8) {
      top = r.top - 4 - height >= 8 ? r.top - 4 - height : Math.max(8, vh - height - 8);
    }
    frame.style.top = `${top}px`;
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
  // Holding the page's controls: those that would send a field whose verdict holds sending (not
  // yet acknowledged, still checking the list, or no answer), and, while its check is on its
  // way to the worker, those too. A field's controls: everything in its form, and the
  // submit-like buttons, links and ARIA buttons of the part of the page it sits in (its nearest
  // ancestor, at any depth, that holds one).

  /** The person's action that was held while a check was pending, to replay when it is clean. */
  let deferred = null;
  /** A held Enter: its keypress and keyup are held with it. */
  let enterHeld = false;

  function heldNow(field, entry) {
    const verdict = entry.verdict;
    if (!verdict || entry.kind !== verdict.kind || !verdict.hold) return false;
    if (acknowledgeable(verdict) && entry.acked) return false;
    return (field.value ?? '').trim() === entry.value.trim();
  }

  /** The field's value was changed (by a script: no event) since it was checked: check it first. */
  function stale(field, entry) {
    const value = field.value ?? '';
    return value !== entry.value && looksLikeAddress(value);
  }

  function ours(path) {
    return path.some((n) => hosts.has(n));
  }

  function controlIn(path) {
    for (const n of path) if (n.nodeType === 1 && n.matches?.(CONTROL)) return n;
    return null;
  }

  /** Whether the control's words (its label, text, value or title) are a send/withdraw/confirm word. */
  function labelledSubmit(control) {
    const label = [control.getAttribute?.('aria-label'), control.textContent, control.value, control.getAttribute?.('title')]
      .filter((s) => typeof s === 'string' && s).join(' ');
    return SUBMIT_WORDS.test(label.normalize('NFC'));
  }

  function looksLikeSubmit(control) {
    if (!control) return false;
    if (control.type === 'submit') return true;
    return labelledSubmit(control);
  }

  /**
   * Whether the control marks the part of the page that sends: labelled with a submit word, or
   * a submit button of a real form. Not every `<button>` without a type (its `type` is
   * "submit"): outside a form such a button submits nothing, and the Paste, QR or address-book
   * button inside the field's own input group is one — taking it as the sign would make that
   * group the region and leave the real Withdraw button outside it unheld.
   */
  function marksRegion(control) {
    return labelledSubmit(control) || (control.type === 'submit' && control.form != null);
  }

  const parentOf = (node) => (node.nodeType === 11 ? node.host : node.parentNode);

  function pathOf(target) {
    const path = [];
    for (let n = target; n; n = parentOf(n)) path.push(n);
    return path;
  }

  /**
   * The part of the page a field belongs to: its nearest ancestor (across shadow roots, at any
   * depth) that holds a control that sends (`marksRegion`) — the card, panel or form both sit
   * in — or <body>. Every submit-like control in it is held (`looksLikeSubmit`, wider).
   */
  function regionOf(field) {
    for (let node = parentOf(field); node; node = parentOf(node)) {
      if (node === document.body || node === document.documentElement || node.nodeType === 9) break;
      if (node.nodeType !== 1 && node.nodeType !== 11) continue;
      for (const control of node.querySelectorAll(CONTROL)) if (marksRegion(control)) return node;
    }
    return document.body ?? document.documentElement;
  }

  /**
   * Whether holding `field` holds `target`: a control (its event's composed `path`), a form
   * being submitted, or a text field Enter was pressed in.
   */
  function covers(field, target, path) {
    if (target === field) return true;
    const form = field.form;
    if (form && (target === form || target.form === form || (target.matches?.(CONTROL) && path.includes(form)))) return true;
    if (target.localName === 'form') return false;
    const control = target.matches?.(CONTROL);
    if (!control && !isTextField(target)) return false;
    if (control && !looksLikeSubmit(target)) return false;
    return path.includes(regionOf(field));
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
      const changed = !held && !entry.pending && stale(field, entry);
      if (!held && !entry.pending && !changed) continue;
      if (!covers(field, target, path)) continue;
      if (held) return { field, entry, held };
      if (changed) schedule(field, entry, 0);
      pending ??= { field, entry, held };
    }
    return pending;
  }

  /** Remembers (in the worker) the addresses the person entered that `target` sends. */
  function remember(target, path) {
    for (const [field, e] of fields) {
      // A valid address the verdict did not flag (checked against the list, or not checkable
      // now), entered by the person and unchanged since; the worker checks it again first.
      if (!field.isConnected || !e.verdict || (e.verdict.kind !== 'valid' && e.verdict.kind !== 'unchecked')) continue;
      const value = (field.value ?? '').trim();
      if (value !== e.value.trim() || value !== e.personValue || !covers(field, target, path)) continue;
      api.runtime.sendMessage({ what: 'sent', input: e.verdict.piece?.text ?? value }).catch(() => {});
    }
  }

  /** Whether `target`, used with a click or Enter, sends: a submit-like control, or Enter in a field. */
  function sends(type, target) {
    return (type === 'click' && looksLikeSubmit(target)) || (type === 'enter' && isTextField(target)) || (type === 'keydown' && isTextField(target));
  }

  /**
   * Whether a held action may be replayed: the field whose check held it, and every other
   * field it sends with a verdict, were found `ok` (checked against the list, nothing found).
   */
  function replayable(action, path) {
    const own = fields.get(action.field);
    if (!own || own.verdict?.severity !== 'ok' || own.verdict.kind !== own.kind) return false;
    for (const [field, e] of fields) {
      if (!field.isConnected || !e.verdict || e.verdict.severity === 'none') continue;
      if (e.verdict.severity !== 'ok' && covers(field, action.target, path)) return false;
    }
    return true;
  }

  /** A check finished (or gave up): replay the person's held action if nothing holds it any more. */
  function settle(entry) {
    entry.pending = false;
    clearTimeout(entry.limit);
    if (!deferred || [...fields.values()].some((e) => e.pending)) return;
    const action = deferred;
    deferred = null;
    if (!action.target.isConnected) return;
    const path = pathOf(action.target);
    const hold = holder(action.target, path);
    if (hold) {
      // Held by a verdict: the warning now holds it and the person decides. Another check
      // started (a value changed meanwhile): wait for it too.
      if (!hold.held) deferred = action;
      return;
    }
    // Replayed only after the calm, checked verdict. "Could not be checked" or "not a valid
    // address" do not hold sending, but the person acted before seeing them: the action is
    // dropped, and they act again after reading the box.
    if (!replayable(action, path)) return;
    if (sends(action.type, action.target)) remember(action.target, path);
    if (action.type === 'submit') {
      action.target.requestSubmit(action.submitter?.isConnected ? action.submitter : undefined);
    } else if (action.type === 'enter') {
      if (action.target.form) action.target.form.requestSubmit();
      else {
        for (const type of ['keydown', 'keypress', 'keyup']) {
          action.target.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true }));
        }
      }
    } else {
      action.target.click();
    }
  }

  /**
   * No verdict could be reached for `entry` (the worker failed, the extension went away, or no
   * answer within PENDING_LIMIT_MS): the held action is dropped, never replayed, and the field
   * stays held with the reason shown until the person chooses to continue. Editing asks again.
   */
  function giveUp(field, entry) {
    deferred = null;
    if (field.isConnected && looksLikeAddress(field.value ?? '')) {
      entry.value = field.value ?? '';
      entry.acked = false;
      show(field, entry, noAnswerVerdict());
    }
    settle(entry);
  }

  function shake(entry, field) {
    const box = entry.frame?.querySelector('.box');
    if (!box) return;
    box.classList.remove('shake');
    void box.offsetWidth;
    box.classList.add('shake');
    field?.scrollIntoView?.({ block: 'nearest' });
    placeAll();
    entry.frame.querySelector('.ack')?.focus({ preventScroll: true });
  }

  /**
   * The person is about to send: an address-like value in a field this action sends that the
   * person never edited (the page filled it in: a saved-address picker, a payment link) is
   * checked now, against the list only — never the sent-to history, as the person did not
   * enter it — and holds the action until its verdict is in.
   */
  function adopt(target, path) {
    const candidates = [...document.querySelectorAll('input, textarea')];
    for (const root of openRoots) if (root.host?.isConnected) candidates.push(...root.querySelectorAll('input, textarea'));
    for (const field of candidates) {
      if (fields.has(field) || !isTextField(field) || !looksLikeAddress(field.value ?? '')) continue;
      if (covers(field, target, path)) schedule(field, watch(field), 0);
    }
  }

  const isEnter = (event) => event.key === 'Enter' || event.keyCode === 13;

  /** What an event would set off: a control, a form (submit) or a field (Enter), or null. */
  function targetOf(event, path) {
    if (event.type === 'submit') return event.target;
    if (event.type.startsWith('key')) return isEnter(event) ? controlIn(path) ?? fieldOf(event) : null;
    return controlIn(path);
  }

  function guard(event) {
    const path = event.composedPath?.() ?? [event.target];
    const key = event.type.startsWith('key');
    if (key && isEnter(event)) {
      // The keypress and keyup of an Enter whose keydown was held, wherever the focus went
      // meanwhile: when the warning's button took it, the same Enter must not press it too.
      if (event.type === 'keydown') enterHeld = false;
      else if (enterHeld) {
        if (event.type === 'keyup') enterHeld = false;
        event.preventDefault();
        event.stopImmediatePropagation();
        return;
      }
    }
    if (ours(path)) return;
    const target = targetOf(event, path);
    if (!target) return;
    if (event.isTrusted && (event.type === 'click' || event.type === 'keydown')) adopt(target, path);
    const hold = holder(target, path);
    if (hold) {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (event.type === 'keydown') enterHeld = true;
      // A page script's own event is stopped, never replayed and never moves the focus.
      if (!event.isTrusted) return;
      if (hold.held) {
        shake(hold.entry, hold.field);
      } else if (['click', 'submit', 'keydown'].includes(event.type)) {
        const type = event.type === 'keydown' ? (target.matches?.(CONTROL) ? 'click' : 'enter') : event.type;
        deferred = { type, target, submitter: event.submitter ?? null, field: hold.field };
      }
      return;
    }
    // Allowed through: the person's own sending action records the sent-to addresses (locally)
    // for the look-alike check. A page script's click or submit records nothing.
    if (event.isTrusted && (event.type === 'click' || event.type === 'keydown') && sends(event.type, target)) remember(target, path);
  }

  for (const type of ['click', 'auxclick', 'submit', 'keydown', 'keypress', 'keyup', 'pointerdown', 'mousedown', 'pointerup', 'mouseup']) {
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

  if (window === window.top) {
    // The popup asks which site the active tab shows (top frame only).
    api.runtime.onMessage.addListener((message, sender, reply) => {
      if (message?.what !== 'host') return false;
      reply(location.hostname);
      return false;
    });
    // A new page in the tab: the worker forgets the badge state of the one before.
    api.runtime.sendMessage({ what: 'page' }).catch(() => {});
  }

  listen(window);
  window.addEventListener('scroll', placeAll, true);
  window.addEventListener('resize', placeAll);
  observer.observe(document, { childList: true, subtree: true });
  const scanAll = () => scan(document.documentElement);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scanAll, { once: true });
  else scanAll();
})();
