// A finished race played again (/replay/{raceId}) from its stored keys: the
// passage with every racer's cursor moving as they typed, wrong keys and
// backspaces included; a lane per racer; each racer's WPM line; at 1×, 2× or
// 4×, with pause and a scrubber. The steps come from the server
// (GET /api/races/{raceId}/replay): this page only looks up where each racer
// was at the moment shown.

import { h, setText } from './dom.js';
import { api, whileKeysPending } from './api.js';
import { state } from './state.js';
import { showError } from './banner.js';
import { PassageView } from './race-view.js';
import { LanesView } from './lanes.js';
import { segmented } from './segmented.js';
import { wpmChart } from './wpm-chart.js';
import { assignColors, cursorLabel } from './players.js';
import { displayName, formatDuration, formatWpm, formatAccuracy, placeLabel } from './format.js';
import { ghostRaceButton } from './ghost-race.js';
import { t, tn, tParts, errorMessage } from './i18n.js';
import { RACE_NOT_FOUND } from './error-codes.js';

const SPEEDS = [1, 2, 4];

/** Where a racer stood at `ms`: the last step at or before it (steps are flat [at, position, errorRun] triples). */
export function stepAt(steps, ms) {
  let lo = 0;
  let hi = steps.length / 3 - 1;
  if (hi < 0) return { position: 0, errorRun: 0 };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (steps[mid * 3] <= ms) lo = mid;
    else hi = mid - 1;
  }
  return { position: steps[lo * 3 + 1], errorRun: steps[lo * 3 + 2] };
}

export class ReplayScreen {
  constructor({ raceId }) {
    this.raceId = raceId;
    this.timeMs = 0;
    this.speed = 1;
    this.playing = false;
    this.frame = 0;
    this.body = h('div', {}, h('p', { class: 'loading', text: t('replay.loading') }));
    this.el = h('section', { class: 'screen replay-screen', 'data-testid': 'replay', 'data-state': 'loading', 'aria-labelledby': 'replay-title' }, this.body);
  }

  mount(container) {
    container.appendChild(this.el);
    document.title = t('replay.pageTitle');
    this.load();
  }

  async load() {
    try {
      this.replay = await whileKeysPending(() => api.getReplay(this.raceId), { stopped: () => this.destroyed });
    } catch (error) {
      if (this.destroyed) return;
      this.el.dataset.state = 'error';
      this.body.replaceChildren(h('div', { class: 'card narrow message-card' },
        h('h1', { id: 'replay-title', text: t(error.code === RACE_NOT_FOUND ? 'replay.notFound' : 'replay.unavailable') }),
        h('p', { class: 'message', 'data-testid': 'replay-message', text: errorMessage(error) })));
      if (error.code !== RACE_NOT_FOUND) showError(error);
      return;
    }
    if (this.destroyed) return;
    this.build();
    this.show(0);
    this.el.dataset.state = 'ready';
  }

