// SPDX-License-Identifier: MIT OR Apache-2.0
// Several trusted lists on one surface: a bank's own list beside the public one, an NGO's list
// an extension user added. Each source has its own key(s), list id, stored state and status;
// they update independently (one failing never stops another), and one check looks an
// address up in every list held. `decide` (decide.js) combines the answers: any list that
// flags the address makes it a danger verdict naming the list(s); a list that could not be
// checked keeps a clean answer from looking fully safe.

// The core's functions come in as `core` (see update.js): no import of index.js, no cycle.

import { listContextOf, updateListWith } from './update.js';

/**
 * Updates every source at once; resolves with one outcome per source, in order (see
 * `updateList`: a failure is an outcome's `problem`, never a rejection).
 *
 * @param {object[]} sources
 * @param {object} [options] as `updateList`; `current` is an array (by position) of lists held
 *   (a list of another list id than its source's is ignored)
 */
export async function updateListsWith(core, sources, options = {}) {
  if (!Array.isArray(sources)) {
    throw Object.assign(new TypeError('sources must be an array of {url, listId, trustedKeys}'), { code: 'invalid-argument' });
  }
  const current = options.current ?? [];
  return Promise.all(sources.map((source, i) => updateListWith(core, source, { ...options, current: current[i] ?? null })));
}

/**
 * The `tools.check` of `assess` over several lists: the address is looked up in every list
 * held and the reports merged into one — the validation (the same in every list), every
 * list's warnings once, `risk` of the first list that flags it and `risks`: one
 * `{listId, name, ...risk}` per list that flags it. With no list held, `validate` (a report
 * without `risk`: decided as not looked up).
 *
 * @param {{list: import('../index.js').Blocklist | null, source: {listId: string, name: string | null}}[]} outcomes
 */
export function checkAcrossWith(core, outcomes) {
  const held = outcomes.filter((o) => o.list);
  return (text) => {
    if (held.length === 0) return core.validate(text);
    const reports = held.map((o) => o.list.check(text));
    const first = reports[0];
    if (held.length === 1 && !first.risk) return first;
    const risks = [];
    const warnings = new Map();
    reports.forEach((report, i) => {
      if (report.risk) risks.push({ listId: held[i].source.listId, name: held[i].source.name ?? held[i].source.listId, ...report.risk });
      for (const w of report.warnings) if (!warnings.has(w.code)) warnings.set(w.code, w);
    });
    return { ...first, warnings: [...warnings.values()], risk: risks[0] ?? null, risks };
  };
}

/** The `lists` context of `decide`: one list context per source, in order. */
export function listsContext(outcomes) {
  return outcomes.map((o) => listContextOf(o));
}
