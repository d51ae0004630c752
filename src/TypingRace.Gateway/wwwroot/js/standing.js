// Where a result left its racer: personal bests, the last-10 average and
// leaderboard ranks. The room sends it in results[].standing once the result
// is recorded, a moment after the results themselves.

import { h } from './dom.js';
import { formatWpm } from './format.js';
import { t } from './i18n.js';

// The rows and columns of the rank tables, with the keys of their labels.
const SCOPES = [['passage', 'standing.scopePassage'], ['guide', 'standing.scopeGuide'], ['global', 'standing.scopeGlobal']];
const PERIODS = [['daily', 'standing.periodDaily'], ['weekly', 'standing.periodWeekly'], ['allTime', 'standing.periodAllTime']];

function rankOf(standing, scope, period, ranking) {
  return standing.ranks.find((r) => r.scope === scope && r.period === period && r.ranking === ranking)?.rank;
}

/** "6 above your last-10 average (78)", or null for a first race. */
export function averageComparison(wpm, average) {
  if (average === null || average === undefined) return null;
  const delta = Math.round(Number(wpm) - Number(average));
  const how = delta === 0 ? 'level' : delta > 0 ? 'above' : 'below';
  return t(`standing.average.${how}`, { delta: Math.abs(delta), average: formatWpm(average) });
}

export function bestBadges(standing) {
  return [
    standing.newPassageBest ? t('standing.newPassageBest') : null,
    standing.newGuideBest ? t('standing.newGuideBest') : null,
  ].filter(Boolean);
}

function rankTable(standing, ranking) {
  return h('table', { class: 'rank-table', 'data-testid': `rank-table-${ranking}` },
    h('caption', { text: t(ranking === 'speed' ? 'standing.speedRanks' : 'standing.accuracyRanks') }),
    h('thead', {}, h('tr', {}, h('td'), PERIODS.map(([, label]) => h('th', { scope: 'col', text: t(label) })))),
    h('tbody', {}, SCOPES.map(([scope, label]) => h('tr', {},
      h('th', { scope: 'row', text: t(label) }),
      PERIODS.map(([period]) => {
        const rank = rankOf(standing, scope, period, ranking);
        return h('td', {
          class: 'num',
          'data-testid': `rank-${ranking}-${scope}-${period}`,
          text: rank ? `#${rank}` : '–',
        });
      })))));
}

/** The card under the results table for the player's own result. */
export function standingCard(result) {
  const standing = result.standing;
  if (!standing) {
    return h('p', { class: 'muted', 'data-testid': 'standing-pending', text: t('standing.pending') });
  }

  const comparison = averageComparison(result.wpm, standing.recentAverageWpm);
  const badges = bestBadges(standing).map((text) => h('span', { class: 'badge-best', 'data-testid': 'new-best', text }));
  const parts = [
    badges.length ? h('p', { class: 'badges' }, badges) : null,
    comparison ? h('p', { 'data-testid': 'vs-average', text: t('standing.vsAverage', { wpm: formatWpm(result.wpm), comparison }) }) : null,
  ];
  if (standing.queued) {
    parts.push(h('p', { class: 'muted', 'data-testid': 'standing-queued',
      text: t('standing.queued') }));
  } else if (standing.ranks.length === 0) {
    parts.push(h('p', { class: 'muted', 'data-testid': 'standing-unranked',
      text: t('standing.unranked') }));
  } else {
    parts.push(rankTable(standing, 'speed'));
    if (standing.ranks.some((r) => r.ranking === 'accuracy')) parts.push(rankTable(standing, 'accuracy'));
    parts.push(h('p', {}, h('a', { href: '/leaderboards', 'data-link': '', text: t('standing.seeLeaderboards') })));
  }
  return h('div', { class: 'standing', 'data-testid': 'standing' }, parts);
}
