// SPDX-License-Identifier: MIT OR Apache-2.0
// The words of one decision (the package's `decide` / `assess`), in one language, as plain
// data: what the bank widget draws in its shadow root and what the extension's worker sends to
// its content script and popup. No DOM and no rules: which kind, how dangerous, whether it is
// held and what it says are the decision's; this only turns its message keys into text.

import { HIDDEN, characterMark, codePoint, listedWording, messageText, relatedWording } from './wording.js';

/**
 * The words of `decision` in the language of `tr` (a `translator`), or null when empty:
 * `{kind, severity, title, lines, facts, label, highlight, lookAlike, warnings, stepsTitle,
 * steps, summary}`. `lines` are its messages; `facts` the list's facts about a listed or
 * related address (`[{key, label, text, url}]`) and `label` the publisher's note; `highlight`
 * the piece split around the character to blame (`{before, mark, code, hidden, after, line}`,
 * shown after `lines[line]`; `mark` names a hidden character, `code` is its code point); `lookAlike` the sent-to
 * address imitated (`{known, input, differing}`); `summary` what a screen reader is told.
 */
export function decisionWords(tr, decision) {
  if (!decision || decision.kind === 'empty') return null;
  const text = (message) => messageText(tr, message);
  const title = decision.title ? text(decision.title) : '';
  const lines = (decision.messages ?? []).map(text);
  let facts = [];
  let label = null;
  if (decision.listing) {
    const listing = decision.listing;
    const words = listing.related ? relatedWording(tr, listing, listing.chains) : listedWording(tr, listing, listing.chains);
    facts = words.facts;
    label = words.label;
  }
  const steps = (decision.steps ?? []).map(text);
  return {
    kind: decision.kind,
    severity: decision.severity,
    title,
    lines,
    facts,
    label,
    highlight: highlightOf(tr, decision, lines.length),
    lookAlike: decision.lookAlike ? { known: decision.lookAlike.known, input: decision.lookAlike.input, differing: [...(decision.lookAlike.differing ?? [])] } : null,
    warnings: (decision.warnings ?? []).map((w) => ({ code: w.code, text: tr.has(w.key) ? text(w) : w.message })),
    stepsTitle: steps.length ? stepsTitle(tr, decision) : null,
    steps,
    summary: summaryOf(tr, title, lines[0]),
  };
}

/**
 * What a screen reader is told: the title and the first line, joined as the language joins two
 * sentences (`verdict.summary`: "{title}. {lead}" in English, "{title}。{lead}" in Chinese).
 */
export function summaryOf(tr, title, lead) {
  if (!lead) return title;
  if (!title) return lead;
  return tr.has('verdict.summary') ? tr.t('verdict.summary', { title, lead }) : `${title}. ${lead}`;
}

function highlightOf(tr, decision, lineCount) {
  const position = decision.error?.position;
  const chars = Array.from(decision.piece?.text ?? '');
  if (!Number.isInteger(position) || position < 1 || position > chars.length) return null;
  const ch = chars[position - 1];
  const hidden = HIDDEN.test(ch);
  const where = (decision.messages ?? []).findIndex((m) => m.key === 'verdict.where');
  return {
    before: chars.slice(0, position - 1).join(''),
    // A character that cannot be seen is shown by its name ("line break"); its code point is a detail.
    mark: hidden ? characterMark(tr, ch, decision.error?.characterName) : ch,
    code: codePoint(ch),
    hidden,
    after: chars.slice(position).join(''),
    line: where >= 0 ? where : lineCount - 1,
  };
}

/** The heading of the decision's steps: its own `stepsTitle`. */
function stepsTitle(tr, decision) {
  return decision.stepsTitle ? messageText(tr, decision.stepsTitle) : null;
}
