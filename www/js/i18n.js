// SPDX-License-Identifier: MIT OR Apache-2.0
// Languages: choosing one from the browser, loading its messages, and filling placeholders.
//
// Messages live in i18n/<lang>.json as flat "key": "text with {placeholders}" maps. Every
// language has every key (tests/e2e/i18n.test.mjs checks it); English is the fallback.

import { formatDate as formatDateIn, formatList as formatListIn, formatterFor, FORMATTER_KINDS, LANGUAGE_NAMES, LANGUAGES, localeOf, pickLanguage } from './wording.js';

// The languages, their names and the browser-tag aliases are one table shared with the widget
// and the extension (js/wording.js).
export { LANGUAGE_NAMES, LANGUAGES, pickLanguage };

const STORAGE_KEY = 'wallet-risk:lang';

/** The language to start with: the one chosen before on this device, else the browser's. */
export function initialLanguage() {
  let saved = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled; the browser language is then used every time.
  }
  if (saved && LANGUAGES.includes(saved)) return saved;
  return pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Remembers the person's choice on this device only. */
export function rememberLanguage(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}

let current = 'en';
let messages = {};
let english = {};
const loaded = new Map();

async function fetchMessages(lang) {
  if (!loaded.has(lang)) {
    loaded.set(
      lang,
      fetch(`i18n/${lang}.json`).then((r) => {
        if (!r.ok) throw new Error(`i18n/${lang}.json: HTTP ${r.status}`);
        return r.json();
      }),
    );
  }
  try {
    return await loaded.get(lang);
  } catch (err) {
    loaded.delete(lang);
    throw err;
  }
}

/** Loads `lang` (and English as the fallback) and makes it current. */
export async function setLanguage(lang) {
  const [msgs, en] = await Promise.all([fetchMessages(lang), lang === 'en' ? null : fetchMessages('en')]);
  english = en ?? msgs;
  messages = msgs;
  current = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = msgs['meta.dir'] === 'rtl' ? 'rtl' : 'ltr';
  return lang;
}

/** The current language tag. */
export function language() {
  return current;
}

/** The tag `Intl` should format dates and numbers with (Tagalog is "fil" there). */
export function intlLocale() {
  return localeOf(current);
}

/** Whether the current language has a message for `key`. */
export function has(key) {
  return Object.hasOwn(messages, key) || Object.hasOwn(english, key);
}

/** The message for `key` with `{name}` placeholders filled from `params`. */
export function t(key, params = {}) {
  const text = messages[key] ?? english[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * Gives the language switcher `select` an option for each of `langs` it lacks, in the order of
 * LANGUAGES. index.html holds only English: the other names are written in five scripts, and
 * the first layout (which a paste forces) had to find a font for each of them before the first
 * verdict could appear. The page adds the person's language when it loads and the rest after
 * the first verdict.
 */
export function fillLanguageChoices(select, langs = LANGUAGES) {
  const present = new Set([...select.options].map((o) => o.value));
  for (const lang of langs) {
    if (present.has(lang) || !Object.hasOwn(LANGUAGE_NAMES, lang)) continue;
    const option = Object.assign(document.createElement('option'), { value: lang, lang, textContent: LANGUAGE_NAMES[lang] });
    const later = LANGUAGES.slice(LANGUAGES.indexOf(lang) + 1);
    select.insertBefore(option, [...select.options].find((o) => later.includes(o.value)) ?? null);
    present.add(lang);
  }
}

// Traditional Chinese browsers (Taiwan, Hong Kong, Macau) are given the Simplified Chinese page,
// the only Chinese it has: said once, in Traditional characters, so nobody wonders why.
const TRADITIONAL = /^zh-(?:hant|tw|hk|mo)\b/i;
const TRADITIONAL_NOTE = '此頁面只有簡體中文版本。';

/** Whether the browser asks for Traditional Chinese before any Simplified Chinese. */
export function prefersTraditionalChinese(tags = navigator.languages ?? [navigator.language]) {
  for (const tag of tags) {
    if (typeof tag !== 'string') continue;
    if (TRADITIONAL.test(tag)) return true;
    if (/^zh\b/i.test(tag)) return false;
  }
  return false;
}

/** Shows (or hides) the note for Traditional Chinese readers on the Chinese page. */
export function showScriptNote(node = document.getElementById('script-note')) {
  if (!node) return;
  const show = current === 'zh-CN' && prefersTraditionalChinese();
  node.textContent = show ? TRADITIONAL_NOTE : '';
  node.hidden = !show;
}

/** Fills every element marked `data-i18n` (text) or `data-i18n-placeholder` in `root`. */
export function translateStatic(root = document) {
  // Text that is already right (English, which the HTML is written in) is left alone: rewriting
  // it would make the browser lay the page out again while the first verdict is waited for.
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n);
    if (el.textContent !== text) el.textContent = text;
  }
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    const text = t(el.dataset.i18nPlaceholder);
    if (el.placeholder !== text) el.placeholder = text;
  }
  document.title = t('meta.title');
  const description = document.querySelector('meta[name="description"]');
  if (description) description.content = t('meta.description');
}

/** A date (ISO string, or seconds / milliseconds since 1970) as the person's language writes it. */
export function formatDate(value) {
  return formatDateIn(intlLocale(), value);
}

/** A whole number as the person's language writes it. */
export function formatNumber(n) {
  return formatter('number').format(Number(n));
}

/** A list ("Bitcoin, Bitcoin Cash and Litecoin") as the person's language writes it. */
export function formatList(items) {
  return formatListIn(intlLocale(), items);
}

/**
 * Creates the current language's date, number and list formatters ahead of use, so the first
 * list status line or listed verdict does not wait for their locale data.
 */
export function prepareFormatters() {
  for (const kind of FORMATTER_KINDS) {
    try {
      formatter(kind);
    } catch {
      // An older browser without this Intl formatter: the format functions fall back.
    }
  }
}

function formatter(kind) {
  return formatterFor(kind, intlLocale());
}
