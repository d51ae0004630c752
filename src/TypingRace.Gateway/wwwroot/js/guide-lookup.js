// Names for what the leaderboards and stats only know by id: guide titles and
// paragraph numbers. Built on the cached guide calls in api.js.

import { api } from './api.js';
import { lengthLabel } from './format.js';
import { t } from './i18n.js';

const LENGTHS = ['short', 'medium', 'long'];

/** The guide list, or [] when it cannot be loaded (names then fall back to ids). */
export async function guideList() {
  try {
    return (await api.listGuides()) ?? [];
  } catch {
    return [];
  }
}

/** A guide with its paragraphs, or null when it is unknown or unreachable. */
export async function guideDetail(guideId) {
  if (!guideId) return null;
  try {
    return await api.getGuide(guideId);
  } catch {
    return null;
  }
}

/** A passage id is "{firstParagraphId}:{length}"; paragraph ids are "{guideId}:{hash}". */
export function parsePassageId(passageId) {
  const text = String(passageId ?? '');
  const cut = text.lastIndexOf(':');
  const length = cut > 0 ? text.slice(cut + 1) : '';
  if (!LENGTHS.includes(length)) return null;
  const firstParagraphId = text.slice(0, cut);
  const guideCut = firstParagraphId.indexOf(':');
  if (guideCut <= 0) return null;
  return { guideId: firstParagraphId.slice(0, guideCut), firstParagraphId, length };
}

export function passageId(firstParagraphId, length) {
  return `${firstParagraphId}:${length}`;
}

/**
 * What to call a passage: guide title, 1-based paragraph number and length.
 * @returns {Promise<{guideId: string, guideTitle: string, paragraph: number|null, paragraphCount: number|null, length: string}>}
 */
export async function describePassage({ guideId, firstParagraphId, length }) {
  const guide = await guideDetail(guideId);
  const index = guide?.paragraphs?.findIndex((p) => p.id === firstParagraphId) ?? -1;
  return {
    guideId,
    guideTitle: guide?.title ?? guideId,
    paragraph: index >= 0 ? index + 1 : null,
    paragraphCount: guide?.paragraphCount ?? null,
    length,
  };
}

/** "paragraph 3 · Short" */
export function passagePlace({ paragraph, length }) {
  return `${t('lookup.paragraph', { n: paragraph || '?' })} · ${lengthLabel(length)}`;
}

/** "Go Concurrency · paragraph 3 · Short" */
export function passageLabel(passage) {
  return `${passage.guideTitle} · ${passagePlace(passage)}`;
}
