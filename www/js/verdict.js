// SPDX-License-Identifier: MIT OR Apache-2.0
// Shows a decision of the package's `decide` (pkg/decide.js) in the verdict section. It decides
// nothing: the kind, the severity (the colour), whether it is announced as an alert and every
// line come from the decision; this module only turns messages into words and elements.
//
// The DOM is built with createElement and textContent only: the address and the list's
// labels are data, never markup.

import { formatDate, formatList, has, intlLocale, t } from './i18n.js';
import { summaryOf } from './decision-words.js';
import { characterMark, codePoint, HIDDEN, messageText, sourceOf } from './wording.js';

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** The page's translator, in the shape js/wording.js takes. */
function translator() {
  return { t, has, locale: intlLocale() };
}

/** The words of one message of the decision. */
export function words(message) {
  return message ? messageText(translator(), message) : '';
}

/**
 * The text with the character at 1-based `position` wrapped in <mark>. A character that cannot
 * be seen would highlight nothing: its name stands in its place ("line break"); the code point
 * is under "Technical details".
 */
export function highlighted(text, position, name = null) {
  const chars = Array.from(text);
  const box = el('div', { class: 'address', 'data-testid': 'highlight', translate: 'no' });
  box.append(chars.slice(0, position - 1).join(''));
  const ch = chars[position - 1];
  box.append(HIDDEN.test(ch) ? el('mark', { class: 'named', translate: 'yes', text: characterMark(translator(), ch, name) }) : el('mark', { text: ch }));
  box.append(chars.slice(position).join(''));
  return box;
}

/**
 * `address` with the characters at the 1-based `positions` marked (a look-alike's differing
 * middle); runs of marked characters share one <mark>.
 */
export function marked(address, positions, testid) {
  const chars = Array.from(address);
  const set = new Set(positions);
  const box = el('div', { class: 'address', 'data-testid': testid, translate: 'no' });
  let run = '';
  let inMark = false;
  const flush = () => {
    if (run) box.append(inMark ? el('mark', { text: run }) : run);
    run = '';
  };
  chars.forEach((ch, i) => {
    const m = set.has(i + 1);
    if (m !== inMark) {
      flush();
      inMark = m;
    }
    run += ch;
  });
  flush();
  return box;
}

