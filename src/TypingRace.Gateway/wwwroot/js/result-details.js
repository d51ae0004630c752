// What the results tell beyond the placement table: every racer's speed
// through the race on one chart (yours emphasised, with your raw speed), and
// your characters broken down as the server counted them (results[].breakdown).

import { h } from './dom.js';
import { formatNumber, formatPercent, formatWpm } from './format.js';
import { t, tn } from './i18n.js';
import { wpmChart } from './wpm-chart.js';
import { playerLabel } from './players.js';

/**
 * The race second by second: your WPM with a dot per second (red where you made mistakes), your raw speed
 * dashed, and every other racer's WPM as a thinner line in their colour.
 * @param {object[]} results the room view's results
 * @param {string} youId
 * @param {Map<string, string>} colors racer colours, as the lanes use them
 */
export function raceChart(results, youId, colors) {
  const mine = results.find((r) => r.playerId === youId);
  const chart = mine?.chart ?? [];
  const others = results.filter((r) => r.playerId !== youId && (r.chart?.length ?? 0) > 1);
  if (chart.length === 0 && others.length === 0) return null;
  const points = chart.map((p) => ({
    wpm: p.wpm,
    marked: p.errors > 0,
    title: p.errors
      ? tn('standing.chartPointMistakes', p.errors, { second: p.second, wpm: formatWpm(p.wpm) })
      : t('standing.chartPoint', { second: p.second, wpm: formatWpm(p.wpm) }),
  }));
  const lines = [
    ...others.map((r) => ({ id: r.playerId, label: playerLabel(r.playerId), color: colors.get(r.playerId), values: r.chart.map((p) => p.wpm) })),
    ...(chart.length > 1 ? [{ id: 'raw', kind: 'raw', label: t('results.rawLine'), values: chart.map((p) => p.rawWpm ?? 0) }] : []),
  ];
  const seconds = Math.max(chart.length, ...others.map((r) => r.chart.length));
  const mistakes = points.filter((p) => p.marked).length;
  return h('figure', { class: 'race-chart', 'data-testid': 'race-chart' },
    wpmChart(points, {
      start: t('format.chartStart'),
      end: t('format.seconds', { n: seconds }),
      lines,
      describe: (min, max) => t('results.chartDescribe', { min: formatWpm(min), max: formatWpm(max), mistakes, racers: others.length }),
    }),
    h('figcaption', { class: 'chart-legend muted' },
      h('span', { class: 'legend-own', text: t('results.legendYou') }),
      chart.length > 1 ? h('span', { class: 'legend-raw', text: t('results.legendRaw') }) : null,
      others.length ? h('span', { class: 'legend-others', text: t('results.legendOthers') }) : null,
      mistakes ? h('span', { class: 'legend-mistakes', text: t('results.legendMistakes') }) : null));
}

/** A result's consistency as the results show it: a whole percent, or "–" for a race too short to tell. */
export function consistencyLabel(breakdown) {
  const value = breakdown?.consistency;
  return value === null || value === undefined ? '–' : formatPercent(value);
}

/** Raw WPM, consistency, errors per second, hints and what became of your characters. */
export function breakdownCard(result) {
  const b = result.breakdown;
  if (!b) return null;
  const seconds = (result.chart?.length ?? 0) || 1;
  const errorsPerSecond = (result.chart ?? []).reduce((sum, p) => sum + (p.errors ?? 0), 0) / seconds;
  const fact = (key, value, testId, hint) => h('div', { class: 'stat', title: hint ?? null },
    h('dt', { text: t(key) }), h('dd', { class: 'stat-value', 'data-testid': testId, text: value }));
  return h('section', { class: 'breakdown', 'data-testid': 'breakdown', 'aria-label': t('results.breakdownTitle') },
    h('dl', { class: 'stats breakdown-stats' },
      fact('results.net', formatWpm(result.wpm), 'breakdown-net', t('results.netHint')),
      fact('results.raw', formatWpm(b.rawWpm), 'breakdown-raw', t('results.rawHint')),
      fact('results.consistency', consistencyLabel(b), 'breakdown-consistency', t('results.consistencyHint')),
      fact('results.errorsPerSecond', formatNumber(errorsPerSecond, { maximumFractionDigits: 2 }), 'breakdown-errors-per-second'),
      fact('common.hints', formatNumber(result.hints ?? 0), 'breakdown-hints')),
    h('p', { class: 'char-breakdown', 'data-testid': 'char-breakdown' },
      h('span', { class: 'chars-correct', 'data-testid': 'chars-correct', text: t('results.charsCorrect', { n: formatNumber(b.correct) }) }),
      h('span', { class: 'chars-incorrect', 'data-testid': 'chars-incorrect', text: t('results.charsIncorrect', { n: formatNumber(b.incorrect) }) }),
      h('span', { class: 'chars-corrected', 'data-testid': 'chars-corrected', text: t('results.charsCorrected', { n: formatNumber(b.corrected) }) }),
      h('span', { class: 'chars-auto', 'data-testid': 'chars-auto', text: t('results.charsAutoFilled', { n: formatNumber(b.autoFilled) }) })));
}
