// SPDX-License-Identifier: MIT OR Apache-2.0
// For a person who may already have been scammed: where to report it (links the host keeps in
// config.json, chosen by the page's language and the browser's region), and a plain-text
// summary of the check to paste into a police report. Nothing here sends anything: the links
// are ordinary links, and the summary only goes to the clipboard when the person asks.

/**
 * The region to show report links for: the region of the first browser language tag that has
 * links (en-GB → gb), preferring tags of the page's language; else the page language's main
 * country (`config.report.regionOfLanguage`), else null.
 *
 * @param {{links?: object, regionOfLanguage?: object}} report config.json's `report`
 * @param {string} lang the page's language (`en`, `zh-CN`, ...)
 * @param {readonly string[]} tags the browser's languages (`navigator.languages`)
 */
export function reportRegion(report, lang, tags = []) {
  const links = report?.links ?? {};
  const regionOf = (tag) => {
    const parts = String(tag).split('-').slice(1);
    const region = parts.find((p) => /^[a-z]{2}$/i.test(p));
    return region ? region.toLowerCase() : null;
  };
  const base = (tag) => String(tag).split('-')[0].toLowerCase();
  const pageBase = base(lang);
  const ordered = [...tags.filter((t) => base(t) === pageBase), ...tags.filter((t) => base(t) !== pageBase)];
  for (const tag of ordered) {
    const region = regionOf(tag);
    if (region && Array.isArray(links[region]) && links[region].length) return region;
  }
  const fallback = report?.regionOfLanguage?.[lang];
  return typeof fallback === 'string' && Array.isArray(links[fallback]) ? fallback : null;
}

/** The links of `region` that are https links with a name (a host's typo never becomes a script link). */
export function reportLinks(report, region) {
  const list = region ? report?.links?.[region] : null;
  if (!Array.isArray(list)) return [];
  return list.filter((l) => l && typeof l.name === 'string' && l.name && typeof l.url === 'string' && /^https:\/\//i.test(l.url));
}

/** Every region with links, for "other countries". */
export function reportRegions(report) {
  return Object.keys(report?.links ?? {}).filter((r) => reportLinks(report, r).length).sort();
}

/**
 * The plain-text summary of a check for a police report: the address, its network, the result,
 * the list it was checked against (id, version, publication date) and when. `t` is the page's
 * translator; `facts` `{address, network, result, list: {id, sequence, date} | null, time, page}`.
 */
export function summaryText(t, facts) {
  const lines = [t('summary.title'), t('summary.address', { address: facts.address })];
  if (facts.network) lines.push(t('summary.network', { network: facts.network }));
  lines.push(t('summary.result', { result: facts.result }));
  lines.push(facts.list ? t('summary.list', { list: facts.list.id, sequence: facts.list.sequence, date: facts.list.date }) : t('summary.noList'));
  lines.push(t('summary.checkedAt', { time: facts.time }));
  if (facts.page) lines.push(t('summary.page', { page: facts.page }));
  return lines.join('\n');
}
