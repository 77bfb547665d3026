// SPDX-License-Identifier: MIT OR Apache-2.0
// Turns the core's report (validate / list.check) into the verdict people read.
//
// The DOM is built with createElement and textContent only: the address and the list's
// labels are data, never markup.

import { formatDate, formatList, has, t } from './i18n.js';
import { CHAIN_SPECIFIC, HIDDEN, LISTED_TODO, NAMES_CHARACTER, TRICKS, charAt, codePoint, sourceOf } from './wording.js';

export { charAt };

// The core's English chain names (src/address.rs Chain::name), to find the chain in an error
// message when the report does not carry it as a field. Longest names first.
const CHAIN_NAMES = [
  ['bitcoin-testnet', 'Bitcoin testnet'], ['bitcoin-cash', 'Bitcoin Cash'], ['xrp-testnet', 'XRP testnet'],
  ['evm', 'Ethereum/EVM'], ['bitcoin', 'Bitcoin'], ['litecoin', 'Litecoin'], ['dogecoin', 'Dogecoin'],
  ['dash', 'Dash'], ['zcash', 'Zcash'], ['tron', 'Tron'], ['solana', 'Solana'], ['xrp', 'XRP'],
  ['ton', 'TON'], ['stellar', 'Stellar'], ['cosmos', 'Cosmos'], ['polkadot', 'Polkadot'],
  ['cardano', 'Cardano'], ['monero', 'Monero'],
];

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

/** A chain id as people know it, in the current language. */
export function chainName(id) {
  return has(`chain.${id}`) ? t(`chain.${id}`) : id;
}

/** The chain an error is about: the report's own field if it has one, else its message. */
function chainOfError(error) {
  if (typeof error.chain === 'string') return error.chain;
  const message = error.message ?? '';
  for (const [id, name] of CHAIN_NAMES) {
    if (new RegExp(`(^|[^\\w])${name.replace('/', '\\/')} `).test(message)) return id;
  }
  return null;
}

function describeChar(ch) {
  if (ch === null) return '';
  return HIDDEN.test(ch) ? t('char.invisible', { code: codePoint(ch) }) : t('char.visible', { ch, code: codePoint(ch) });
}

/** The address as text, with the character at `position` wrapped in <mark>. */
export function highlighted(input, position) {
  const chars = Array.from(input);
  const box = el('div', { class: 'address', 'data-testid': 'highlight', translate: 'no' });
  box.append(chars.slice(0, position - 1).join(''));
  const ch = chars[position - 1];
  const hidden = HIDDEN.test(ch);
  // A hidden character would highlight nothing: show its code instead.
  box.append(el('mark', hidden ? { class: 'code', text: codePoint(ch) } : { text: ch }));
  box.append(chars.slice(position).join(''));
  return box;
}

function errorMessage(error, input) {
  const key = `err.${error.code}`;
  if (NAMES_CHARACTER.has(error.code) && charAt(input, error.position) === null) {
    return { text: t('err.unknown'), translated: false };
  }
  if (!has(key)) return { text: t('err.unknown'), translated: false };
  let text = t(key, { char: describeChar(charAt(input, error.position)) });
  // The core's structured `suggestion` (never its English text): the ASCII character a
  // look-alike imitates, so the person sees what it was made to pass for.
  if (error.code === 'look-alike-character' && typeof error.suggestion === 'string' && error.suggestion) {
    text = `${text} ${t('err.imitates', { ascii: error.suggestion })}`;
  }
  // A character the alphabet lacks, with the one people usually meant ('0' → 'o' in base58).
  if (error.code === 'invalid-character' && typeof error.suggestion === 'string' && error.suggestion) {
    text = `${text} ${t('err.did-you-mean', { ascii: error.suggestion })}`;
  }
  return { text, translated: true };
}

/**
 * The core's warnings, in words. `no-checksum` ("compare character by character") is left out
 * where the verdict is already STOP: it would read as if checking more carefully could help.
 */
function warningsList(warnings, { stop = false } = {}) {
  const shown = (warnings ?? []).filter((w) => !(stop && w.code === 'no-checksum'));
  if (!shown.length) return null;
  const list = el('ul', { class: 'warnings', 'data-testid': 'warnings' });
  for (const w of shown) {
    const key = `warn.${w.code}`;
    list.append(el('li', { 'data-code': w.code, text: has(key) ? t(key) : w.message }));
  }
  return list;
}

/** Whether the list says `result` shows the ends of a listed address (a hint, not a listing). */
export function looksLikeListed(result) {
  return (result?.warnings ?? []).some((w) => w.code === 'looks-like-listed');
}

