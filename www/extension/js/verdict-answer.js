// SPDX-License-Identifier: MIT OR Apache-2.0
// The background's verdict: the package's decision (pkg/decide.js) drawn by the page's own
// `renderDecision` (www/js/verdict.js) into a stand-in section, returned as a plain tree (js/verdict-tree.js) the content script and the
// popup rebuild. Kept apart from background.js so it can be run where a `document` exists
// (Firefox's event page, an extension page in the tests) and where none does (Chromium's
// service worker, Node) and shown to give the same answer in both.

import { decide } from '../pkg/index.js';
import { renderDecision } from './verdict.js';
import { installTreeDocument, toTree, treeSection } from './verdict-tree.js';

// Only where there is no document (a service worker): a window's document cannot be replaced.
installTreeDocument();

/**
 * The verdict for `result` (the core's report for `input`) as `{kind, title, body, summary}`,
 * with `body` a tree; null when there is nothing to say (an empty input).
 */
export function verdictAnswer(result, input, listState) {
  const section = treeSection();
  const verdict = renderDecision(section, decide({ input, pieces: [{ text: input, start: 0, report: result }] }, { list: listState === 'ok' ? 'verified' : 'none' }));
  if (!verdict) return null;
  return { kind: verdict.kind, title: section.title.textContent, body: toTree(section.body), summary: verdict.summary };
}
