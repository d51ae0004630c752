// Which board the leaderboard page shows, kept in the address so a board can be
// shared: /leaderboards?scope=passage&guide=mini&paragraph=2&length=short&period=weekly&ranking=accuracy

import { t } from './i18n.js';

/** A choice whose words are looked up when read, so they follow a language switch. */
function option(value, key) {
  return { value, get label() { return t(`${key}.label`); }, get title() { return t(`${key}.title`); } };
}

export const SCOPES = [option('global', 'choice.global'), option('guide', 'choice.guide'), option('passage', 'choice.passage')];

export const PERIODS = [option('daily', 'choice.daily'), option('weekly', 'choice.weekly'), option('allTime', 'choice.allTime')];

export const RANKINGS = [option('speed', 'choice.speed'), option('accuracy', 'choice.accuracy')];

export const LENGTHS = ['short', 'medium', 'long'];

const PERIOD_ALIASES = {
  daily: 'daily', day: 'daily', today: 'daily',
  weekly: 'weekly', week: 'weekly',
  alltime: 'allTime', all: 'allTime', 'all-time': 'allTime',
};

export const DEFAULT_CHOICE = Object.freeze({
  scope: 'global', guide: null, paragraph: null, length: 'short', passageId: null, period: 'allTime', ranking: 'speed',
});

function pick(value, options, fallback) {
  return options.some((o) => o.value === value) ? value : fallback;
}

/**
 * Reads a choice from a query string. Unknown values fall back to the defaults,
 * so an old or mistyped link still shows a board.
 * A passage comes as guide + paragraph (1-based) + length, or as the API's `id`.
 */
export function parseChoice(query) {
  const get = (key) => query.get(key)?.trim() || null;
  const scope = pick(get('scope'), SCOPES, DEFAULT_CHOICE.scope);
  const period = PERIOD_ALIASES[get('period')?.toLowerCase()] ?? DEFAULT_CHOICE.period;
  const ranking = pick(get('ranking')?.toLowerCase(), RANKINGS, DEFAULT_CHOICE.ranking);
  const paragraph = Number.parseInt(get('paragraph') ?? '', 10);
  const length = get('length')?.toLowerCase();
  const choice = {
    ...DEFAULT_CHOICE,
    scope,
    period,
    ranking,
    guide: get('guide') ?? (scope === 'guide' ? get('id') : null),
    paragraph: Number.isInteger(paragraph) && paragraph >= 1 ? paragraph : null,
    length: LENGTHS.includes(length) ? length : DEFAULT_CHOICE.length,
  };
  if (scope === 'passage' && !choice.guide && get('id')) choice.passageId = get('id');
  return choice;
}

/** The query-string parameters of a choice, in a stable order. */
export function choiceParams(choice) {
  const params = { scope: choice.scope };
  if (choice.scope !== 'global' && choice.guide) params.guide = choice.guide;
  if (choice.scope === 'passage') {
    if (choice.paragraph) params.paragraph = String(choice.paragraph);
    params.length = choice.length;
  }
  params.period = choice.period;
  params.ranking = choice.ranking;
  return params;
}

export function periodTitle(period) {
  return PERIODS.find((p) => p.value === period)?.title ?? period;
}

export function rankingTitle(ranking) {
  return RANKINGS.find((r) => r.value === ranking)?.title ?? ranking;
}