  build() {
    const { replay } = this;
    this.racers = replay.racers.map((r) => r.result);
    this.colors = assignColors(this.racers.map((r) => r.playerId));
    this.followed = this.racers[0]?.playerId;

    this.passage = new PassageView();
    this.passage.setPassage(replay.passage);
    this.lanes = new LanesView();

    this.play = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'replay-play', onclick: () => this.toggle() });
    this.scrubber = h('input', {
      type: 'range', min: '0', max: String(replay.durationMs), step: '1', value: '0', id: 'replay-scrubber', 'data-testid': 'replay-scrubber',
      'aria-label': t('replay.moment'), oninput: () => { this.pause(); this.show(Number(this.scrubber.value)); },
    });
    this.clock = h('span', { class: 'replay-clock', 'data-testid': 'replay-time', 'aria-live': 'off' });
    const speed = segmented({
      legend: t('replay.speed'), testid: 'replay-speed', options: SPEEDS.map((s) => ({ value: String(s), label: `${s}×` })),
      onChange: (value) => { this.speed = Number(value); this.el.dataset.speed = value; },
    });
    speed.set('1');
    this.el.dataset.speed = '1';
    const follow = h('select', { id: 'replay-follow', 'data-testid': 'replay-follow', onchange: (e) => { this.followed = e.target.value; this.show(this.timeMs); } },
      this.racers.map((r) => h('option', { value: r.playerId, text: displayName(r.name, r.tag) })));

    this.body.replaceChildren(
      h('div', { class: 'page-head' },
        h('h1', { id: 'replay-title' }, tParts('replay.heading', { guide: h('span', { class: 'muted', text: `· ${replay.guide.title}` }) })),
        h('p', { class: 'muted', text: tn('replay.summary', this.racers.length, { duration: formatDuration(replay.durationMs) }) })),
      h('div', { class: 'card replay-controls', 'data-testid': 'replay-controls' },
        h('div', { class: 'replay-buttons' }, this.play, speed.el,
          h('div', { class: 'field' }, h('label', { for: follow.id, text: t('replay.follow') }), follow)),
        h('div', { class: 'replay-timeline' }, this.scrubber, this.clock)),
      h('div', { class: 'card' }, this.lanes.el),
      h('div', { class: 'card passage-area' }, this.passage.root),
      this.raceThis(),
      h('div', { class: 'card' },
        h('h2', { text: t('replay.results') }),
        h('ol', { class: 'replay-results', 'data-testid': 'replay-results' }, this.racers.map((r) => h('li', { 'data-player-id': r.playerId },
          t(r.finished ? 'replay.resultLine' : 'replay.resultLineDnf', {
            place: placeLabel(r), name: displayName(r.name, r.tag), wpm: formatWpm(r.wpm), accuracy: formatAccuracy(r.accuracy),
          }))))),
      h('div', { class: 'replay-charts' }, this.racers.map((r) => this.chart(r))));
    this.setPlaying(false);
  }

  /** "Race this": a room of the player's own with the ghosts of this race's racers, on its passage. */
  raceThis() {
    const status = h('p', { class: 'field-help', role: 'status', 'data-testid': 'race-this-status' });
    return h('div', { class: 'card race-this' },
      h('h2', { text: t('replay.raceThis') }),
      h('p', { class: 'muted', text: t('replay.raceThisIntro') }),
      h('div', { class: 'actions' }, ghostRaceButton({
        label: t('replay.raceThis'), testid: 'race-this', status, body: () => ({ kind: 'replay', raceId: this.raceId }),
      })),
      status);
  }

  /** A racer's WPM through the race, second by second, with a dot for seconds with mistakes. */
  chart(result) {
    const points = (result.chart ?? []).map((p) => ({ wpm: p.wpm, marked: p.errors > 0, title: t('standing.chartPoint', { second: p.second, wpm: formatWpm(p.wpm) }) }));
    const name = displayName(result.name, result.tag);
    return h('figure', { class: 'card race-chart', 'data-testid': 'replay-chart', 'data-player-id': result.playerId },
      h('figcaption', {}, h('span', { class: 'lane-dot', style: { backgroundColor: this.colors.get(result.playerId) }, 'aria-hidden': 'true' }), ` ${name}`),
      points.length
        ? wpmChart(points, {
          start: t('format.chartStart'),
          end: t('format.seconds', { n: points.length }),
          describe: (min, max) => t('replay.chartDescribe', { name, min: formatWpm(min), max: formatWpm(max) }),
        })
        : h('p', { class: 'muted', text: t('replay.noKeys') }));
  }

  toggle() {
    if (this.playing) this.pause();
    else this.start();
  }

  start() {
    if (this.timeMs >= this.replay.durationMs) this.show(0);
    this.setPlaying(true);
    let last = performance.now();
    const tick = (now) => {
      if (!this.playing || this.destroyed) return;
      const next = Math.min(this.replay.durationMs, this.timeMs + (now - last) * this.speed);
      last = now;
      this.show(next);
      if (next >= this.replay.durationMs) this.pause();
      else this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  pause() {
    cancelAnimationFrame(this.frame);
    this.setPlaying(false);
  }

  setPlaying(playing) {
    this.playing = playing;
    this.el.dataset.playing = String(playing);
    const ended = this.timeMs >= (this.replay?.durationMs ?? 0) && this.timeMs > 0;
    setText(this.play, t(playing ? 'replay.pause' : ended ? 'replay.playAgain' : 'replay.play'));
  }

  /** Draws the race as it stood `ms` into it. */
  show(ms) {
    this.timeMs = ms;
    this.el.dataset.time = String(Math.round(ms));
    this.scrubber.value = String(Math.round(ms));
    setText(this.clock, `${formatDuration(ms)} / ${formatDuration(this.replay.durationMs)}`);
    const total = this.replay.passage.characterCount;
    const second = Math.max(1, Math.ceil(ms / 1000));
    const states = this.replay.racers.map(({ result, steps }) => {
      const at = stepAt(steps, ms);
      const finishedAt = result.finished ? steps[steps.length - 3] : Infinity;
      const point = (result.chart ?? []).find((p) => p.second === second) ?? (result.chart ?? []).at(-1);
      return { result, ...at, finished: ms >= finishedAt, wpm: ms > 0 ? point?.wpm ?? 0 : 0 };
    });
    this.lanes.update(states.map((s) => ({
      playerId: s.result.playerId,
      label: displayName(s.result.name, s.result.tag),
      isBot: s.result.isBot,
      isGhost: s.result.isGhost,
      position: s.position,
      wpm: s.wpm,
      finished: s.finished,
      place: s.finished ? s.result.place : null,
      color: this.colors.get(s.result.playerId),
      isYou: s.result.playerId === state.player?.playerId,
    })), total);
    const followed = states.find((s) => s.result.playerId === this.followed) ?? states[0];
    if (followed) this.passage.showTyping({ position: followed.position, errors: new Array(followed.errorRun).fill(null) });
    this.passage.showCursors(states.filter((s) => s !== followed).map((s) => ({
      playerId: s.result.playerId,
      position: s.position,
      color: this.colors.get(s.result.playerId),
      label: cursorLabel(s.result),
      name: displayName(s.result.name, s.result.tag),
    })));
    // The button says "Play again" once the end is shown.
    if (!this.playing) this.setPlaying(false);
  }

  destroy() {
    this.destroyed = true;
    cancelAnimationFrame(this.frame);
    this.passage?.destroy();
    this.el.remove();
  }
}
