// The instructor console (/c/{CODE}/console): members and who is online,
// removing a student, building a competition from rounds, starting and
// aborting rounds, their heats and results, standings and the CSV exports;
// opening a marathon over a guide and watching it fill in as a heatmap;
// every heat of the running round live on one screen; co-instructors, and a
// new key for a creator or co-instructor who lost theirs.
// Every call carries the instructor key in its header, never in the URL.

import { h, setText, announce } from './dom.js';
import { api } from './api.js';
import { state } from './state.js';
import { showError, hideError } from './banner.js';
import { currentToken, hasIdentity } from './identity.js';
import { cohortPath } from './router.js';
import { replaceKeepingFocus } from './members.js';
import { cohortApi, loadInstructorKey, saveInstructorKey, forgetInstructorKey, saveBlob, isCohortCode } from './cohort-api.js';
import {
  Poller, personName, nameWithTag, cohortLink, copyField, guideTitles, roundLabel, stateBadge, standingsTable, resultsTable,
  stepName, stepParagraphs, stepDescription, byStep, accuracyCell, heatLegend, resultDetails,
} from './cohort-page.js';
import { GuideImportCard } from './guide-import.js';
import { fairPlayRules } from './fair-play.js';
import { lengthLabel, formatWpm, formatAccuracy, percent, formatPercent, formatDuration } from './format.js';
import { t, tn, tParts, errorMessage } from './i18n.js';
import { COHORT_NOT_FOUND, INSTRUCTOR_KEY_REQUIRED, MARATHON_STARTED } from './error-codes.js';

const POLL_MS = 2_000;
// docs/cohorts.md: the live view is asked every second, apart from the cohort's own poll.
const LIVE_POLL_MS = 1_000;
const PHASE_KEY = { lobby: 'console.phase.lobby', countdown: 'console.phase.countdown', racing: 'console.phase.racing', results: 'console.phase.results' };
const LENGTHS = ['short', 'medium', 'long'];

function phaseText(phase) {
  return PHASE_KEY[phase] ? t(PHASE_KEY[phase]) : phase;
}

function lengthOptions() {
  return LENGTHS.map((value) => h('option', { value, text: lengthLabel(value) }));
}

function slug(text) {
  return String(text ?? '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'competition';
}

/**
 * The guides a round or a marathon may use: the cohort's own (from its view, so every instructor's browser sees
 * them), then the ones we ship and this browser's player's imports.
 */
class GuideChoices {
  constructor() {
    this.cohort = [];
    this.listed = [];
    this.listeners = [];
    this.load();
  }

  async load() {
    try {
      this.listed = (await api.listGuides(currentToken())) ?? [];
    } catch (error) {
      showError(error);
    }
    this.changed();
  }

  setCohortGuides(guides) {
    const next = (guides ?? []).map((g) => ({ id: g.id, title: g.title, paragraphCount: g.paragraphCount }));
    if (JSON.stringify(next) === JSON.stringify(this.cohort)) return;
    this.cohort = next;
    this.changed();
  }

  get all() {
    const own = new Set(this.cohort.map((g) => g.id));
    return [...this.cohort, ...this.listed.filter((g) => !own.has(g.id))];
  }

  /** Calls `listener` with every guide now and after each change. */
  subscribe(listener) {
    this.listeners.push(listener);
    listener(this.all);
  }

  changed() {
    for (const listener of this.listeners) listener(this.all);
  }

  /** The options of a guide select, the cohort's guides in a group of their own; keeps `keep` chosen when it still exists. */
  fill(select, keep) {
    const own = new Set(this.cohort.map((g) => g.id));
    const option = (g) => h('option', { value: g.id, text: g.title });
    const others = this.listed.filter((g) => !own.has(g.id));
    select.replaceChildren(...(this.cohort.length || others.length
      ? [
        this.cohort.length ? h('optgroup', { label: t('console.cohortGuides') }, this.cohort.map(option)) : null,
        others.length ? h('optgroup', { label: t('console.otherGuides') }, others.map(option)) : null,
      ].filter(Boolean)
      : [h('option', { value: '', text: t('common.noGuides') })]));
    if (this.all.some((g) => g.id === keep)) select.value = keep;
  }
}

/** The rows of the "new competition" form; each row is one round. */
class RoundRows {
  constructor(choices) {
    this.choices = choices;
    this.guides = [];
    this.rows = [];
    this.count = 0;
    this.list = h('ol', { class: 'round-rows', 'data-testid': 'round-rows' });
    choices.subscribe((guides) => {
      this.guides = guides;
      for (const row of this.rows) this.fillGuides(row);
      if (!this.rows.length) this.add();
    });
  }

  fillGuides(row) {
    this.choices.fill(row.guide, row.guide.value || row.wantedGuide);
    this.limit(row);
  }

  limit(row) {
    const guide = this.guides.find((g) => g.id === row.guide.value);
    if (guide) row.paragraph.max = String(guide.paragraphCount);
    setText(row.suffix, guide ? t('common.paragraphOf', { count: guide.paragraphCount }) : '');
  }

  /** A new row starts where the previous one left off: same guide, next paragraph. */
  add() {
    const previous = this.rows.at(-1);
    const id = `round-row-${++this.count}`;
    const row = {
      wantedGuide: previous?.guide.value ?? '',
      guide: h('select', { id: `${id}-guide`, 'data-testid': 'round-guide', required: true }),
      paragraph: h('input', {
        id: `${id}-paragraph`, 'data-testid': 'round-paragraph', type: 'number', inputmode: 'numeric', min: '1', required: true,
        value: String(previous ? (Number.parseInt(previous.paragraph.value, 10) || 0) + 1 : 1),
      }),
      suffix: h('span', { class: 'field-suffix', 'aria-hidden': 'true' }),
      length: h('select', { id: `${id}-length`, 'data-testid': 'round-length' }, lengthOptions()),
    };
    row.length.value = previous?.length.value ?? 'short';
    row.guide.addEventListener('change', () => this.limit(row));
    row.title = h('span', { class: 'round-row-title' });
    row.remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'remove-round', onclick: () => this.remove(row) }, t('console.remove'));
    row.el = h('li', { class: 'round-row', 'data-testid': 'round-row' },
      h('div', { class: 'round-row-head' }, row.title, row.remove),
      h('div', { class: 'field-row' },
        h('div', { class: 'field' }, h('label', { for: row.guide.id, text: t('common.guide') }), row.guide),
        h('div', { class: 'field field-paragraph' }, h('label', { for: row.paragraph.id, text: t('common.paragraph') }),
          h('span', { class: 'field-with-suffix' }, row.paragraph, row.suffix)),
        h('div', { class: 'field' }, h('label', { for: row.length.id, text: t('common.length') }), row.length)));
    this.rows.push(row);
    this.list.appendChild(row.el);
    this.fillGuides(row);
    this.renumber();
    return row;
  }

  remove(row) {
    if (this.rows.length <= 1) return;
    const at = this.rows.indexOf(row);
    this.rows.splice(at, 1);
    row.el.remove();
    this.renumber();
    (this.rows[at] ?? this.rows.at(-1)).guide.focus();
  }

  renumber() {
    this.rows.forEach((row, i) => {
      setText(row.title, t('console.round', { n: i + 1 }));
      row.remove.setAttribute('aria-label', t('console.removeRound', { n: i + 1 }));
      row.remove.hidden = this.rows.length <= 1;
      row.el.setAttribute('aria-label', t('console.round', { n: i + 1 }));
    });
  }

  /** The rounds as the API takes them, or throws a message naming the faulty row. */
  value() {
    return this.rows.map((row, i) => {
      const guide = this.guides.find((g) => g.id === row.guide.value);
      if (!guide) throw Object.assign(new Error(t('console.roundNoGuide', { n: i + 1 })), { field: row.guide });
      const number = Number.parseInt(row.paragraph.value, 10);
      if (!Number.isInteger(number) || number < 1 || number > guide.paragraphCount) {
        throw Object.assign(new Error(t('console.roundBadParagraph', { n: i + 1, count: guide.paragraphCount })), { field: row.paragraph });
      }
      return { guideId: guide.id, paragraphIndex: number - 1, length: row.length.value };
    });
  }

  reset() {
    for (const row of this.rows.splice(0)) row.el.remove();
    this.add();
  }
}

