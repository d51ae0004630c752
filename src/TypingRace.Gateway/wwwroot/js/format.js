// Display formatting shared by every screen, in the language chosen in the
// header (i18n.js): numbers, percentages and dates through Intl, ordinals and
// labels through the dictionaries.

import { t, language, locale } from './i18n.js';

// Intl formatters are costly to build; one per locale and set of options.
const formatters = new Map();

function formatter(Kind, options) {
  const key = `${Kind.name}|${locale()}|${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Kind(locale(), options));
  return formatters.get(key);
}

/** "1,234" in the language's digits and grouping. */
export function formatNumber(value, options = {}) {
  return formatter(Intl.NumberFormat, options).format(value);
}

/** "1st", "2nd" in English; "1위" in Korean. */
export function ordinal(n) {
  if (language() === 'ko') return t('format.ordinal', { n });
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1: return `${n}st`;
    case 2: return `${n}nd`;
    case 3: return `${n}rd`;
    default: return `${n}th`;
  }
}

export function tagOf(playerId) {
  return String(playerId ?? '').slice(0, 4);
}

export function displayName(name, tag) {
  return tag ? `${name}#${tag}` : String(name);
}

/** A result's place: "2nd", or "ghost" for a ghost, which races along but is never placed. */
export function placeLabel(result) {
  return result.isGhost ? t('format.ghost') : ordinal(result.place);
}

export function formatWpm(wpm) {
  // `|| 0` after rounding too: -0.4 rounds to -0, which Intl writes as "-0".
  return formatNumber(Math.round(Number(wpm) || 0) || 0);
}

/** Accuracy arrives as a fraction (0.976); shown as "97.6%", or "–" when there is none yet. */
export function formatAccuracy(accuracy) {
  // Number(null) is 0: a missing accuracy must not read as 0.0%.
  if (accuracy === null || accuracy === undefined || accuracy === '') return '–';
  const value = Number(accuracy);
  if (!Number.isFinite(value)) return '–';
  // Rounded as toFixed rounds (as it always has here), then written the language's way.
  const rounded = Number((value * 100).toFixed(1)) / 100;
  return formatNumber(rounded, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function percent(part, total) {
  if (!total) return 0;
  return Math.max(0, Math.min(100, (part / total) * 100));
}

/** A share from 0 to 100, rounded down: "42%". */
export function formatPercent(value) {
  return formatNumber(Math.floor(value) / 100, { style: 'percent', maximumFractionDigits: 0 });
}

/** "1:05.3" for 65300 ms: a stopwatch reading, the same in both languages bar the decimal sign. */
export function formatDuration(ms) {
  const value = Number(ms);
  if (!Number.isFinite(value) || value < 0) return '–';
  const tenths = Math.round(value / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = formatNumber((tenths % 600) / 10, { minimumIntegerDigits: 2, minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${minutes}:${seconds}`;
}

/** "4:05" for a countdown of remaining time. */
export function formatClock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function lengthLabel(length) {
  switch (length) {
    case 'short': return t('length.short');
    case 'medium': return t('length.medium');
    case 'long': return t('length.long');
    default: return String(length ?? '');
  }
}

/** The first few words of a paragraph, for pickers and previews. */
export function firstWords(text, count = 8) {
  const words = String(text ?? '').trim().split(/\s+/).filter(Boolean);
  const head = words.slice(0, count).join(' ');
  return words.length > count ? `${head}…` : head;
}

function formatAt(at, options) {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '–' : formatter(Intl.DateTimeFormat, options).format(date);
}

/** "Mar 4, 2025, 2:05 PM" ("2025. 3. 4. 오후 2:05" in Korean) in the viewer's time zone, for an ISO time or epoch ms from the server. */
export function formatDateTime(at) {
  return formatAt(at, { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Mar 4, 2025" in the viewer's time zone. */
export function formatDate(at) {
  return formatAt(at, { dateStyle: 'medium' });
}
