// The UI's words in English and Korean. Guide text (passages, section titles,
// guide names) and server data (player and cohort names) are never translated.
//
//   t('home.createRoom')                      the current language's text
//   t('board.rank', { rank: 3 })              {rank} filled in
//   tn('player.racesRecorded', 2)             .one / .other by the language's plural rules, {count} filled in
//   tParts('cohort.heatOn', { heat: node })   the same, with DOM nodes left as nodes (for h(...) children)
//
// A key missing from ko falls back to en; one missing from en shows the key
// itself, so a typo is visible on screen.

import en from './i18n/en.js';
import ko from './i18n/ko.js';
import { loadLanguage, saveLanguage } from './storage.js';

const DICTIONARIES = { en, ko };
export const LANGUAGES = Object.freeze(['en', 'ko']);

const listeners = new Set();

// globalThis: the module also loads under Node (unit tests), which may have no navigator or document.
function preferredLanguages() {
  const nav = globalThis.navigator;
  const list = nav?.languages?.length ? nav.languages : [nav?.language];
  return list.filter(Boolean).map((tag) => String(tag).toLowerCase());
}

/** The saved choice, else the first of the browser's languages that we speak, else English. */
function initialLanguage() {
  const saved = loadLanguage();
  if (LANGUAGES.includes(saved)) return saved;
  for (const tag of preferredLanguages()) {
    const base = tag.split('-')[0];
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

let current = initialLanguage();
setPageLanguage(current);

/** The page says its language, for screen readers, hyphenation and the :lang() fonts. */
function setPageLanguage(lang) {
  if (globalThis.document) document.documentElement.lang = lang;
}

/** 'en' | 'ko' */
export function language() {
  return current;
}

/**
 * The locale to format numbers and dates with: the browser's own variant of the
 * chosen language when it has one (en-GB keeps its day-month dates), else the language.
 */
export function locale() {
  return preferredLanguages().find((tag) => tag.split('-')[0] === current) ?? current;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  saveLanguage(lang);
  if (lang === current) return;
  current = lang;
  setPageLanguage(lang);
  for (const fn of [...listeners]) fn(lang);
}

/** Calls fn(lang) after every switch; returns the function that stops it. */
export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function lookup(key) {
  return DICTIONARIES[current][key] ?? en[key] ?? key;
}

function fill(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function t(key, params) {
  return fill(lookup(key), params);
}

/** The plural form of `key` for `count` ("key.one", "key.other"), with {count} and any other params filled in. */
export function tn(key, count, params) {
  const form = `${key}.${new Intl.PluralRules(current).select(Number(count))}`;
  const text = DICTIONARIES[current][form] ?? en[form] ?? lookup(`${key}.other`);
  return fill(text, { count, ...params });
}

/** t() for text with nodes in it: an array of strings and the nodes of `params`, in the order the text has them. */
export function tParts(key, params) {
  return lookup(key).split(/(\{\w+\})/).filter(Boolean).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!name || !(name in params)) return part;
    const value = params[name];
    return typeof Node !== 'undefined' && value instanceof Node ? value : String(value);
  });
}

/**
 * What to say for a server error: the Korean words for its code when there are
 * some, else the server's own message. English shows the server's message as it
 * is (it speaks English and names specifics, such as the room), so errors.* keys
 * live in ko.js alone.
 */
export function errorMessage(error, fallback = t('common.somethingWrong')) {
  return (error?.code ? serverWords('errors', error.code) : undefined) ?? (error?.message || (typeof error === 'string' ? error : fallback));
}

/**
 * The current language's words for something the server names in English (an error code, a fair-play flag), from
 * the `<kind>.<name>` keys only that language's dictionary has; undefined where it has none.
 */
export function serverWords(kind, name) {
  return current === 'en' ? undefined : DICTIONARIES[current][`${kind}.${name}`];
}