/** "1–2", or "3": the paragraphs of a step, short enough for a column head. */
function stepRange(step) {
  const first = (step.firstParagraphIndex ?? 0) + 1;
  const last = first + Math.max(1, step.paragraphCount ?? 1) - 1;
  return last === first ? `¶ ${first}` : `¶ ${first}–${last}`;
}

/** Guide and length of a new marathon. Built once: the poll shows or hides it, never resets it. */
class MarathonForm {
  constructor({ choices, onSubmit, onCancel }) {
    this.onSubmit = onSubmit;
    this.guide = h('select', { id: 'marathon-guide', 'data-testid': 'marathon-guide', required: true, 'aria-describedby': 'marathon-guide-size' },
      h('option', { value: '', text: t('common.loadingGuides') }));
    this.size = h('span', { id: 'marathon-guide-size', class: 'field-help' });
    this.length = h('select', { id: 'marathon-length', 'data-testid': 'marathon-length' }, lengthOptions());
    this.help = h('p', { id: 'marathon-help', class: 'field-help', role: 'status', 'data-testid': 'marathon-help' });
    this.submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'open-marathon', text: t('console.openMarathon') });
    this.cancel = h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'cancel-marathon', text: t('console.keepMarathon'), onclick: onCancel });
    this.guides = [];
    this.choices = choices;
    this.guide.addEventListener('change', () => this.describe());
    this.el = h('form', { class: 'marathon-form', 'data-testid': 'marathon-form', 'aria-labelledby': 'marathon-title', onsubmit: (e) => { e.preventDefault(); this.send(); } },
      h('div', { class: 'field-row' },
        h('div', { class: 'field field-guide' }, h('label', { for: this.guide.id, text: t('common.guide') }), this.guide, this.size),
        h('div', { class: 'field' }, h('label', { for: this.length.id, text: t('console.stepLength') }), this.length)),
      h('div', { class: 'actions' }, this.submit, this.cancel),
      this.help);
    choices.subscribe((guides) => {
      this.guides = guides;
      choices.fill(this.guide, this.guide.value);
      this.describe();
    });
  }

  describe() {
    const guide = this.guides.find((g) => g.id === this.guide.value);
    setText(this.size, guide ? t('console.guideSize', { count: guide.paragraphCount }) : '');
  }

  show(visible, { replacing }) {
    this.el.hidden = !visible;
    this.cancel.hidden = !replacing;
    setText(this.submit, t(replacing ? 'console.replaceMarathon' : 'console.openMarathon'));
  }

  focus() {
    this.guide.focus();
  }

  say(text) {
    setText(this.help, text);
  }

  async send() {
    const guide = this.guides.find((g) => g.id === this.guide.value);
    if (!guide) {
      this.say(t('console.chooseGuide'));
      this.guide.focus();
      return;
    }
    this.submit.disabled = true;
    this.say('');
    try {
      await this.onSubmit({ guideId: guide.id, length: this.length.value });
    } finally {
      this.submit.disabled = false;
    }
  }
}

/** Sorted as a race stands: further along first, then faster; racers not in the room last. */
function byStanding(a, b) {
  return Number(b.present) - Number(a.present) || (b.position - a.position) || ((b.wpm ?? 0) - (a.wpm ?? 0))
    || String(a.name).localeCompare(String(b.name)) || String(a.playerId).localeCompare(String(b.playerId));
}

/**
 * The running round's heats side by side, a bar per racer. Rows are kept and
 * updated in place, not redrawn: the answer changes every second, and bars that
 * are rebuilt jump instead of sliding.
 */
