// A small SVG line chart of WPM, drawn here without a library: the min and
// max WPM on the left axis, a dot per point with its own tooltip (<title>),
// and labels under the ends. The player page plots one point per race; the
// results screen one per second of the race.

import { formatWpm } from './format.js';

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
 * @returns {SVGSVGElement}
 */
export function wpmChart(points, {
  start = 'oldest',
  end = 'newest',
  describe = (min, max) => `WPM over the last ${points.length} ${points.length === 1 ? 'race' : 'races'}, oldest first: from ${formatWpm(min)} to ${formatWpm(max)} WPM.`,
} = {}) {
  const values = points.map((p) => Number(p.wpm) || 0);
  const min = Math.min(...values);
  const max = Math.max(...values);
  // Keep the extremes off the frame; a flat line sits in the middle.
  const pad = Math.max((max - min) * 0.12, 2);
  const lo = Math.max(0, min - pad);
  const hi = max + pad;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const inset = 14; // the first and last dots stay clear of the axes
  const x = (i) => round1(PAD.left + (points.length === 1 ? plotW / 2 : inset + (i * (plotW - 2 * inset)) / (points.length - 1)));
  const y = (wpm) => round1(PAD.top + plotH - ((wpm - lo) / (hi - lo)) * plotH);
  const left = PAD.left;
  const right = WIDTH - PAD.right;
  const bottom = PAD.top + plotH;

  const axisLabel = (wpm, testid) => s('text', {
    class: 'chart-axis-label', 'data-testid': testid, x: left - 8, y: y(wpm), 'text-anchor': 'end', 'dominant-baseline': 'middle',
    text: formatWpm(wpm),
  });
  const guide = (wpm) => s('line', { class: 'chart-guide', x1: left, x2: right, y1: y(wpm), y2: y(wpm) });

  const line = points.length > 1
    ? s('polyline', { class: 'chart-line', points: values.map((v, i) => `${x(i)},${y(v)}`).join(' ') })
    : null;
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
  s('text', { class: 'chart-axis-title', x: 14, y: PAD.top + plotH / 2, transform: `rotate(-90 14 ${PAD.top + plotH / 2})`, 'text-anchor': 'middle', text: 'WPM' }),
  points.length > 1 ? s('text', { class: 'chart-axis-label', x: left, y: bottom + 20, 'text-anchor': 'start', text: start }) : null,
  points.length > 1 ? s('text', { class: 'chart-axis-label', x: right, y: bottom + 20, 'text-anchor': 'end', text: end }) : null,
  line,
  s('g', { class: 'chart-dots' }, dots));
}
