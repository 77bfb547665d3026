// SPDX-License-Identifier: MIT OR Apache-2.0
// Shows a decision of the package's `decide` (pkg/decide.js) in the verdict section. It decides
// nothing: the kind, the severity (the colour), whether it is announced as an alert and every
// line come from the decision; this module only turns messages into words and elements.
//
// The DOM is built with createElement and textContent only: the address and the list's
// labels are data, never markup.

import { formatDate, formatList, has, intlLocale, t } from './i18n.js';
import { codePoint, HIDDEN, messageText, sourceOf } from './wording.js';

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

/** The text with the character at 1-based `position` wrapped in <mark>. */
export function highlighted(text, position) {
  const chars = Array.from(text);
  const box = el('div', { class: 'address', 'data-testid': 'highlight', translate: 'no' });
  box.append(chars.slice(0, position - 1).join(''));
  const ch = chars[position - 1];
  // A hidden character would highlight nothing: show its code instead.
  box.append(el('mark', HIDDEN.test(ch) ? { class: 'code', text: codePoint(ch) } : { text: ch }));
  box.append(chars.slice(position).join(''));
  return box;
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
  'warn.looks-like-listed': 'lookalike-lead',
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
const HONEST = new Set(['listed.lead', 'related.lead', 'trick.lead', 'valid.honest', 'warn.looks-like-listed', 'lookalikeSent.lead', 'network.wrong.lead', 'network.wrong.leadNetwork', 'checking.lead']);

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
  if (message.key === 'verdict.where' && decision.piece) return [node, highlighted(decision.piece.text, decision.error.position)];
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
  if (decision.lookAlike) {
    nodes.push(el('div', { class: 'address', translate: 'no', 'data-testid': 'lookalike-known', text: decision.lookAlike.known }));
  }
  if (decision.warnings.length) {
    const list = el('ul', { class: 'warnings', 'data-testid': 'warnings' });
    for (const w of decision.warnings) list.append(el('li', { 'data-code': w.code, text: has(w.key) ? t(w.key) : w.message }));
    nodes.push(list);
  }
  if (decision.error && !has(`err.${decision.error.code}`) && decision.error.message) {
    nodes.push(el('p', { class: 'note', lang: 'en', text: t('verdict.coreSays', { message: decision.error.message }) }));
  }
  if (decision.steps.length) {
    const listed = decision.kind === 'listed' || decision.kind === 'related';
    nodes.push(el('h3', { text: words(decision.stepsTitle) }));
    const steps = el(listed ? 'ol' : 'ul', { 'data-testid': listed ? 'todo' : 'signs' });
    for (const step of decision.steps) steps.append(el('li', { text: words(step) }));
    nodes.push(steps);
  }
  return nodes;
}

/**
 * Shows `decision` in `section` and returns `{kind, announce, summary}` for the live regions,
 * or null when there is nothing to show (empty input).
 */
export function renderDecision(section, decision) {
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
  bodyNode.replaceChildren(...body(decision));
  section.hidden = false;
  // What a screen reader hears: the title and the first line that says why.
  const lead = decision.messages.find((m) => !m.key.startsWith('piece.') && m.key !== 'verdict.validFor');
  return { kind: decision.kind, announce: decision.announce, summary: lead ? `${title}. ${words(lead)}` : title };
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