/** The positions from..to (1-based, inclusive). */
function range([from, to]) {
  const out = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

/**
 * What only a helper or an expert needs, behind a toggle: the character's code point, the
 * core's own English message.
 */
function technicalDetails(decision) {
  const lines = [];
  const error = decision.error;
  if (error?.position && error.character) {
    lines.push(el('p', { 'data-testid': 'code-point', text: t('details.character', { position: String(error.position), code: codePoint(error.character) }) }));
  }
  if (error?.message) lines.push(el('p', { lang: 'en', text: has(`err.${error.code}`) ? error.message : t('verdict.coreSays', { message: error.message }) }));
  if (!lines.length) return null;
  return el('details', { class: 'tech', 'data-testid': 'details' }, el('summary', { text: t('details.title') }), ...lines);
}

function fact(key, label, value) {
  return el('li', { 'data-fact': key }, el('b', { text: label }), ' ', value);
}

/** The list's facts about a listed address: category, source, first reported, network. */
function listingFacts(listing, { withNetwork }) {
  const source = sourceOf(listing);
  const sourceNode = source.url
    ? el('a', { href: source.url, rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', target: '_blank', text: source.name })
    : document.createTextNode(source.name);
  const category = has(`category.${listing.category}`) ? t(`category.${listing.category}`) : t('category.other');
  return el('ul', { class: 'facts', 'data-testid': 'risk' },
    fact('category', t('listed.category'), category),
    fact('source', t('listed.source'), sourceNode),
    listing.firstReported ? fact('first-reported', t('listed.firstReported'), formatDate(listing.firstReported)) : null,
    withNetwork && listing.chains.length ? fact('network', t('listed.network'), formatList(listing.chains.map((id) => (has(`chain.${id}`) ? t(`chain.${id}`) : id)))) : null,
  );
}

// Test ids the page's tests find lines by (the message key says what the line is).
const LINE_IDS = {
  'related.lead': 'related-lead',
  'verdict.validFor': 'chains',
  'lookalike.lead': 'lookalike-lead',
  'lookalike.leadPrefix': 'lookalike-lead',
  'network.wrong.lead': 'wrong-network',
  'network.wrong.leadNetwork': 'wrong-network',
  'lookalikeSent.lead': 'lookalike-sent-lead',
  'piece.found': 'piece',
  'piece.foundMany': 'piece',
  'link.asks': 'link',
  'link.asksAmount': 'link',
  'link.asksBaseUnits': 'link',
};
// Lines said in the verdict's strong voice.
const HONEST = new Set(['listed.lead', 'related.lead', 'trick.lead', 'valid.honest', 'lookalike.lead', 'lookalike.leadPrefix', 'lookalikeSent.lead', 'network.wrong.lead', 'network.wrong.leadNetwork', 'checking.lead']);

/** One line of the decision, with what belongs to it (the marked character after "where"). */
function line(decision, message) {
  const props = { text: words(message), 'data-key': message.key };
  if (LINE_IDS[message.key]) props['data-testid'] = LINE_IDS[message.key];
  if (HONEST.has(message.key)) props.class = 'honest';
  if (message.key.startsWith('err.') && message.key === `err.${decision.error?.code}`) {
    props['data-testid'] = 'error';
    props['data-code'] = decision.error.code;
  }
  if (message.key.startsWith('unchecked.') && message.key !== 'unchecked.title') props['data-testid'] = 'unchecked-why';
  const node = el('p', props);
  if (message.key === 'verdict.where' && decision.piece) return [node, highlighted(decision.piece.text, decision.error.position, decision.error.characterName)];
  if (message.key === 'lookalike.marked' && decision.compared) {
    // As typed when it is the same address in another case (EVM hex), else the canonical form.
    const typed = decision.piece?.text?.trim() ?? '';
    const shown = typed.toLowerCase() === decision.compared.address.toLowerCase() ? typed : decision.compared.address;
    return [node, marked(shown, range(decision.compared.middle), 'lookalike-compared')];
  }
  if (message.key === 'lookalikeSent.marked' && decision.lookAlike) {
    const { input, known, differing } = decision.lookAlike;
    return [
      node,
      marked(input, differing, 'lookalike-input'),
      el('p', { text: t('lookalikeSent.known') }),
      marked(known, Array.from(known).length === Array.from(input).length ? differing : [], 'lookalike-known'),
    ];
  }
  return [node];
}

function body(decision) {
  const nodes = [];
  for (const message of decision.messages) nodes.push(...line(decision, message));
  const listing = decision.listing;
  if (listing?.related) {
    const chain = { chain: listing.related.chain };
    nodes.push(
      el('p', {}, el('b', { text: words({ key: 'related.sibling', params: { chain } }) })),
      el('div', { class: 'address', translate: 'no', 'data-testid': 'related-address', text: listing.related.address }),
      el('h3', { text: t('related.about') }),
    );
  }
  if (listing) {
    nodes.push(listingFacts(listing, { withNetwork: !listing.related }));
    if (listing.label) nodes.push(el('p', { class: 'note', 'data-testid': 'label', text: t('listed.label', { label: listing.label }) }));
  }
  if (decision.warnings.length) {
    const list = el('ul', { class: 'warnings', 'data-testid': 'warnings' });
    for (const w of decision.warnings) list.append(el('li', { 'data-code': w.code, text: has(w.key) ? t(w.key) : w.message }));
    nodes.push(list);
  }
  if (decision.steps.length) {
    const todo = decision.stepsTitle?.key === 'listed.todo.title';
    nodes.push(el('h3', { text: words(decision.stepsTitle) }));
    const steps = el(todo ? 'ol' : 'ul', { 'data-testid': todo ? 'todo' : 'signs' });
    for (const step of decision.steps) steps.append(el('li', { text: words(step) }));
    nodes.push(steps);
  }
  const details = technicalDetails(decision);
  if (details) nodes.push(details);
  return nodes;
}

/**
 * "Where to report it": the host's report links for the person's region, the other regions'
 * behind a toggle, and a button that copies a plain-text summary of the check. `report` is
 * `{links: [{name, url, lang?}], region, regionName, others: [{region, name, links}], summary}`;
 * nothing is sent: the links are plain links and the summary goes to the clipboard on request.
 */
export function reportBox(report) {
  const link = (l) => el('li', {}, el('a', { href: l.url, rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', target: '_blank', lang: l.lang || 'en', text: l.name }));
  const box = el('div', { class: 'report', 'data-testid': 'report' }, el('h3', { text: t('report.title') }), el('p', { text: t('report.lead') }));
  if (report.links.length) {
    box.append(el('p', { class: 'report-region', text: report.regionName }), el('ul', { 'data-testid': 'report-links' }, ...report.links.map(link)));
  } else {
    box.append(el('p', { text: t('report.none') }));
  }
  if (report.others.length) {
    const others = el('details', { class: 'report-others' }, el('summary', { text: t('report.other') }));
    for (const other of report.others) others.append(el('p', { class: 'report-region', text: other.name }), el('ul', {}, ...other.links.map(link)));
    box.append(others);
  }
  const status = el('p', { class: 'report-copied', role: 'status', 'data-testid': 'report-status' });
  const text = el('textarea', { class: 'report-summary', readonly: '', rows: '7', 'aria-label': t('report.summaryLabel'), 'data-testid': 'report-summary', hidden: '' });
  const button = el('button', { type: 'button', class: 'copy', 'data-testid': 'report-copy', text: t('report.copy') });
  button.addEventListener('click', async () => {
    const summary = report.summary();
    text.value = summary;
    try {
      await navigator.clipboard.writeText(summary);
      status.textContent = t('report.copied');
      text.hidden = true;
    } catch {
      // No clipboard (an old browser, a denied permission): show the text to copy by hand.
      status.textContent = t('report.copyFailed');
      text.hidden = false;
      text.focus();
      text.select();
    }
  });
  box.append(button, status, text);
  return box;
}

/**
 * Shows `decision` in `section` and returns `{kind, announce, summary}` for the live regions,
 * or null when there is nothing to show (empty input).
 */
export function renderDecision(section, decision, { report = null } = {}) {
  const titleNode = section.querySelector('.verdict-title');
  const bodyNode = section.querySelector('.verdict-body');
  section.dataset.kind = decision.kind;
  section.dataset.severity = decision.severity;
  section.dataset.hold = String(decision.hold);
  section.dataset.list = decision.list.state;
  if (decision.kind === 'empty') {
    section.hidden = true;
    titleNode.textContent = '';
    bodyNode.replaceChildren();
    return null;
  }
  const title = words(decision.title);
  titleNode.textContent = title;
  const nodes = body(decision);
  if (report) nodes.push(reportBox(report));
  bodyNode.replaceChildren(...nodes);
  section.hidden = false;
  // What a screen reader hears: the title and the first line that says why.
  const lead = decision.messages.find((m) => !m.key.startsWith('piece.') && m.key !== 'verdict.validFor');
  return { kind: decision.kind, announce: decision.announce, summary: summaryOf({ t, has }, title, lead ? words(lead) : '') };
}

/** Shows a plain message (loading, failure) in the verdict area. */
export function renderMessage(section, kind, title, text) {
  section.dataset.kind = kind;
  section.dataset.severity = kind === 'failed' ? 'caution' : 'neutral';
  section.dataset.hold = 'true';
  section.querySelector('.verdict-title').textContent = title;
  section.querySelector('.verdict-body').replaceChildren(...(text ? [el('p', { text })] : []));
  section.hidden = false;
}