function listOf(tag, keys, props = {}) {
  const list = el(tag, props);
  for (const key of keys) list.append(el('li', { text: t(key) }));
  return list;
}

function fact(label, value) {
  return el('li', {}, el('b', { text: label }), ' ', value);
}

function sourceNode(risk) {
  const { name, url } = sourceOf(risk);
  if (url) {
    return el('a', { href: url, rel: 'noopener noreferrer', referrerpolicy: 'no-referrer', target: '_blank', text: name });
  }
  return document.createTextNode(name);
}

function chainsText(chains) {
  return formatList((chains ?? []).map(chainName));
}

/** The list's facts about `risk` (category, source, first reported; `chains` when given). */
function riskFacts(risk, chains) {
  const category = has(`category.${risk.category}`) ? t(`category.${risk.category}`) : t('category.other');
  const firstReported = risk.first_reported ?? risk.firstReported;
  return el('ul', { class: 'facts', 'data-testid': 'risk' },
    fact(t('listed.category'), category),
    fact(t('listed.source'), sourceNode(risk)),
    firstReported ? fact(t('listed.firstReported'), formatDate(firstReported)) : null,
    chains?.length ? fact(t('listed.network'), chainsText(chains)) : null,
  );
}

function todo() {
  return [el('h3', { text: t('listed.todo.title') }), listOf('ol', LISTED_TODO, { 'data-testid': 'todo' })];
}

function labelNote(risk) {
  return risk.label ? el('p', { class: 'note', 'data-testid': 'label', text: t('listed.label', { label: risk.label }) }) : null;
}

function listed(result) {
  const risk = result.risk;
  const body = [
    el('p', { class: 'honest', text: t('listed.lead') }),
    riskFacts(risk, result.chains),
    labelNote(risk),
    warningsList(result.warnings, { stop: true }),
    wrongNetworkNote(result),
    ...todo(),
  ];
  return { kind: 'listed', title: t('listed.title'), body, summary: `${t('listed.title')}. ${t('listed.lead')}` };
}

/**
 * Not listed itself, but the same key controls a listed address (`risk.related`; the other
 * risk fields describe that address): as dangerous as listed, and said to be related.
 */
function related(result) {
  const risk = result.risk;
  const chain = chainName(risk.related.chain);
  const title = t('related.title');
  const lead = t('related.lead', { chain });
  const body = [
    el('p', { class: 'honest', 'data-testid': 'related-lead', text: lead }),
    // The address's own network, apart from the facts below: those are the listed address's.
    el('p', { 'data-testid': 'chains', text: t('verdict.validFor', { chains: chainsText(result.chains) }) }),
    el('p', {}, el('b', { text: t('related.sibling', { chain }) })),
    el('div', { class: 'address', translate: 'no', 'data-testid': 'related-address', text: risk.related.address }),
    el('h3', { text: t('related.about') }),
    riskFacts(risk, null),
    labelNote(risk),
    warningsList(result.warnings, { stop: true }),
    wrongNetworkNote(result),
    ...todo(),
  ];
  return { kind: 'related', title, body, summary: `${title}. ${lead}` };
}

function invalid(result, input) {
  const error = result.error;
  const message = errorMessage(error, input);
  const where = charAt(input, error.position) !== null && error.code !== 'empty'
    ? [el('p', { text: t('verdict.where', { position: error.position }) }), highlighted(input, error.position)]
    : [];
  const detail = message.translated ? null : el('p', { class: 'note', lang: 'en', text: t('verdict.coreSays', { message: error.message }) });
  const messageNode = el('p', { 'data-testid': 'error', 'data-code': error.code, text: message.text });
  if (TRICKS.has(error.code)) {
    const title = t('trick.title');
    return {
      kind: 'trick',
      title,
      body: [el('p', { class: 'honest', text: t('trick.lead') }), messageNode, ...where, detail, el('p', { text: t('trick.advice') })],
      summary: `${title}. ${message.text}`,
    };
  }
  const chain = CHAIN_SPECIFIC.has(error.code) ? chainOfError(error) : null;
  const title = chain ? t('invalid.titleChain', { chain: chainName(chain) }) : t('invalid.title');
  return {
    kind: 'invalid',
    title,
    body: [messageNode, ...where, detail, el('p', { text: t('invalid.advice') })],
    summary: `${title}. ${message.text}`,
  };
}

/**
 * The network the person said they are sending on (`expected`, a chain id) when `result` is a
 * valid address that is not on it, else null.
 */
export function wrongNetwork(result, expected) {
  if (!expected || !result?.valid) return null;
  const chains = result.chains ?? [];
  return chains.length && !chains.includes(expected) ? expected : null;
}

