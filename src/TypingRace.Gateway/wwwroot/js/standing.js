// Where a result left its racer: personal bests, the last-10 average and
// leaderboard ranks. The room sends it in results[].standing once the result
// is recorded, a moment after the results themselves.

import { h } from './dom.js';
import { formatWpm } from './format.js';
import { wpmChart } from './wpm-chart.js';

const SCOPES = [['passage', 'This passage'], ['guide', 'This guide'], ['global', 'Everyone']];
const PERIODS = [['daily', 'Today'], ['weekly', 'This week'], ['allTime', 'All time']];

function rankOf(standing, scope, period, ranking) {
  return standing.ranks.find((r) => r.scope === scope && r.period === period && r.ranking === ranking)?.rank;
}

/** "6 above your last-10 average (78)", or null for a first race. */
export function averageComparison(wpm, average) {
  if (average === null || average === undefined) return null;
  const delta = Math.round(Number(wpm) - Number(average));
  const how = delta === 0 ? 'level with' : delta > 0 ? `${delta} above` : `${-delta} below`;
  return `${how} your last-10 average (${formatWpm(average)} WPM)`;
}

export function bestBadges(standing) {
  return [
    standing.newPassageBest ? 'New best on this passage' : null,
    standing.newGuideBest ? 'New best on this guide' : null,
  ].filter(Boolean);
}

function rankTable(standing, ranking) {
  return h('table', { class: 'rank-table', 'data-testid': `rank-table-${ranking}` },
    h('caption', { text: ranking === 'speed' ? 'Your speed ranks' : 'Your accuracy ranks' }),
    h('thead', {}, h('tr', {}, h('td'), PERIODS.map(([, label]) => h('th', { scope: 'col', text: label })))),
    h('tbody', {}, SCOPES.map(([scope, label]) => h('tr', {},
      h('th', { scope: 'row', text: label }),
      PERIODS.map(([period]) => {
        const rank = rankOf(standing, scope, period, ranking);
        return h('td', {
          class: 'num',
          'data-testid': `rank-${ranking}-${scope}-${period}`,
          text: rank ? `#${rank}` : '–',
        });
      })))));
}

/** The racer's speed through the race, one dot per second; seconds with mistakes stand out. */
export function raceChart(result) {
  const points = (result.chart ?? []).map((p) => ({
    wpm: p.wpm,
    marked: p.errors > 0,
    title: `${p.second} s: ${formatWpm(p.wpm)} WPM${p.errors ? `, ${p.errors} ${p.errors === 1 ? 'mistake' : 'mistakes'}` : ''}`,
  }));
  if (points.length === 0) return null;
  const mistakes = points.filter((p) => p.marked).length;
  return h('figure', { class: 'race-chart', 'data-testid': 'race-chart' },
    wpmChart(points, {
      start: 'start',
      end: `${points.length} s`,
      describe: (min, max) => `Your WPM through the race, second by second: from ${formatWpm(min)} to ${formatWpm(max)}; ${mistakes} seconds with mistakes.`,
    }),
    h('figcaption', { class: 'muted', text: 'Your speed through the race, second by second. Red dots are seconds with mistakes.' }));
}

/** The card under the results table for the player's own result. */
export function standingCard(result) {
  const standing = result.standing;
  if (!standing) {
    return h('p', { class: 'muted', 'data-testid': 'standing-pending', text: 'Recording your result…' });
  }

  const comparison = averageComparison(result.wpm, standing.recentAverageWpm);
  const badges = bestBadges(standing).map((text) => h('span', { class: 'badge-best', 'data-testid': 'new-best', text }));
  const parts = [
    badges.length ? h('p', { class: 'badges' }, badges) : null,
    comparison ? h('p', { 'data-testid': 'vs-average', text: `${formatWpm(result.wpm)} WPM is ${comparison}.` }) : null,
  ];
  if (standing.queued) {
    parts.push(h('p', { class: 'muted', 'data-testid': 'standing-queued',
      text: 'The leaderboards are catching up. Your result is queued and will appear there shortly.' }));
  } else if (standing.ranks.length === 0) {
    parts.push(h('p', { class: 'muted', 'data-testid': 'standing-unranked',
      text: 'This result did not enter the leaderboards: only finished, unflagged races on passages long enough count.' }));
  } else {
    parts.push(rankTable(standing, 'speed'));
    if (standing.ranks.some((r) => r.ranking === 'accuracy')) parts.push(rankTable(standing, 'accuracy'));
    parts.push(h('p', {}, h('a', { href: '/leaderboards', 'data-link': '', text: 'See the leaderboards' })));
  }
  return h('div', { class: 'standing', 'data-testid': 'standing' }, parts);
}
