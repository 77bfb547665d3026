// SPDX-License-Identifier: MIT OR Apache-2.0
// How verdicts are written, shared by the page (js/verdict.js), the bank widget and the
// extension (through js/decision-words.js) so they cannot drift apart: the language table,
// how dates, lists, characters and a decision's message keys become words. What a verdict is,
// is decided in the package (decide.js), never here. No DOM and no global language state: every
// function that needs words takes a translator from `translator()` (or the page's own t/has).

/** Characters that show nothing (or look like a space): shown by their code point instead. */
export const HIDDEN = /[\p{Cc}\p{Cf}\p{Z}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]/u;

/** Each language the surfaces speak, named in itself, in the order a switcher lists them. */
export const LANGUAGE_NAMES = {
  en: 'English',
  'zh-CN': '简体中文',
  vi: 'Tiếng Việt',
  th: 'ไทย',
  id: 'Bahasa Indonesia',
  tl: 'Tagalog',
  es: 'Español',
  hi: 'हिन्दी',
  ru: 'Русский',
  pt: 'Português',
};

/** The languages, in the order a switcher lists them (i18n/<lang>.json exists for each). */
export const LANGUAGES = Object.keys(LANGUAGE_NAMES);

// Other tags browsers report for these languages (build-site.sh writes it into sw.js too).
export const LANGUAGE_ALIASES = { zh: 'zh-CN', fil: 'tl', in: 'id' };

/** The best supported language for a list of BCP 47 tags (e.g. `navigator.languages`); 'en' when none. */
export function pickLanguage(tags) {
  for (const tag of tags ?? []) {
    if (typeof tag !== 'string' || !tag) continue;
    const lower = tag.toLowerCase();
    const exact = LANGUAGES.find((l) => l.toLowerCase() === lower);
    if (exact) return exact;
    const base = lower.split('-')[0];
    const found = LANGUAGES.find((l) => l.toLowerCase() === base) ?? LANGUAGE_ALIASES[base];
    if (found) return found;
  }
  return 'en';
}

/** The locale Intl formats language `lang` with (Tagalog's data is filed under Filipino). */
export function localeOf(lang) {
  return lang === 'tl' ? 'fil' : lang;
}