class LiveView {
  constructor() {
    this.heats = new Map();
    this.caption = h('p', { class: 'muted live-caption', 'data-testid': 'live-caption' });
    this.note = h('p', { class: 'field-help live-note', role: 'status', 'data-testid': 'live-note' });
    this.list = h('div', { class: 'live-heats', 'data-testid': 'live-heats' });
    this.el = h('section', { class: 'card live-panel', 'data-testid': 'live-panel', 'aria-labelledby': 'live-title', hidden: true },
      h('div', { class: 'board-head' },
        h('h2', { id: 'live-title' }, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), t('console.live')),
        this.caption),
      this.list,
      this.note);
  }

  /** @param {{ heats: object[] }} live  @param {{ label: string, heats: object[], names: Map<string, string> }} round the cohort's own view of the round */
  update(live, round) {
    const heats = live.heats ?? [];
    const seen = new Set();
    let racers = 0;
    let finished = 0;
    heats.forEach((heat, i) => {
      seen.add(heat.roomCode);
      const view = this.heats.get(heat.roomCode) ?? this.createHeat(heat.roomCode);
      // The cohort's view names who belongs in each heat, so a student who never reached the room still shows.
      const expected = round.heats.find((x) => x.roomCode === heat.roomCode)?.playerIds ?? [];
      const rows = this.fillHeat(view, heat, i, expected, round.names);
      racers += rows.length;
      finished += rows.filter((r) => r.finished).length;
      this.list.appendChild(view.el);
    });
    for (const [code, view] of this.heats) {
      if (!seen.has(code)) { view.el.remove(); this.heats.delete(code); }
    }
    setText(this.caption, `${round.label} · ${tn('console.heats', heats.length)} · ${t('console.finishedOf', { finished, racers })}`);
    this.el.hidden = false;
  }

  createHeat(roomCode) {
    const title = h('span', { class: 'heat-title' });
    const phase = h('span', { class: 'round-state live-phase', 'data-testid': 'live-heat-phase' });
    const body = h('tbody');
    const caption = h('caption', { class: 'visually-hidden' });
    const el = h('section', { class: 'live-heat', 'data-testid': 'live-heat', 'data-room-code': roomCode },
      h('h3', { class: 'live-heat-head' }, title, ...tParts('console.room', { code: h('span', { class: 'room-code inline', 'data-testid': 'live-heat-room', text: roomCode }) }), ' ', phase),
      h('div', { class: 'table-scroll' },
        h('table', { class: 'cohort-table live-table' },
          caption,
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col', text: t('common.racer') }),
            h('th', { scope: 'col', class: 'live-progress-head', text: t('console.progress') }),
            h('th', { scope: 'col', class: 'num', text: t('common.wpm') }),
            h('th', { scope: 'col', class: 'num', text: t('common.accuracy') }),
            h('th', { scope: 'col', class: 'live-done-head' }, h('span', { class: 'visually-hidden', text: t('console.finishedHead') })))),
          body)));
    const view = { el, title, phase, body, caption, rows: new Map() };
    this.heats.set(roomCode, view);
    return view;
  }

  fillHeat(view, heat, index, expected, names) {
    const phase = String(heat.phase ?? 'lobby');
    view.el.dataset.phase = phase;
    setText(view.title, t('console.heat', { n: index + 1 }));
    setText(view.phase, phaseText(phase));
    view.phase.dataset.phase = phase;
    view.phase.className = `round-state live-phase live-phase-${phase}`;
    setText(view.caption, t('console.heatCaption', { n: index + 1, code: heat.roomCode, phase: phaseText(phase) }));
    const total = Number(heat.characterCount) || 0;
    const racing = (heat.racers ?? []).map((r) => ({ ...r, present: true }));
    const here = new Set(racing.map((r) => r.playerId));
    const missing = expected.filter((id) => !here.has(id))
      .map((id) => ({ playerId: id, name: names.get(id) ?? '', position: 0, wpm: 0, accuracy: null, finished: false, present: false }));
    const rows = [...racing, ...missing].sort(byStanding);
    const seen = new Set();
    for (const racer of rows) {
      seen.add(racer.playerId);
      const row = view.rows.get(racer.playerId) ?? this.createRow(view, racer.playerId);
      this.fillRow(row, racer, total, phase);
      view.body.appendChild(row.el);
    }
    for (const [id, row] of view.rows) {
      if (!seen.has(id)) { row.el.remove(); view.rows.delete(id); }
    }
    return rows;
  }

  createRow(view, playerId) {
    const name = h('span', { class: 'live-name' });
    const fill = h('span', { class: 'live-fill' });
    const bar = h('span', { class: 'live-bar', role: 'progressbar', 'data-testid': 'live-progress', 'aria-valuemin': '0' }, fill);
    const pct = h('span', { class: 'live-percent', 'data-testid': 'live-percent' });
    const wpm = h('td', { class: 'num', 'data-testid': 'live-wpm' });
    const accuracy = h('td', { class: 'num', 'data-testid': 'live-accuracy' });
    const done = h('td', { class: 'live-done', 'data-testid': 'live-finished' });
    const el = h('tr', { class: 'live-racer', 'data-testid': 'live-racer', 'data-player-id': playerId },
      h('th', { scope: 'row', class: 'live-who' }, name),
      h('td', { class: 'live-progress' }, h('span', { class: 'live-track' }, bar, pct)),
      wpm, accuracy, done);
    const row = { el, name, bar, fill, pct, wpm, accuracy, done };
    view.rows.set(playerId, row);
    return row;
  }

  fillRow(row, racer, total, phase) {
    const position = Math.max(0, Number(racer.position) || 0);
    const share = percent(position, total);
    const label = personName(racer.playerId, racer.name);
    const absent = !racer.present && phase !== 'lobby';
    row.el.dataset.position = String(position);
    row.el.dataset.finished = String(!!racer.finished);
    row.el.dataset.present = String(!!racer.present);
    row.el.classList.toggle('finished', !!racer.finished);
    row.el.classList.toggle('absent', absent);
    row.name.replaceChildren(...nameWithTag(racer.playerId, racer.name),
      ...(absent ? [h('span', { class: 'flag', text: t('console.notInRoom') })] : []));
    row.bar.setAttribute('aria-label', t('console.progressOf', { name: label }));
    row.bar.setAttribute('aria-valuemax', String(total));
    row.bar.setAttribute('aria-valuenow', String(Math.min(position, total)));
    row.bar.setAttribute('aria-valuetext', t('console.progressText', { percent: formatPercent(share), position: Math.min(position, total), total }));
    const width = `${share.toFixed(1)}%`;
    if (row.fill.style.width !== width) row.fill.style.width = width;
    setText(row.pct, formatPercent(share));
    setText(row.wpm, racer.present ? formatWpm(racer.wpm) : '–');
    setText(row.accuracy, racer.present ? formatAccuracy(racer.accuracy) : '–');
    row.done.replaceChildren(...(racer.finished
      ? [h('span', { class: 'live-check', 'aria-hidden': 'true', text: '✓' }), h('span', { class: 'visually-hidden', text: t('console.finished') })]
      : []));
  }

  say(text) {
    setText(this.note, text);
  }

  hide() {
    this.el.hidden = true;
    this.say('');
    for (const view of this.heats.values()) view.el.remove();
    this.heats.clear();
  }
}

export class CohortConsoleScreen {
  constructor({ code }) {
    this.code = code;
    this.key = loadInstructorKey(code);
    this.cohort = null;
    this.titles = new Map();
    this.drawn = { head: '', members: '', competitions: '', marathon: '' };
    this.busy = new Set();
    this.replacingMarathon = false;
    this.confirmAbort = null;
    this.confirmInstructor = null;
    this.promoting = new Set();
    this.destroyed = false;
    this.poller = new Poller(() => this.refresh(), POLL_MS);
    this.live = new LiveView();
    this.livePoller = new Poller(() => this.pollLive(), LIVE_POLL_MS);
    // "competitionId:index" of the round the live view follows, and of one it saw end while the cohort's poll still says it runs.
    this.liveRound = null;
    this.liveEnded = null;
    // A key the server just made: shown once in the unlocked console, never kept beyond that.
    this.freshKey = null;
    // The reasons of the results' fair-play flags, from the server; the competitions are drawn again once here.
    this.flagRules = new Map();
    fairPlayRules().then((known) => {
      this.flagRules = known;
      if (!this.destroyed && this.layout) this.redraw();
    });
    this.body = h('div', {}, h('p', { class: 'loading', text: t('common.loading') }));
    this.el = h('section', { class: 'screen cohort-console', 'data-testid': 'cohort-console', 'data-state': 'loading', 'aria-labelledby': 'console-title' }, this.body);
  }

  mount(container) {
    container.appendChild(this.el);
    document.title = t('console.pageTitle', { code: this.code });
    if (!isCohortCode(this.code)) {
      this.message(t('cohort.badCodeTitle'), t('console.badCode', { code: this.code }), 'cohort-bad-code');
      return;
    }
    if (this.key) this.open(this.key);
    else this.askKey();
  }

