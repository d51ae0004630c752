// Display formatting shared by every screen.

export function ordinal(n) {
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
  return result.isGhost ? 'ghost' : ordinal(result.place);
}

export function formatWpm(wpm) {
  return String(Math.round(Number(wpm) || 0));
}

/** Accuracy arrives as a fraction (0.976); shown as "97.6%". */
export function formatAccuracy(accuracy) {
  const value = Number(accuracy);
  if (!Number.isFinite(value)) return '–';
  return `${(value * 100).toFixed(1)}%`;
}

export function percent(part, total) {
  if (!total) return 0;
  return Math.max(0, Math.min(100, (part / total) * 100));
}

export function formatPercent(value) {
  return `${Math.floor(value)}%`;
}

/** "1:05.3" for 65300 ms. */
export function formatDuration(ms) {
  const value = Number(ms);
  if (!Number.isFinite(value) || value < 0) return '–';
  const tenths = Math.round(value / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths % 600) / 10;
  return `${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}

/** "4:05" for a countdown of remaining time. */
export function formatClock(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function lengthLabel(length) {
  switch (length) {
    case 'short': return 'Short';
    case 'medium': return 'Medium';
    case 'long': return 'Long';
    default: return String(length ?? '');
  }
}

/** The first few words of a paragraph, for pickers and previews. */
export function firstWords(text, count = 8) {
  const words = String(text ?? '').trim().split(/\s+/).filter(Boolean);
  const head = words.slice(0, count).join(' ');
  return words.length > count ? `${head}…` : head;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "Mar 4, 2025, 2:05 PM" in the viewer's time zone, for an ISO time or epoch ms from the server. */
export function formatDateTime(at) {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '–' : dateTimeFormat.format(date);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "Mar 4, 2025" in the viewer's time zone. */
export function formatDate(at) {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '–' : dateFormat.format(date);
}