let expectedNetwork = null;

/** Sets the network the person is sending on (a chain id), or null for any. */
export function setExpectedNetwork(id) {
  expectedNetwork = id || null;
}

/** On a STOP verdict, the wrong network is said too, in one line. */
function wrongNetworkNote(result) {
  const expected = wrongNetwork(result, expectedNetwork);
  if (!expected) return null;
  return el('p', { class: 'honest', 'data-testid': 'wrong-network', text: t('network.wrong.lead', { network: chainName(expected), chains: chainsText(result.chains) }) });
}

/** A valid address on another network than the one chosen: sending would lose the money. */
function onWrongNetwork(result, expected) {
  const network = chainName(expected);
  const title = t('network.wrong.title', { network });
  const lead = t('network.wrong.lead', { network, chains: chainsText(result.chains) });
  return {
    kind: 'wrong-network',
    title,
    body: [
      el('p', { class: 'honest', 'data-testid': 'wrong-network', text: lead }),
      el('p', { 'data-testid': 'chains', text: t('verdict.validFor', { chains: chainsText(result.chains) }) }),
      el('p', { text: t('network.wrong.advice', { network }) }),
      warningsList(result.warnings),
    ],
    summary: `${title}. ${lead}`,
  };
}

function valid(result, listState) {
  const chains = el('p', { 'data-testid': 'chains', text: t('verdict.validFor', { chains: chainsText(result.chains) }) });
  const signs = [
    el('h3', { text: t('signs.title') }),
    listOf('ul', ['signs.1', 'signs.2', 'signs.3', 'signs.4', 'signs.5', 'signs.6'], { 'data-testid': 'signs' }),
  ];
  const expected = wrongNetwork(result, expectedNetwork);
  if (expected) return onWrongNetwork(result, expected);
  if (listState === 'ok' && looksLikeListed(result)) {
    // Not listed, but it shows the ends of a listed address: a warning of its own kind, never
    // the calm "valid" style; the look-alike warning comes first.
    const title = t('lookalike.title');
    const others = (result.warnings ?? []).filter((w) => w.code !== 'looks-like-listed');
    return {
      kind: 'lookalike',
      title,
      body: [
        el('p', { class: 'honest', 'data-testid': 'lookalike-lead', text: t('warn.looks-like-listed') }),
        chains,
        warningsList(others),
        ...signs,
      ],
      summary: `${title}. ${t('warn.looks-like-listed')}`,
    };
  }
  const warnings = warningsList(result.warnings);
  if (listState === 'ok') {
    const title = t('valid.title');
    return {
      kind: 'valid',
      title,
      body: [chains, el('p', { class: 'honest', text: t('valid.honest') }), warnings, ...signs],
      summary: `${title}. ${t('valid.honest')}`,
    };
  }
  if (listState === 'loading') {
    const title = t('valid.titleChecking');
    return { kind: 'valid', title, body: [chains, warnings, ...signs], summary: title };
  }
  const title = t('valid.titleNoList');
  return {
    kind: 'valid',
    title,
    body: [chains, el('p', { class: 'honest', text: t('valid.noList') }), warnings, ...signs],
    summary: `${title}. ${t('valid.noList')}`,
  };
}

/**
 * Renders the verdict for `result` (the core's report for `input`) into `section`.
 * `listState` is "ok" (result came from a verified list), "loading" or "none".
 * Returns `{kind, summary}` for the live region, or null when there is nothing to say.
 */
export function renderVerdict(section, result, input, listState) {
  const titleNode = section.querySelector('.verdict-title');
  const bodyNode = section.querySelector('.verdict-body');
  if (!result || input.trim() === '' || result.error?.code === 'empty') {
    section.hidden = true;
    section.dataset.kind = 'empty';
    titleNode.textContent = '';
    bodyNode.replaceChildren();
    return null;
  }
  let verdict;
  if (result.risk) verdict = result.risk.related ? related(result) : listed(result);
  else if (!result.valid && result.error) verdict = invalid(result, input);
  else verdict = valid(result, listState);
  section.dataset.kind = verdict.kind;
  titleNode.textContent = verdict.title;
  bodyNode.replaceChildren(...verdict.body.filter(Boolean));
  section.hidden = false;
  return { kind: verdict.kind, summary: verdict.summary };
}

/** Shows a plain message (loading, failure) in the verdict area. */
export function renderMessage(section, kind, title, text) {
  section.dataset.kind = kind;
  section.querySelector('.verdict-title').textContent = title;
  section.querySelector('.verdict-body').replaceChildren(...(text ? [el('p', { text })] : []));
  section.hidden = false;
}
