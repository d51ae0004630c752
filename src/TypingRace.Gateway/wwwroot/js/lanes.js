// One lane per racer above the passage: name#tag, a progress bar, live WPM,
// place and progress %. Lanes keep their order (join order) during a race.

import { h, setText } from './dom.js';
import { formatWpm, ordinal, percent, formatPercent } from './format.js';
import { t } from './i18n.js';

// A lane's badges, by the keys of their words.
const BADGES = [['isYou', 'lanes.you'], ['isBot', 'lanes.bot'], ['isGhost', 'format.ghost'], ['finished', 'lanes.finished']];

export class LanesView {
  constructor() {
    this.el = h('ol', { class: 'lanes', 'data-testid': 'lanes', 'aria-label': t('lanes.label') });
    this.lanes = new Map();
  }

  /**
   * @param {{playerId: string, label: string, isBot: boolean, isGhost: boolean, position: number, wpm: number,
   *          finished: boolean, place: number, color: string, isYou: boolean}[]} racers
   * @param {number} total passage length in code points
   */
  update(racers, total) {
    // Set on every update, so a language switch reaches it with the next one.
    this.el.setAttribute('aria-label', t('lanes.label'));
    const seen = new Set();
    for (const racer of racers) {
      seen.add(racer.playerId);
      const lane = this.lanes.get(racer.playerId) ?? this.create(racer);
      this.fill(lane, racer, total);
      this.el.appendChild(lane.el); // keeps DOM order equal to the given order
    }
    for (const [id, lane] of this.lanes) {
      if (!seen.has(id)) { lane.el.remove(); this.lanes.delete(id); }
    }
  }

  create(racer) {
    const name = h('span', { class: 'lane-name' });
    const badges = h('span', { class: 'lane-badges' });
    const bar = h('div', { class: 'lane-progress', 'data-testid': 'lane-progress' });
    const wpm = h('span', { class: 'lane-wpm', 'data-testid': 'lane-wpm' });
    const place = h('span', { class: 'lane-place', 'data-testid': 'lane-place' });
    const pct = h('span', { class: 'lane-pct', 'data-testid': 'lane-percent' });
    const el = h('li', { class: 'lane', 'data-testid': 'lane', 'data-player-id': racer.playerId },
      h('div', { class: 'lane-head' }, h('span', { class: 'lane-dot', 'aria-hidden': 'true' }), name, badges),
      h('div', { class: 'lane-track' }, bar),
      h('div', { class: 'lane-meta' }, wpm, h('span', { class: 'sep', 'aria-hidden': 'true', text: '·' }), place,
        h('span', { class: 'sep', 'aria-hidden': 'true', text: '·' }), pct));
    const lane = { el, name, badges, bar, wpm, place, pct };
    this.lanes.set(racer.playerId, lane);
    return lane;
  }

  fill(lane, racer, total) {
    const pct = percent(racer.position, total);
    lane.el.classList.toggle('own', racer.isYou);
    lane.el.classList.toggle('finished', racer.finished);
    lane.el.classList.toggle('ghost', !!racer.isGhost);
    lane.el.dataset.ghost = String(!!racer.isGhost);
    lane.el.style.setProperty('--racer-color', racer.color);
    lane.el.dataset.progress = String(racer.position);
    setText(lane.name, racer.label);
    const badges = BADGES.filter(([field]) => racer[field]).map(([, key]) => t(key));
    setText(lane.badges, badges.join(' · '));
    const width = `${pct.toFixed(1)}%`;
    if (lane.bar.style.width !== width) lane.bar.style.width = width;
    lane.bar.dataset.progress = String(racer.position);
    setText(lane.wpm, t('common.wpmValue', { wpm: formatWpm(racer.wpm) }));
    setText(lane.place, racer.place ? ordinal(racer.place) : '–');
    setText(lane.pct, formatPercent(pct));
    const place = racer.place ? t('lanes.place', { place: ordinal(racer.place) }) : t(racer.isGhost ? 'lanes.ghostUnplaced' : 'lanes.noPlace');
    lane.el.setAttribute('aria-label', t('lanes.laneLabel', {
      name: racer.label, you: racer.isYou ? t('common.you') : '', wpm: formatWpm(racer.wpm), place, progress: formatPercent(pct),
    }));
  }
}

/**
 * Live places: racers seen finishing keep the order they finished in,
 * the others follow by position, then WPM. Ghosts (`isGhost`) are never
 * placed, so one ahead of a racer does not push them down.
 */
export function livePlaces(racers, finishOrder, isGhost = () => false) {
  const sorted = [...racers].sort((a, b) => {
    const fa = finishOrder.indexOf(a.playerId);
    const fb = finishOrder.indexOf(b.playerId);
    if (fa >= 0 || fb >= 0) return (fa < 0 ? Infinity : fa) - (fb < 0 ? Infinity : fb);
    return (b.position - a.position) || ((b.wpm ?? 0) - (a.wpm ?? 0));
  });
  let place = 0;
  return new Map(sorted.map((racer) => [racer.playerId, isGhost(racer.playerId) ? null : ++place]));
}
