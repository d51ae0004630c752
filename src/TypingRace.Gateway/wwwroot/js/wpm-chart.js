// A small SVG line chart of WPM, drawn here without a library: the min and
// max WPM on the left axis, a dot per point with its own tooltip (<title>),
// and labels under the ends. The player page plots one point per race; the
// results screen one per second of the race, with a line for every other racer
// (and the player's raw speed) drawn on the same axes.

import { formatWpm } from './format.js';
import { t, tn } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 880;
const HEIGHT = 220;
const PAD = { left: 56, right: 20, top: 18, bottom: 34 };

/** Like dom.js h(), in the SVG namespace; text children only through `text`. */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') el.textContent = String(value);
    // Styles go through the CSSOM: the page's Content-Security-Policy refuses style attributes.
    else if (key === 'style') Object.assign(el.style, value);
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) if (child) el.appendChild(child);
  return el;
}

const round1 = (n) => Math.round(n * 10) / 10;

/**
 * @param {{wpm: number, title: string, marked?: boolean}[]} points in order; `title` is the dot's tooltip,
 *   `marked` draws the dot as a warning (a second with mistakes)
 * @param {object} [options]
 * @param {string} [options.start] label under the first point
 * @param {string} [options.end] label under the last point
 * @param {(min: number, max: number) => string} [options.describe] the chart's accessible name
 * @param {{values: number[], id: string, label: string, color?: string, kind?: string}[]} [options.lines] more
 *   lines on the same axes, one value per point index (a racer's WPM each second); `kind` is a class suffix
 *   (`other`, `raw`), `color` the line's colour
 * @returns {SVGSVGElement}
 */
export function wpmChart(points, {
  start = t('chart.oldest'),
  end = t('chart.newest'),
  describe = (min, max) => tn('chart.describe', points.length, { min: formatWpm(min), max: formatWpm(max) }),
  lines = [],
} = {}) {
  const values = points.map((p) => Number(p.wpm) || 0);
  const count = Math.max(points.length, ...lines.map((l) => l.values.length));
  const every = [...values, ...lines.flatMap((l) => l.values.map((v) => Number(v) || 0))];
  const min = Math.min(...every);
  const max = Math.max(...every);
  // Keep the extremes off the frame; a flat line sits in the middle.
  const pad = Math.max((max - min) * 0.12, 2);
  const lo = Math.max(0, min - pad);
  const hi = max + pad;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const inset = 14; // the first and last dots stay clear of the axes
  const x = (i) => round1(PAD.left + (count === 1 ? plotW / 2 : inset + (i * (plotW - 2 * inset)) / (count - 1)));
  const y = (wpm) => round1(PAD.top + plotH - ((wpm - lo) / (hi - lo)) * plotH);
  const left = PAD.left;
  const right = WIDTH - PAD.right;
  const bottom = PAD.top + plotH;

  const axisLabel = (wpm, testid) => s('text', {
    class: 'chart-axis-label', 'data-testid': testid, x: left - 8, y: y(wpm), 'text-anchor': 'end', 'dominant-baseline': 'middle',
    text: formatWpm(wpm),
  });
  const guide = (wpm) => s('line', { class: 'chart-guide', x1: left, x2: right, y1: y(wpm), y2: y(wpm) });

  const polyline = (series) => series.map((v, i) => `${x(i)},${y(Number(v) || 0)}`).join(' ');
  const line = points.length > 1 ? s('polyline', { class: 'chart-line', 'data-testid': 'chart-line-own', points: polyline(values) }) : null;
  const more = lines.filter((l) => l.values.length > 1).map((l) => s('polyline', {
    class: `chart-line chart-line-${l.kind ?? 'other'}`, 'data-testid': 'chart-line', 'data-line': l.id,
    points: polyline(l.values), style: l.color ? { stroke: l.color } : null,
  }, s('title', { text: l.label })));
  const dots = points.map((point, i) => s('circle', {
    class: point.marked ? 'chart-dot chart-dot-marked' : 'chart-dot', 'data-testid': 'chart-dot', 'data-wpm': values[i], cx: x(i), cy: y(values[i]), r: 4.5,
  }, s('title', { text: point.title })));

  return s('svg', {
    class: 'wpm-chart', 'data-testid': 'wpm-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
    'aria-label': describe(min, max),
  },
  s('line', { class: 'chart-axis', x1: left, x2: left, y1: PAD.top, y2: bottom }),
  s('line', { class: 'chart-axis', x1: left, x2: right, y1: bottom, y2: bottom }),
  guide(max),
  min !== max ? guide(min) : null,
  axisLabel(max, 'chart-max'),
  axisLabel(min, 'chart-min'),
  s('text', { class: 'chart-axis-title', x: 14, y: PAD.top + plotH / 2, transform: `rotate(-90 14 ${PAD.top + plotH / 2})`, 'text-anchor': 'middle', text: t('common.wpm') }),
  count > 1 ? s('text', { class: 'chart-axis-label', x: left, y: bottom + 20, 'text-anchor': 'start', text: start }) : null,
  count > 1 ? s('text', { class: 'chart-axis-label', x: right, y: bottom + 20, 'text-anchor': 'end', text: end }) : null,
  s('g', { class: 'chart-lines' }, more),
  line,
  s('g', { class: 'chart-dots' }, dots));
}