/** `{t, has, locale}` over one language's messages, with `fallback` (English) behind them. */
export function translator(messages, lang, fallback = {}) {
  const has = (key) => Object.hasOwn(messages, key) || Object.hasOwn(fallback, key);
  const t = (key, params = {}) =>
    (messages[key] ?? fallback[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
  return { t, has, locale: localeOf(lang) };
}

/** "U+0030" for the first character of `ch`. */
export function codePoint(ch) {
  return `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A date (ISO string, or seconds / milliseconds since 1970) as `locale` writes it. */
export function formatDate(locale, value) {
  if (value === null || value === undefined || value === '') return '';
  let date;
  if (typeof value === 'number' || typeof value === 'bigint') {
    const n = Number(value);
    date = new Date(n < 1e11 ? n * 1000 : n);
  } else {
    date = new Date(String(value));
  }
  if (Number.isNaN(date.getTime())) return String(value);
  return formatterFor('date', locale).format(date);
}

/**
 * A list ("Bitcoin, Bitcoin Cash and Litecoin") as `locale` writes it; with `kind` `'or'`,
 * alternatives ("42 or 62").
 */
export function formatList(locale, items, kind = 'list') {
  // One item is written as itself in every language. Most addresses belong to one chain, and
  // creating the first Intl.ListFormat of a page loads its locale data (20–90 ms measured in
  // headless Chromium): the first verdict should not wait for that.
  if (items.length <= 1) return items.length ? String(items[0]) : '';
  try {
    return formatterFor(kind, locale).format(items);
  } catch {
    return items.join(kind === 'or' ? ' / ' : ', ');
  }
}

// Intl formatters are costly to create and cheap to reuse: one per kind and locale.
const FORMATS = {
  date: (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
  number: (locale) => new Intl.NumberFormat(locale),
  list: (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }),
  or: (locale) => new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' }),
};
export const FORMATTER_KINDS = Object.keys(FORMATS);
const formatters = new Map();

/** The shared `Intl` formatter of `kind` (`date`, `number`, `list`) for `locale`. */
export function formatterFor(kind, locale) {
  const key = `${kind} ${locale}`;
  if (!formatters.has(key)) formatters.set(key, FORMATS[kind](locale));
  return formatters.get(key);
}

/** The list's source: its name, and its URL only when it is https (never a script link). */
export function sourceOf(risk) {
  const url = risk.source_url ?? risk.sourceUrl;
  return { name: risk.source || '—', url: typeof url === 'string' && /^https:\/\//i.test(url) ? url : null };
}

/**
 * What a listed address shows, as data: `{title, lead, facts, label}` where
 * `facts` is `[{key, label, text, url?}]` (category, source, first reported, network).
 */
export function listedWording({ t, has, locale }, risk, chains = []) {
  const category = has(`category.${risk.category}`) ? t(`category.${risk.category}`) : t('category.other');
  const firstReported = risk.first_reported ?? risk.firstReported;
  const source = sourceOf(risk);
  const chainName = (id) => (has(`chain.${id}`) ? t(`chain.${id}`) : id);
  const facts = [
    { key: 'category', label: t('listed.category'), text: category },
    { key: 'source', label: t('listed.source'), text: source.name, url: source.url },
    firstReported ? { key: 'first-reported', label: t('listed.firstReported'), text: formatDate(locale, firstReported) } : null,
    chains?.length ? { key: 'network', label: t('listed.network'), text: formatList(locale, chains.map(chainName)) } : null,
  ].filter(Boolean);
  return {
    title: t('listed.title'),
    lead: t('listed.lead'),
    facts,
    label: risk.label ? t('listed.label', { label: risk.label }) : null,
  };
}

/**
 * What an address shows when it is not listed itself but the same key controls a listed one
 * (`risk.related`): `listedWording`'s shape, with the title and lead saying so. `facts` are
 * this address's network (from `chains`), the listed address (`key: 'related'`, canonical
 * form) and then the list's facts about that listed address.
 */
export function relatedWording(tr, risk, chains = []) {
  const { t, has } = tr;
  const { chain, address } = risk.related;
  const name = has(`chain.${chain}`) ? t(`chain.${chain}`) : chain;
  const own = listedWording(tr, risk, chains);
  const network = own.facts.filter((fact) => fact.key === 'network');
  const about = own.facts.filter((fact) => fact.key !== 'network');
  return {
    ...own,
    title: t('related.title'),
    lead: t('related.lead', { chain: name }),
    facts: [...network, { key: 'related', label: t('related.sibling', { chain: name }), text: address }, ...about],
  };
}

/**
 * The words of one message of a decision (`decide` in the package: `{key, params}`), in the
 * translator's language. Parameters are data: a string or number is written as it is; an
 * object names what it is — `{chain}` / `{chains}` chain ids, `{or}` alternatives (numbers),
 * `{network}` a network choice id,
 * `{date}` a date, `{char}` a character (described, hidden ones by code point), `{key, params}`
 * a message of its own (a reason, a unit).
 */
export function messageText(tr, message) {
  const params = {};
  for (const [name, value] of Object.entries(message.params ?? {})) params[name] = paramText(tr, value);
  return tr.t(message.key, params);
}

function paramText(tr, value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object') return String(value);
  const { t, has, locale } = tr;
  const chainName = (id) => (has(`chain.${id}`) ? t(`chain.${id}`) : id);
  if (typeof value.key === 'string') return messageText(tr, value);
  if (typeof value.chain === 'string') return chainName(value.chain);
  if (Array.isArray(value.chains)) return formatList(locale, value.chains.map(value.long ? (id) => longChainName(tr, id) : chainName));
  if (Array.isArray(value.or)) return formatList(locale, value.or.map(String), 'or');
  if (typeof value.network === 'string') return networkName(tr, value.network);
  if ('date' in value) return formatDate(locale, value.date);
  if (typeof value.char === 'string') return characterText(tr, value.char, value.name);
  return '';
}

/**
 * A character as a sentence names it: a visible one quoted (“0”), one that cannot be seen by
 * its name (`name`, from the package's `characterName`: "a line break", "an invisible
 * character"). Code points are left to a surface's details.
 */
export function characterText({ t, has }, ch, name = null) {
  if (name && has(`char.name.${name}`)) return t(`char.name.${name}`);
  return HIDDEN.test(ch) ? t('char.invisible', { code: codePoint(ch) }) : t('char.visible', { ch, code: codePoint(ch) });
}

/** The short label that stands in for a character that cannot be seen, inside a shown address. */
export function characterMark({ t, has }, ch, name = null) {
  if (name && has(`char.mark.${name}`)) return t(`char.mark.${name}`);
  return codePoint(ch);
}

/**
 * A chain's full name, where a verdict names it once ("Ethereum and compatible networks (BNB
 * Smart Chain, …)"); sentences and the network chooser use the short `chain.<id>`.
 */
export function longChainName({ t, has }, id) {
  if (has(`chainLong.${id}`)) return t(`chainLong.${id}`);
  return has(`chain.${id}`) ? t(`chain.${id}`) : id;
}

/** A network choice id (`decide`'s NETWORK_CHOICES, or a chain id) as people know it. */
export function networkName({ t, has }, id) {
  if (has(`net.${id}`)) return t(`net.${id}`);
  return has(`chain.${id}`) ? t(`chain.${id}`) : id;
}