  /** A new instructor key on show (only its hash is kept), or notes being imported. */
  holdsUnsaved() {
    return !!this.layout?.notice?.querySelector('[data-testid=new-key]') || !!this.importCard?.hasDraft();
  }

  destroy() {
    this.destroyed = true;
    this.poller.stop();
    this.stopLive();
    this.el.remove();
  }

  setState(value) {
    this.el.dataset.state = value;
  }

  askKey(problem) {
    this.setState('key');
    this.layout = null;
    this.stopLive();
    const input = h('input', {
      id: 'instructor-key-input', 'data-testid': 'instructor-key-input', type: 'password', autocomplete: 'off',
      spellcheck: 'false', required: true, 'aria-describedby': 'instructor-key-help', 'aria-invalid': problem ? 'true' : null,
    });
    // A new key the console could not open with yet stays in the box, so one click tries again and still shows it.
    if (this.freshKey) input.value = this.freshKey;
    const help = h('p', { id: 'instructor-key-help', class: 'field-help', text: problem ?? '' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'unlock-console', text: t('console.unlock') });
    const form = h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        const key = input.value.trim();
        if (!key) { setText(help, t('console.enterKey')); input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
        submit.disabled = true;
        await this.open(key);
        submit.disabled = false;
      },
    },
    h('label', { for: input.id, text: t('cohort.instructorKey') }),
    h('div', { class: 'inline-field' }, input, submit),
    help);
    const recovery = this.keyRecovery();
    this.body.replaceChildren(h('div', { class: 'card narrow' },
      h('h1', { id: 'console-title' }, tParts('console.heading', { code: h('span', { class: 'room-code inline', text: this.code }) })),
      h('p', { class: 'muted', text: t('console.keyIntro') }),
      form,
      recovery.el));
    input.focus();
    recovery.check();
  }

  /**
   * "Lost the key?": offered only to the cohort's creator or a co-instructor,
   * which the server tells this browser's player by listing them among the
   * cohort's instructors. Anyone else sees the prompt as before.
   */
  keyRecovery() {
    const status = h('p', { class: 'field-help', role: 'status', 'data-testid': 'key-recovery-status' });
    const button = h('button', {
      type: 'button', class: 'btn', 'data-testid': 'get-new-key', text: t('console.getNewKey'),
      onclick: () => this.getNewKey(button, status),
    });
    const el = h('div', { class: 'key-recovery', 'data-testid': 'key-recovery', hidden: true },
      h('p', { class: 'key-recovery-offer' }, h('strong', { text: t('console.lostKey') }), button),
      h('p', { class: 'muted', text: t('console.lostKeyIntro') }),
      status);
    const check = async () => {
      const me = state.player?.playerId;
      if (!hasIdentity() || !me) return;
      let cohort;
      try {
        cohort = await cohortApi.getAsStudent(currentToken(), this.code);
      } catch {
        // Not a member, nor an instructor: the offer stays hidden, and so does the reason.
        return;
      }
      if (!this.destroyed && el.isConnected && (cohort?.instructors ?? []).includes(me)) el.hidden = false;
    };
    return { el, check };
  }

  async getNewKey(button, status) {
    button.disabled = true;
    setText(status, '');
    let key;
    try {
      ({ instructorKey: key } = await cohortApi.newInstructorKey(currentToken(), this.code));
    } catch (error) {
      if (this.destroyed) return;
      setText(status, error.code === INSTRUCTOR_KEY_REQUIRED
        ? t('console.notInstructor')
        : errorMessage(error));
      button.disabled = false;
      return;
    }
    if (this.destroyed) return;
    // Stored before anything else can fail: the server will not show this key again.
    saveInstructorKey(this.code, key);
    this.freshKey = key;
    announce(t('console.announceNewKey'));
    await this.open(key);
  }

  /** The first call with a key: it is kept only once the server has taken it. */
  async open(key) {
    let cohort;
    try {
      cohort = await cohortApi.getAsInstructor(key, this.code);
    } catch (error) {
      if (this.destroyed) return;
      if (error.code === INSTRUCTOR_KEY_REQUIRED) {
        forgetInstructorKey(this.code);
        this.key = null;
        this.freshKey = null;
        showError(error);
        this.askKey(t('console.wrongKey'));
      } else if (error.code === COHORT_NOT_FOUND) {
        this.message(t('cohort.notFoundTitle'), t('console.notFound', { code: this.code }), 'cohort-not-found');
      } else {
        showError(error);
        if (!this.layout) this.askKey(errorMessage(error));
      }
      return;
    }
    if (this.destroyed) return;
    hideError();
    this.key = key;
    saveInstructorKey(this.code, key);
    this.titles = await guideTitles(cohort);
    if (this.destroyed) return;
    this.build();
    this.show(cohort);
    this.poller.start({ now: false });
    if (this.freshKey === key) this.showFreshKey(key);
    this.freshKey = null;
  }

  /** The new key, once: the server keeps only its hash. */
  showFreshKey(key) {
    const card = h('section', { class: 'card cohort-created new-key', 'data-testid': 'new-key', tabindex: '-1', 'aria-labelledby': 'new-key-title' },
      h('h2', { id: 'new-key-title', text: t('console.newKeyTitle') }),
      copyField({ id: 'new-instructor-key', label: t('cohort.instructorKey'), value: key, testid: 'new-instructor-key', buttonText: t('cohort.copyKey'), buttonTestid: 'copy-new-instructor-key' }),
      h('p', { class: 'key-note', 'data-testid': 'new-key-note' },
        h('strong', { text: t('cohort.copyKeyNow') }),
        t('console.newKeyNote')),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', 'data-testid': 'hide-new-key', text: t('console.keyCopied'), onclick: () => card.remove() })));
    this.layout.notice.replaceChildren(card);
    card.focus();
  }

  async refresh() {
    try {
      const cohort = await cohortApi.getAsInstructor(this.key, this.code);
      if (!this.destroyed) this.show(cohort);
    } catch (error) {
      if (this.destroyed) return;
      if (error.code === INSTRUCTOR_KEY_REQUIRED) {
        this.poller.stop();
        forgetInstructorKey(this.code);
        this.key = null;
        showError(error);
        this.askKey(t('console.keyRejected'));
        return;
      }
      showError(error);
    }
  }

  message(title, text, testid) {
    this.setState('error');
    this.layout = null;
    this.body.replaceChildren(h('div', { class: 'card narrow message-card' },
      h('h1', { id: 'console-title', text: title }),
      h('p', { class: 'message', 'data-testid': testid, text }),
      h('div', { class: 'actions' }, h('a', { class: 'btn', href: '/c', 'data-link': true, text: t('nav.cohorts') }))));
  }

  /** The parts that polling redraws, and the competition form, which it must never reset. */
  build() {
    this.drawn = { head: '', members: '', guides: '', competitions: '', marathon: '' };
    this.guideChoices = new GuideChoices();
    this.layout = {
      notice: h('div'),
      head: h('div'),
      members: h('div'),
      competitions: h('div'),
      form: this.competitionForm(),
      guides: h('div'),
      marathon: h('div'),
    };
    const importCard = this.importCard = new GuideImportCard({
      heading: t('console.importHeading'),
      headingLevel: 'h3',
      intro: t('console.importIntro'),
      preview: (request) => cohortApi.previewGuide(this.key, this.code, request),
      save: (request) => cohortApi.importGuide(this.key, this.code, request),
      savedText: (guide) => t('console.importSaved', { title: guide.title, count: guide.paragraphCount }),
      onSaved: () => this.refresh(),
    });
    this.marathonForm = new MarathonForm({ choices: this.guideChoices, onSubmit: (choice) => this.openMarathon(choice), onCancel: () => this.cancelReplace() });
    this.live.hide();
    this.body.replaceChildren(
      this.layout.notice,
      this.layout.head,
      this.live.el,
      h('div', { class: 'console-grid' },
        h('section', { class: 'card', 'aria-labelledby': 'members-title' }, h('h2', { id: 'members-title', text: t('console.members') }), this.layout.members),
        this.layout.form),
      h('section', { class: 'card cohort-guides', 'data-testid': 'cohort-guides', 'aria-labelledby': 'cohort-guides-title' },
        h('h2', { id: 'cohort-guides-title', text: t('console.guides') }),
        this.layout.guides,
        importCard.el),
      h('section', { class: 'card marathon-console', 'data-testid': 'marathon-console', 'aria-labelledby': 'marathon-title' },
        h('h2', { id: 'marathon-title', text: t('console.marathon') }),
        this.layout.marathon,
        this.marathonForm.el),
      h('h2', { class: 'console-section-title', text: t('console.competitions') }),
      this.layout.competitions);
    this.setState('ready');
  }

  show(cohort) {
    this.cohort = cohort;
    if (!this.layout) return;
    this.draw('head', { name: cohort.name, code: cohort.code }, () => this.renderHead(cohort));
    const instructors = cohort.instructors ?? [];
    this.draw('members', { members: cohort.members ?? [], instructors, confirm: this.confirmInstructor, busy: [...this.promoting] },
      () => this.renderMembers(cohort.members ?? [], instructors));
    this.followLive(cohort);
    const guides = cohort.guides ?? [];
    for (const guide of guides) this.titles.set(guide.id, guide.title);
    this.guideChoices.setCohortGuides(guides);
    this.draw('guides', guides, () => this.renderGuides(guides));
    this.draw('competitions', { competitions: cohort.competitions ?? [], members: cohort.members ?? [], busy: [...this.busy], confirm: this.confirmAbort },
      () => this.renderCompetitions(cohort));
    const marathon = cohort.marathon ?? null;
    const started = !!marathon?.progress?.some((p) => p.results?.length);
    if (!marathon || started) this.replacingMarathon = false;
    // The form is never redrawn by the poll, only shown or hidden, so a half-made choice survives it.
    this.marathonForm.show(!marathon || this.replacingMarathon, { replacing: !!marathon });
    this.draw('marathon', { marathon, replacing: this.replacingMarathon, guideTitle: this.titles.get(marathon?.guideId) ?? null },
      () => this.renderMarathon(marathon, { started }));
  }

  /** Redraws a part only when what it shows has changed, keeping keyboard focus. */
  draw(part, data, render) {
    const json = JSON.stringify(data);
    if (json === this.drawn[part]) return;
    this.drawn[part] = json;
    this.layout[part] = replaceKeepingFocus(this.layout[part], render());
  }

  redraw() {
    this.drawn.competitions = '';
    if (this.cohort) this.show(this.cohort);
  }

  redrawMembers() {
    this.drawn.members = '';
    if (this.cohort) this.show(this.cohort);
  }

  /** The running round, as the cohort's own view has it, with what the live panel needs to know of it. */
  runningRound(cohort) {
    for (const competition of cohort.competitions ?? []) {
      const round = (competition.rounds ?? []).find((r) => r.state === 'running');
      if (round) {
        return {
          id: `${competition.id}:${round.index}`,
          label: t('console.roundOf', { n: round.index + 1, name: competition.name }),
          heats: round.heats ?? [],
          names: new Map((cohort.members ?? []).map((m) => [m.playerId, m.name])),
        };
      }
    }
    return null;
  }

  /** Starts the live poll when a round runs and stops it when none does; the cohort's 2 s poll decides, the live one only follows. */
  followLive(cohort) {
    const running = this.runningRound(cohort);
    this.liveContext = running;
    if (!running) {
      this.liveEnded = null;
      this.stopLive();
      return;
    }
    if (running.id === this.liveEnded) return;
    if (this.liveRound !== running.id || this.livePoller.stopped) {
      this.liveRound = running.id;
      this.livePoller.start({ now: true });
    }
  }

  stopLive() {
    this.livePoller.stop();
    this.liveRound = null;
    this.live.hide();
  }

  async pollLive() {
    const watching = this.liveRound;
    let live;
    try {
      live = await cohortApi.live(this.key, this.code);
    } catch (error) {
      if (this.destroyed || this.liveRound !== watching) return;
      // A lost key is the cohort poll's to handle; anything else waits for the next second, without a banner a second.
      if (error.code === INSTRUCTOR_KEY_REQUIRED) this.stopLive();
      else this.live.say(t('console.liveFailed', { message: errorMessage(error) }));
      return;
    }
    if (this.destroyed || this.livePoller.stopped || this.liveRound !== watching) return;
    const context = this.liveContext;
    const sameRound = live && context && `${live.competitionId}:${live.round}` === context.id;
    if (!live || !sameRound) {
      // The round is over (or another one runs) before the cohort's poll says so; it catches up within 2 s.
      this.liveEnded = watching;
      this.stopLive();
      return;
    }
    this.live.say('');
    this.live.update(live, context);
  }

  renderHead(cohort) {
    return h('div', { class: 'page-head console-head' },
      h('h1', { id: 'console-title' }, h('span', { 'data-testid': 'cohort-name', text: cohort.name }), h('span', { class: 'muted console-kind', text: t('console.kind') })),
      h('p', { class: 'muted' }, tParts('cohort.codeLine', { code: h('span', { class: 'room-code inline', 'data-testid': 'cohort-code', text: cohort.code }) })),
      copyField({ id: 'console-cohort-link', label: t('cohort.studentLink'), value: cohortLink(cohort.code), testid: 'cohort-link', buttonText: t('common.copyLink'), buttonTestid: 'copy-cohort-link' }));
  }

  renderMembers(members, instructors) {
    const online = members.filter((m) => m.online).length;
    const count = h('p', { class: 'muted', 'data-testid': 'online-count', 'data-online': String(online), 'data-members': String(members.length),
      text: t('cohort.online', { online, total: members.length }) });
    if (!members.length) {
      return h('div', {}, count, h('p', { class: 'muted', 'data-testid': 'no-members' },
        tParts('console.noMembers', { link: h('a', { href: cohortPath(this.code), text: cohortLink(this.code) }) })));
    }
    const items = [...members]
      .sort((a, b) => Number(b.online) - Number(a.online) || String(a.name).localeCompare(String(b.name)))
      .map((m) => {
        const name = personName(m.playerId, m.name);
        const instructing = instructors.includes(m.playerId);
        const confirming = this.confirmInstructor === m.playerId;
        return h('li', {
          class: `member${m.online ? '' : ' offline'}`, 'data-testid': 'cohort-member', 'data-player-id': m.playerId,
          'data-online': String(!!m.online), 'data-co-instructor': String(instructing),
        },
          h('span', { class: `online-dot${m.online ? ' on' : ''}`, 'aria-hidden': 'true' }),
          h('span', { class: 'member-name', text: name }),
          h('span', { class: 'member-marks' }, h('span', { class: 'visually-hidden', text: t(m.online ? 'console.online' : 'console.offline') }),
            m.online ? null : h('span', { class: 'badge badge-offline', 'aria-hidden': 'true', text: t('console.offline') }),
            instructing ? h('span', { class: 'badge badge-instructor', 'data-testid': 'co-instructor-badge', text: t('console.coInstructor') }) : null),
          h('span', { class: 'member-actions' },
            instructing || confirming ? null : this.makeInstructorButton(m, name),
            h('button', {
              type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'remove-member', 'data-focus-key': `remove-${m.playerId}`,
              'aria-label': t('console.removeName', { name }), text: t('console.remove'), onclick: (e) => this.removeMember(m, e.currentTarget),
            })),
          confirming && !instructing ? this.confirmInstructorControls(m, name) : null);
      });
    return h('div', {}, count, h('ul', { class: 'member-list', 'data-testid': 'cohort-members', 'aria-label': t('console.members') }, items));
  }

  competitionForm() {
    this.roundRows = new RoundRows(this.guideChoices);
    this.competitionName = h('input', {
      id: 'competition-name', 'data-testid': 'competition-name-input', type: 'text', required: true, autocomplete: 'off',
      maxlength: '60', placeholder: t('console.competitionPlaceholder'), 'aria-describedby': 'competition-help',
    });
    this.competitionHelp = h('p', { id: 'competition-help', class: 'field-help', role: 'status' });
    this.createButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'create-competition', text: t('console.createCompetition') });
    return h('form', { class: 'card competition-form', 'aria-labelledby': 'competition-form-title', onsubmit: (e) => { e.preventDefault(); this.createCompetition(); } },
      h('h2', { id: 'competition-form-title', text: t('console.newCompetition') }),
      h('div', { class: 'field' }, h('label', { for: 'competition-name', text: t('common.name') }), this.competitionName),
      h('fieldset', { class: 'round-fieldset' }, h('legend', { text: t('cohort.rounds') }), this.roundRows.list),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', 'data-testid': 'add-round', text: t('console.addRound'), onclick: () => this.roundRows.add().guide.focus() }),
        this.createButton),
      this.competitionHelp);
  }

  async createCompetition() {
    const name = this.competitionName.value.trim();
    if (!name) {
      setText(this.competitionHelp, t('console.enterCompetitionName'));
      this.competitionName.setAttribute('aria-invalid', 'true');
      this.competitionName.focus();
      return;
    }
    this.competitionName.setAttribute('aria-invalid', 'false');
    let rounds;
    try {
      rounds = this.roundRows.value();
    } catch (error) {
      setText(this.competitionHelp, error.message);
      error.field?.focus();
      return;
    }
    this.createButton.disabled = true;
    try {
      const competition = await cohortApi.createCompetition(this.key, this.code, { name, rounds });
      this.competitionName.value = '';
      this.roundRows.reset();
      setText(this.competitionHelp, tn('console.competitionCreated', rounds.length, { name: competition?.name ?? name }));
      await this.refresh();
    } catch (error) {
      setText(this.competitionHelp, errorMessage(error));
      showError(error);
    } finally {
      this.createButton.disabled = false;
    }
  }

  renderGuides(guides) {
    if (!guides.length) {
      return h('p', { class: 'muted', 'data-testid': 'no-cohort-guides', text: t('console.noCohortGuides') });
    }
    return h('ul', { class: 'cohort-guide-list', 'data-testid': 'cohort-guide-list' },
      guides.map((g) => h('li', { 'data-testid': 'cohort-guide', 'data-guide-id': g.id },
        h('strong', { text: g.title }), h('span', { class: 'muted', text: ` · ${tn('console.paragraphCount', g.paragraphCount)}` }))));
  }

  renderCompetitions(cohort) {
    const competitions = cohort.competitions ?? [];
    if (!competitions.length) {
      return h('div', { class: 'card empty-state', 'data-testid': 'no-competitions' },
        h('p', { class: 'empty-title', text: t('cohort.noCompetition') }),
        h('p', { class: 'muted', text: t('console.noCompetition') }));
    }
    const names = new Map((cohort.members ?? []).map((m) => [m.playerId, personName(m.playerId, m.name)]));
    return h('div', {}, competitions.map((c) => this.competitionCard(c, names)));
  }

  competitionCard(competition, names) {
    const rounds = competition.rounds ?? [];
    const running = rounds.some((r) => r.state === 'running');
    const next = running || competition.ended ? null : rounds.find((r) => r.state === 'pending' || r.state === 'aborted');
    const end = competition.ended
      ? h('span', { class: 'flag', 'data-testid': 'competition-ended', text: t('console.ended') })
      : h('button', {
        type: 'button', class: 'btn btn-small', 'data-testid': 'end-competition', disabled: running,
        title: running ? t('console.endBlocked') : undefined, text: t('console.endCompetition'),
        onclick: async () => {
          try {
            await cohortApi.endCompetition(this.key, this.code, competition.id);
            announce(t('console.announceEnded', { name: competition.name }));
          } catch (error) {
            showError(error);
          }
          await this.refresh();
          this.redraw();
        },
      });
    return h('section', { class: 'card competition', 'data-testid': 'competition', 'data-competition-id': competition.id, 'aria-label': competition.name },
      h('div', { class: 'board-head' },
        h('h3', { class: 'competition-title', text: competition.name }),
        h('div', { class: 'actions csv-actions' },
          this.csvButton(competition, 'standings', t('console.standingsCsv')),
          this.csvButton(competition, 'rounds', t('console.roundsCsv')),
          end)),
      h('ol', { class: 'round-list console-rounds', 'aria-label': t('console.roundsOf', { name: competition.name }) },
        rounds.map((round) => this.roundItem(competition, round, { next: round === next, names }))),
      h('h4', { text: t('common.standings') }),
      standingsTable(competition, { details: true }));
  }

  roundItem(competition, round, { next, names }) {
    const busyKey = `${competition.id}:${round.index}`;
    const busy = this.busy.has(busyKey);
    const label = roundLabel(round, this.titles);
    const controls = [];
    if (next) {
      controls.push(h('button', {
        type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'start-round', 'data-focus-key': `start-${busyKey}`,
        'aria-label': t('console.startRoundN', { n: round.index + 1 }), disabled: busy, text: t('console.startRound'),
        onclick: () => this.roundAction(competition, round, 'start'),
      }));
    }
    if (round.state === 'running') {
      if (this.confirmAbort === busyKey) {
        controls.push(
          h('span', { class: 'abort-question', role: 'status', text: t('console.abortQuestion') }),
          h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'confirm-abort', 'data-focus-key': `confirm-${busyKey}`, disabled: busy, text: t('console.confirmAbort'),
            onclick: () => this.roundAction(competition, round, 'abort') }),
          h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'cancel-abort', text: t('console.keepRacing'),
            onclick: () => { this.confirmAbort = null; this.redraw(); } }));
      } else {
        controls.push(h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'abort-round', 'data-focus-key': `confirm-${busyKey}`,
          'aria-label': t('console.abortRoundN', { n: round.index + 1 }), text: t('console.abort'),
          onclick: () => { this.confirmAbort = busyKey; this.redraw(); },
        }));
      }
    }
    const heats = round.state === 'running' && round.heats?.length
      ? h('ol', { class: 'heat-list', 'data-testid': 'heats', 'aria-label': t('console.heatsOf', { n: round.index + 1 }) },
        round.heats.map((heat, i) => h('li', { class: 'heat', 'data-testid': 'heat', 'data-room-code': heat.roomCode, 'data-finished': String(!!heat.finished) },
          h('span', { class: 'heat-title', text: t('console.heat', { n: i + 1 }) }),
          ...tParts('console.room', { code: h('span', { class: 'room-code inline', 'data-testid': 'heat-room', text: heat.roomCode }) }), ' · ',
          h('span', { 'data-testid': 'heat-names', text: (heat.playerIds ?? []).map((id) => names.get(id) ?? personName(id, '')).join(', ') }),
          heat.finished ? h('span', { class: 'flag', text: t('console.finished') }) : null)))
      : null;
    return h('li', { class: 'round', 'data-testid': 'round', 'data-index': String(round.index), 'data-state': round.state },
      h('div', { class: 'round-line' },
        h('span', { class: 'round-label', text: label }),
        stateBadge(round.state),
        controls.length ? h('span', { class: 'round-controls' }, controls) : null),
      heats,
      round.results?.length ? resultsTable(round, { flagRules: this.flagRules }) : null);
  }

  async roundAction(competition, round, action) {
    const busyKey = `${competition.id}:${round.index}`;
    if (this.busy.has(busyKey)) return;
    this.busy.add(busyKey);
    this.redraw();
    try {
      const call = action === 'start' ? cohortApi.startRound : cohortApi.abortRound;
      await call(this.key, this.code, competition.id, round.index);
      announce(t(action === 'start' ? 'console.announceStarted' : 'console.announceAborted', { n: round.index + 1 }));
    } catch (error) {
      showError(error);
    } finally {
      this.busy.delete(busyKey);
      if (action === 'abort') this.confirmAbort = null;
      await this.refresh();
      this.redraw();
    }
  }

  /**
   * A co-instructor can make a new key with their own player, which locks out
   * every device holding the old one: worth a second click, as an abort is.
   */
  confirmInstructorControls(member, name) {
    return h('span', { class: 'member-confirm', role: 'group', 'aria-label': t('console.makeInstructorName', { name }) },
      h('span', { class: 'member-question', text: t('console.makeInstructorQuestion') }),
      h('button', {
        type: 'button', class: 'btn btn-small btn-primary', 'data-testid': 'confirm-co-instructor', 'data-focus-key': `confirm-instructor-${member.playerId}`,
        disabled: this.promoting.has(member.playerId), text: t('console.confirmMakeInstructor'), onclick: () => this.makeInstructor(member),
      }),
      h('button', {
        type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'cancel-co-instructor', text: t('console.cancel'),
        onclick: () => { this.confirmInstructor = null; this.redrawMembers(); this.focusMember(`instructor-${member.playerId}`); },
      }));
  }

  makeInstructorButton(member, name) {
    return h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': 'make-co-instructor', 'data-focus-key': `instructor-${member.playerId}`,
      'aria-label': t('console.makeInstructorName', { name }), text: t('console.makeInstructor'),
      onclick: () => { this.confirmInstructor = member.playerId; this.redrawMembers(); this.focusMember(`confirm-instructor-${member.playerId}`); },
    });
  }

  focusMember(focusKey) {
    this.layout?.members.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  async makeInstructor(member) {
    if (this.promoting.has(member.playerId)) return;
    this.promoting.add(member.playerId);
    this.redrawMembers();
    try {
      await cohortApi.addInstructor(this.key, this.code, member.playerId);
      announce(t('console.announceInstructor', { name: personName(member.playerId, member.name) }));
    } catch (error) {
      showError(error);
    } finally {
      this.promoting.delete(member.playerId);
      this.confirmInstructor = null;
      await this.refresh();
      this.redrawMembers();
    }
  }

  async removeMember(member, button) {
    button.disabled = true;
    try {
      await cohortApi.removeMember(this.key, this.code, member.playerId);
      announce(t('console.announceRemoved', { name: personName(member.playerId, member.name) }));
      await this.refresh();
    } catch (error) {
      showError(error);
      button.disabled = false;
    }
  }

  renderMarathon(marathon, { started }) {
    if (!marathon) {
      return h('p', { class: 'muted', 'data-testid': 'no-marathon',
        text: t('console.noMarathon') });
    }
    const steps = marathon.steps ?? [];
    const progress = [...(marathon.progress ?? [])]
      .sort((a, b) => String(a.name).localeCompare(String(b.name)) || String(a.playerId).localeCompare(String(b.playerId)));
    const begun = progress.filter((p) => (p.done ?? 0) > 0).length;
    const guide = this.titles.get(marathon.guideId) ?? marathon.guideId;
    const csv = h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': 'download-marathon', 'data-focus-key': 'csv-marathon', text: t('console.marathonCsv'),
      onclick: (e) => this.download(e.currentTarget, () => cohortApi.marathonCsv(this.key, this.code), `${this.code}-marathon.csv`),
    });
    const replace = started || this.replacingMarathon ? null : h('button', {
      type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'replace-marathon', 'data-focus-key': 'replace-marathon', text: t('console.chooseAnotherGuide'),
      onclick: () => { this.replacingMarathon = true; this.redrawMarathon(); this.marathonForm.focus(); },
    });
    return h('div', { class: 'marathon-open', 'data-testid': 'marathon-open', 'data-guide-id': marathon.guideId, 'data-length': marathon.length },
      h('div', { class: 'board-head' },
        h('p', { class: 'marathon-facts' },
          h('strong', { 'data-testid': 'marathon-guide-title', text: guide }), ` · ${lengthLabel(marathon.length).toLowerCase()} · `,
          h('span', { 'data-testid': 'marathon-step-count', 'data-steps': String(steps.length), text: tn('console.stepCount', steps.length) }), ' · ',
          h('span', { 'data-testid': 'marathon-begun', text: tn('console.begun', progress.length, { begun }) })),
        h('div', { class: 'actions csv-actions' }, replace, csv)),
      progress.length ? this.heatmap(steps, progress, marathon.median) : h('p', { class: 'muted', 'data-testid': 'heatmap-empty', text: t('console.heatmapEmpty') }),
      progress.length ? this.paragraphHeatmap(steps, progress) : null,
      heatLegend());
  }

  /** Steps across, students down, each cell the accuracy of that student's first finished race of that step. */
  heatmap(steps, progress, median) {
    const header = h('tr', {},
      h('th', { scope: 'col', class: 'heatmap-name', text: t('console.student') }),
      h('th', { scope: 'col', class: 'num heatmap-done', text: t('console.done') }),
      steps.map((step) => h('th', { scope: 'col', class: 'heat-step', 'data-testid': 'heatmap-step', 'data-step': String(step.index), abbr: stepName(step), title: stepDescription(step) },
        stepName(step),
        h('span', { class: 'heat-step-range', 'aria-hidden': 'true', text: stepRange(step) }),
        h('span', { class: 'visually-hidden', text: `, ${stepParagraphs(step)}` }))));
    const rows = progress.map((p) => {
      const results = byStep(p.results);
      const done = Math.min(p.done ?? results.size, steps.length);
      const name = personName(p.playerId, p.name);
      return h('tr', { 'data-testid': 'heatmap-row', 'data-player-id': p.playerId, 'data-done': String(done) },
        h('th', { scope: 'row', class: 'heatmap-name' }, nameWithTag(p.playerId, p.name)),
        h('td', { class: 'num heatmap-done', 'data-testid': 'heatmap-progress', text: `${done} / ${steps.length}` }),
        steps.map((step) => {
          const result = results.get(step.index);
          return accuracyCell(result, { step: step.index, title: result ? `${name}, ${stepName(step)}: ${resultDetails(result)}` : null });
        }));
    });
    const medians = byStep(median);
    const medianRow = h('tr', { 'data-testid': 'heatmap-median' },
      h('th', { scope: 'row', class: 'heatmap-name', text: t('console.median') }),
      h('td', { class: 'heatmap-done' }),
      steps.map((step) => {
        const m = medians.get(step.index);
        return accuracyCell(m, { testid: 'median-cell', step: step.index, title: m ? t('console.medianTitle', { step: stepName(step), wpm: formatWpm(m.wpm) }) : null });
      }));
    return h('div', { class: 'table-scroll heatmap-scroll', role: 'region', 'aria-labelledby': 'heatmap-caption', tabindex: '0' },
      h('table', { class: 'heatmap', 'data-testid': 'marathon-heatmap' },
        h('caption', { id: 'heatmap-caption', text: t('console.heatmapCaption') }),
        h('thead', {}, header),
        h('tbody', {}, rows),
        h('tfoot', {}, medianRow)));
  }

  /**
   * The same students by paragraph instead of by step, for the paragraphs of the steps typed so far: each cell
   * the accuracy of the keys typed in that paragraph, and in its title the time spent in it (from its split times).
   */
  paragraphHeatmap(steps, progress) {
    const typedSteps = steps.filter((step) => progress.some((p) => (p.results ?? []).some((r) => r.step === step.index)));
    if (!typedSteps.length) return null;
    const columns = typedSteps.flatMap((step) => Array.from({ length: Math.max(1, step.paragraphCount ?? 1) }, (_, i) => ({ step, paragraph: step.firstParagraphIndex + i })));
    const header = h('tr', {},
      h('th', { scope: 'col', class: 'heatmap-name', text: t('console.student') }),
      columns.map(({ step, paragraph }) => h('th', {
        scope: 'col', class: 'heat-step', 'data-testid': 'heatmap-paragraph', 'data-paragraph': String(paragraph), title: `${stepName(step)}, ${t('lookup.paragraph', { n: paragraph + 1 })}`,
      }, `¶ ${paragraph + 1}`)));
    const rows = progress.map((p) => {
      const results = byStep(p.results);
      const name = personName(p.playerId, p.name);
      return h('tr', { 'data-testid': 'paragraph-row', 'data-player-id': p.playerId },
        h('th', { scope: 'row', class: 'heatmap-name' }, nameWithTag(p.playerId, p.name)),
        columns.map(({ step, paragraph }) => {
          const splits = results.get(step.index)?.paragraphs ?? [];
          const at = splits.findIndex((x) => x.paragraphIndex === paragraph);
          const split = splits[at];
          // The time in a paragraph is its split less the one before it; the first runs from the step's start.
          const spent = split?.splitMs == null ? null : split.splitMs - (at > 0 ? splits[at - 1].splitMs ?? 0 : 0);
          const cell = accuracyCell(split?.accuracy == null ? null : split, {
            testid: 'paragraph-cell',
            title: `${name}, ${t('lookup.paragraph', { n: paragraph + 1 })}: ${spent == null ? t('console.notFinished') : t('console.spent', { time: formatDuration(spent) })}`,
          });
          cell.dataset.paragraph = String(paragraph);
          if (spent != null) cell.dataset.spentMs = String(spent);
          return cell;
        }));
    });
    return h('div', { class: 'table-scroll heatmap-scroll', role: 'region', 'aria-labelledby': 'paragraph-heatmap-caption', tabindex: '0' },
      h('table', { class: 'heatmap', 'data-testid': 'paragraph-heatmap' },
        h('caption', { id: 'paragraph-heatmap-caption', text: t('console.paragraphHeatmapCaption') }),
        h('thead', {}, header),
        h('tbody', {}, rows)));
  }

  redrawMarathon() {
    this.drawn.marathon = '';
    if (this.cohort) this.show(this.cohort);
  }

  cancelReplace() {
    this.replacingMarathon = false;
    this.redrawMarathon();
    this.layout?.marathon.querySelector('[data-focus-key=replace-marathon]')?.focus();
  }

  async openMarathon({ guideId, length }) {
    try {
      const marathon = await cohortApi.openMarathon(this.key, this.code, { guideId, length });
      this.replacingMarathon = false;
      const count = marathon?.steps?.length;
      this.marathonForm.say(count ? tn('console.marathonOpenSteps', count) : t('console.marathonOpen'));
      announce(t('console.announceMarathon', { guide: this.titles.get(guideId) ?? guideId }));
      await this.refresh();
    } catch (error) {
      this.marathonForm.say(error.code === MARATHON_STARTED
        ? t('console.marathonStarted')
        : errorMessage(error));
      // The banner too: a refusal of a replacement hides the form, and its status line with it.
      showError(error);
      await this.refresh();
    }
  }

  async download(button, fetchCsv, fallbackName) {
    button.disabled = true;
    try {
      const { blob, fileName } = await fetchCsv();
      saveBlob(blob, fileName ?? fallbackName);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  }

  csvButton(competition, which, text) {
    return h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': `download-${which}`, 'data-focus-key': `csv-${which}-${competition.id}`, text,
      onclick: (e) => this.download(e.currentTarget, () => cohortApi.csv(this.key, this.code, competition.id, which),
        `${this.code}-${slug(competition.name)}-${which}.csv`),
    });
  }
}
