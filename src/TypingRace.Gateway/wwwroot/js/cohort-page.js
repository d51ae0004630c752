// The cohort pages a player sees: "/c" creates a cohort and hands over its
// join link and instructor key, "/c/{CODE}" is a student's view of the
// cohort's competitions, which sends them to their heat when a round starts,
// and of their marathon steps. The tables here are shared with the instructor
// console.

import { h, setText, announce } from './dom.js';
import { state } from './state.js';
import { showError, hideError } from './banner.js';
import { copyText } from './clipboard.js';
import { displayName, tagOf, lengthLabel, ordinal, formatWpm, formatAccuracy, formatDuration, formatPercent } from './format.js';
import { currentToken, hasIdentity, saveName, recoverFromUnauthorized } from './identity.js';
import { navigate, roomPath, cohortPath, cohortConsolePath, normalizeCode } from './router.js';
import { checkName } from './home.js';
import { guideList, guideDetail } from './guide-lookup.js';
import { cohortApi, saveInstructorKey, isCohortCode } from './cohort-api.js';
import { replaceKeepingFocus } from './members.js';
import { flagNote } from './fair-play.js';
import { ghostRaceButton } from './ghost-race.js';
import { t, tn, tParts, errorMessage } from './i18n.js';
import { COHORT_NOT_FOUND, MARATHON_DONE, NOT_A_MEMBER, NO_MARATHON } from './error-codes.js';

const POLL_MS = 2_000;
// docs/cohorts.md: the server counts a student offline after 45 s of silence.
const PRESENCE_MS = 15_000;
const MAX_COHORT_NAME = 60;

// ---------------------------------------------------------------- shared parts

export function personName(playerId, name) {
  return displayName(name || t('common.unnamed'), tagOf(playerId));
}

/** A name for a table cell: on a narrow screen the tag may go to the next line rather than push the table wider. */
export function nameWithTag(playerId, name) {
  return [name || t('common.unnamed'), h('wbr'), h('span', { class: 'tag', text: `#${tagOf(playerId)}` })];
}

export function cohortLink(code) {
  return `${location.origin}${cohortPath(code)}`;
}

// A round's states, by the keys of their words.
const STATE_TEXT = { pending: 'cohort.state.pending', running: 'cohort.state.running', done: 'cohort.state.done', aborted: 'cohort.state.aborted' };

export function stateBadge(roundState) {
  return h('span', { class: `round-state round-state-${roundState}`, 'data-testid': 'round-state', 'data-state': roundState, text: STATE_TEXT[roundState] ? t(STATE_TEXT[roundState]) : roundState });
}

/**
 * Guide titles by id, for round labels; ids stand in when a guide cannot be loaded. An imported guide the
 * cohort uses is in nobody's list but its owner's, so it is read by its id, which anyone may.
 */
export async function guideTitles(cohort) {
  const titles = new Map([...(cohort?.guides ?? []), ...(await guideList())].map((g) => [g.id, g.title]));
  const used = new Set([...(cohort?.competitions ?? []).flatMap((c) => c.rounds.map((r) => r.guideId)), cohort?.marathon?.guideId]);
  await Promise.all([...used].filter((id) => id && !titles.has(id)).map(async (id) => {
    const detail = await guideDetail(id);
    if (detail) titles.set(id, detail.title);
  }));
  return titles;
}

export function roundLabel(round, titles) {
  const guide = titles?.get(round.guideId) ?? round.guideId;
  return t('cohort.roundLabel', { n: round.index + 1, guide, paragraph: round.paragraphIndex + 1, length: lengthLabel(round.length).toLowerCase() });
}

function table({ caption, columns, rows, testid }) {
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'cohort-table', 'data-testid': testid },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, columns.map(([label, cls]) => h('th', { scope: 'col', class: cls, text: label })))),
      h('tbody', {}, rows)));
}

/** A competition's standings; the viewer's own row is marked when they are a student. */
export function standingsTable(competition, { youId, details = false } = {}) {
  const standings = competition.standings ?? [];
  if (!standings.length) return h('p', { class: 'muted', 'data-testid': 'standings-empty', text: t('cohort.standingsEmpty') });
  const rows = standings.map((s) => {
    const own = !!youId && s.playerId === youId;
    return h('tr', {
      class: own ? 'own' : null,
      'data-testid': 'standings-row', 'data-player-id': s.playerId, 'data-place': String(s.place), 'data-points': String(s.points), 'data-own': String(own),
      'aria-current': own ? 'true' : null,
    },
    h('td', { class: 'place', text: ordinal(s.place) }),
    h('td', {}, nameWithTag(s.playerId, s.name), own ? h('span', { class: 'you-mark', text: t('common.you') }) : null),
    h('td', { class: 'num', 'data-testid': 'standings-points', text: String(s.points) }),
    details ? h('td', { class: 'num', text: formatWpm(s.wpm) }) : null,
    details ? h('td', { class: 'num', text: formatAccuracy(s.accuracy) }) : null);
  });
  const columns = [[t('common.place')], [t('common.name')], [t('cohort.points'), 'num']];
  if (details) columns.push([t('cohort.totalWpm'), 'num'], [t('cohort.meanAccuracy'), 'num']);
  return table({ caption: t('cohort.standingsOf', { name: competition.name }), columns, rows, testid: 'standings' });
}

/** One round's placings over all its heats. */
/** A round's results; with `flagRules` (fair-play.js), each result's flags with their reasons, for the instructor. */
export function resultsTable(round, { youId, flagRules } = {}) {
  const rows = (round.results ?? []).map((r) => {
    const own = !!youId && r.playerId === youId;
    return h('tr', {
      class: [own ? 'own' : '', r.finished ? '' : 'dnf'].join(' ').trim() || null,
      'data-testid': 'round-result-row', 'data-player-id': r.playerId, 'data-place': String(r.place), 'data-points': String(r.points),
    },
    h('td', { class: 'place', text: ordinal(r.place) }),
    h('td', {}, nameWithTag(r.playerId, r.name), own ? h('span', { class: 'you-mark', text: t('common.you') }) : null,
      r.finished ? null : h('span', { class: 'flag', text: t('common.didNotFinish') })),
    h('td', { class: 'num', text: String((r.heat ?? 0) + 1) }),
    h('td', { class: 'num', 'data-testid': 'round-result-points', text: String(r.points) }),
    h('td', { class: 'num', text: formatWpm(r.wpm) }),
    h('td', { class: 'num', text: formatAccuracy(r.accuracy) }),
    flagRules ? h('td', { class: 'notes', 'data-testid': 'round-result-flags' }, (r.flags ?? []).map((flag) => flagNote(flag, flagRules))) : null);
  });
  return table({
    caption: t('cohort.resultsOfRound', { n: round.index + 1 }),
    columns: [[t('common.place')], [t('common.name')], [t('cohort.heat'), 'num'], [t('cohort.points'), 'num'], [t('common.wpm'), 'num'], [t('common.accuracy'), 'num'],
      ...(flagRules ? [[t('cohort.flags')]] : [])],
    rows,
    testid: 'round-results',
  });
}

// ---------------------------------------------------------------- marathon parts

/** "Step 3": the JSON counts steps from 0, people from 1. */
export function stepName(step) {
  return t('cohort.step', { n: (step.index ?? step.step ?? 0) + 1 });
}

/** "paragraphs 3–5", or "paragraph 3", numbered as a reader of the guide counts them. */
export function stepParagraphs(step) {
  const first = (step.firstParagraphIndex ?? 0) + 1;
  const count = Math.max(1, step.paragraphCount ?? 1);
  return count === 1 ? t('lookup.paragraph', { n: first }) : t('cohort.paragraphRange', { first, last: first + count - 1 });
}

export function stepDescription(step) {
  return [stepParagraphs(step), step.section].filter(Boolean).join(' · ');
}

/** Entries that carry a `step` index (results, medians) by that index. */
export function byStep(entries) {
  return new Map((entries ?? []).map((entry) => [entry.step, entry]));
}

// Typed accuracy mostly lies between 85 % and 100 %: spread over 0–100 % every
// cell would be the same green, so the colours span 80–100 % and all below is red.
const HEAT_FLOOR = 0.8;

/** The hue of an accuracy: red (0) up to amber (40) over the lower half of the span, amber to green (130) over the upper. */
export function accuracyHue(accuracy) {
  const t = Math.min(1, Math.max(0, (Number(accuracy) - HEAT_FLOOR) / (1 - HEAT_FLOOR)));
  return Math.round(t < 0.5 ? t * 80 : 40 + (t - 0.5) * 180);
}

/**
 * A table cell with an accuracy in it, its background on the heatmap's scale;
 * the number is always written, so the colour only repeats it. Empty when
 * there is no result.
 */
export function accuracyCell(result, { testid = 'heat-cell', step, title } = {}) {
  const typed = !!result && Number.isFinite(Number(result.accuracy));
  const cell = h('td', {
    class: `heat-cell${typed ? ' typed' : ''}`, 'data-testid': testid, 'data-step': step === undefined ? null : String(step),
    'data-typed': String(typed), 'data-accuracy': typed ? String(result.accuracy) : null,
    title: typed ? title : null, text: typed ? formatAccuracy(result.accuracy) : '',
  });
  if (typed) cell.style.setProperty('--heat-hue', String(accuracyHue(result.accuracy)));
  return cell;
}

/** What the colours mean, in words as well. */
export function heatLegend() {
  const swatch = (accuracy, text) => h('li', {},
    h('span', { class: 'heat-swatch', 'aria-hidden': 'true', style: { backgroundColor: `hsl(${accuracyHue(accuracy)} 70% 85%)` } }), text);
  return h('ul', { class: 'heat-legend', 'aria-label': t('cohort.legendLabel') },
    swatch(HEAT_FLOOR, t('cohort.orLess', { percent: formatPercent(HEAT_FLOOR * 100) })), swatch(0.9, formatPercent(90)), swatch(1, formatPercent(100)));
}

/** "71 WPM · 0:21.5", for a cell's tooltip. */
export function resultDetails(result) {
  return [t('common.wpmValue', { wpm: formatWpm(result.wpm) }), result.timeMs ? formatDuration(result.timeMs) : null].filter(Boolean).join(' · ');
}

/** Copies a value shown in a read-only box, with a status line that says whether it worked. */
export function copyField({ id, label, value, testid, buttonText, buttonTestid }) {
  const input = h('input', { id, type: 'text', class: 'share-link', readonly: true, value, 'data-testid': testid, onfocus: (e) => e.target.select() });
  const status = h('span', { class: 'copy-status', role: 'status' });
  let timer = 0;
  const button = h('button', {
    type: 'button', class: 'btn btn-small', 'data-testid': buttonTestid, text: buttonText,
    onclick: async () => {
      const copied = await copyText(input.value);
      setText(status, t(copied ? 'cohort.copied' : 'cohort.selectAndCopy'));
      if (!copied) { input.focus(); input.select(); }
      clearTimeout(timer);
      timer = setTimeout(() => setText(status, ''), 3000);
    },
  });
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    h('div', { class: 'share' }, input, button, status));
}

/** A poll loop that never overlaps itself and stops for good once stopped. */
export class Poller {
  constructor(run, intervalMs) {
    this.run = run;
    this.intervalMs = intervalMs;
    this.timer = 0;
    this.stopped = true;
  }

  start({ now = true } = {}) {
    this.stopped = false;
    clearTimeout(this.timer);
    if (now) this.tick();
    else this.schedule();
  }

  async tick() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    try {
      await this.run();
    } finally {
      this.schedule();
    }
  }

  schedule() {
    clearTimeout(this.timer);
    if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.intervalMs);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

/** Calls with the player's token, and once more with a fresh player when the server has forgotten the token. */
async function withPlayer(call) {
  try {
    return await call(currentToken());
  } catch (error) {
    if (error.status !== 401) throw error;
    const me = await recoverFromUnauthorized();
    if (!me) throw error;
    return call(currentToken());
  }
}

function nameFields(prefix) {
  const input = h('input', {
    id: `${prefix}-name`, 'data-testid': 'name-input', type: 'text', autocomplete: 'nickname', required: true,
    'aria-describedby': `${prefix}-name-help`, value: state.player?.name ?? '',
  });
  const help = h('p', { id: `${prefix}-name-help`, class: 'field-help', 'data-testid': 'name-help' });
  const field = h('div', { class: 'field' }, h('label', { for: input.id, text: t('cohort.yourName') }), input, help);
  return {
    field, input, help,
    /** Registers (or renames) from the box; false with the reason shown when the name will not do. */
    async save() {
      const checked = checkName(input.value);
      input.setAttribute('aria-invalid', String(!!checked.error));
      setText(help, checked.error ?? '');
      if (checked.error) { input.focus(); return false; }
      await saveName(checked.name);
      return true;
    },
  };
}

// ---------------------------------------------------------------- /c

export class CohortCreateScreen {
  constructor() {
    this.name = nameFields('cohort-owner');
    this.name.field.hidden = hasIdentity();

    this.cohortName = h('input', {
      id: 'cohort-name', 'data-testid': 'cohort-name-input', type: 'text', required: true, maxlength: String(MAX_COHORT_NAME),
      autocomplete: 'off', placeholder: t('cohort.namePlaceholder'), 'aria-describedby': 'cohort-name-help',
    });
    this.cohortHelp = h('p', { id: 'cohort-name-help', class: 'field-help' });
    this.createButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'create-cohort', text: t('cohort.create') });
    this.form = h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); this.create(); } },
      h('h2', { text: t('cohort.createTitle') }),
      h('p', { class: 'muted', text: t('cohort.createIntro') }),
      this.name.field,
      h('div', { class: 'field' }, h('label', { for: 'cohort-name', text: t('cohort.nameLabel') }), this.cohortName, this.cohortHelp),
      h('div', { class: 'actions' }, this.createButton));

    this.created = h('div', { class: 'card cohort-created', 'data-testid': 'cohort-created', hidden: true, tabindex: '-1', 'aria-labelledby': 'cohort-created-title' });

    this.codeInput = h('input', {
      id: 'cohort-join-code', 'data-testid': 'cohort-code-input', type: 'text', autocomplete: 'off', autocapitalize: 'characters',
      spellcheck: 'false', maxlength: '16', placeholder: 'Q7WX3M', 'aria-describedby': 'cohort-join-help',
    });
    this.joinHelp = h('p', { id: 'cohort-join-help', class: 'field-help' });
    const joinForm = h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); this.open(); } },
      h('h2', { text: t('cohort.joinTitle') }),
      h('label', { for: 'cohort-join-code', text: t('cohort.codeLabel') }),
      h('div', { class: 'inline-field' }, this.codeInput,
        h('button', { type: 'submit', class: 'btn', 'data-testid': 'open-cohort', text: t('cohort.open') })),
      this.joinHelp);

    this.el = h('section', { class: 'screen cohort-new-screen', 'data-testid': 'cohort-new', 'aria-labelledby': 'cohort-new-title' },
      h('div', { class: 'page-head' },
        h('h1', { id: 'cohort-new-title', text: t('nav.cohorts') }),
        h('p', { class: 'muted', text: t('cohort.newIntro') })),
      this.created,
      h('div', { class: 'home-grid' }, this.form, joinForm));
  }

  mount(container) {
    container.appendChild(this.el);
    (hasIdentity() ? this.cohortName : this.name.input).focus();
  }

  /** The new cohort's instructor key, shown only this once. */
  holdsUnsaved() {
    return !this.created.hidden;
  }

  destroy() {
    this.el.remove();
  }

  async create() {
    const name = this.cohortName.value.trim();
    const problem = !name ? t('cohort.enterName') : Array.from(name).length > MAX_COHORT_NAME ? t('cohort.nameTooLong', { max: MAX_COHORT_NAME }) : '';
    this.cohortName.setAttribute('aria-invalid', String(!!problem));
    setText(this.cohortHelp, problem);
    if (problem) { this.cohortName.focus(); return; }

    this.createButton.disabled = true;
    try {
      if (!hasIdentity() && !(await this.name.save())) return;
      const cohort = await withPlayer((token) => cohortApi.create(token, name));
      saveInstructorKey(cohort.code, cohort.instructorKey);
      this.showCreated(cohort);
    } catch (error) {
      showError(error);
    } finally {
      this.createButton.disabled = false;
    }
  }

  showCreated(cohort) {
    const link = cohort.link ? new URL(cohort.link, location.origin).href : cohortLink(cohort.code);
    this.created.replaceChildren(
      h('h2', { id: 'cohort-created-title' }, tParts('cohort.ready', { name: h('span', { 'data-testid': 'created-cohort-name', text: cohort.name }) })),
      h('p', {}, tParts('cohort.codeIs', { code: h('span', { class: 'room-code inline', 'data-testid': 'created-cohort-code', text: cohort.code }) })),
      copyField({ id: 'cohort-link', label: t('cohort.studentLink'), value: link, testid: 'cohort-link', buttonText: t('common.copyLink'), buttonTestid: 'copy-cohort-link' }),
      copyField({ id: 'cohort-key', label: t('cohort.instructorKey'), value: cohort.instructorKey, testid: 'instructor-key', buttonText: t('cohort.copyKey'), buttonTestid: 'copy-instructor-key' }),
      h('p', { class: 'key-note', 'data-testid': 'instructor-key-note' },
        h('strong', { text: t('cohort.copyKeyNow') }),
        t('cohort.keyNote')),
      h('div', { class: 'actions' },
        h('a', { class: 'btn btn-primary', href: cohortConsolePath(cohort.code), 'data-link': true, 'data-testid': 'open-console', text: t('cohort.openConsole') })));
    this.created.hidden = false;
    this.form.hidden = true;
    this.created.focus();
    announce(t('cohort.announceCreated', { name: cohort.name }));
  }

  open() {
    const code = normalizeCode(this.codeInput.value).replace(/[\s-]/g, '');
    if (!isCohortCode(code)) {
      setText(this.joinHelp, t('cohort.badCodeHelp'));
      this.codeInput.setAttribute('aria-invalid', 'true');
      this.codeInput.focus();
      return;
    }
    navigate(cohortPath(code));
  }
}

// ---------------------------------------------------------------- /c/{CODE}

// Heat rooms this tab has already been sent to: coming back to the cohort page
// while the round still runs must not bounce the student into a finished heat.
const FOLLOWED_KEY = 'typingrace.cohortHeatsFollowed';

function followedHeats() {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(FOLLOWED_KEY) ?? '[]'));
  } catch {
    return new Set();
  }
}

function rememberFollowed(roomCode) {
  const heats = followedHeats();
  heats.add(roomCode);
  try {
    sessionStorage.setItem(FOLLOWED_KEY, JSON.stringify([...heats].slice(-50)));
  } catch {
    // Without storage the page may follow the same heat twice; harmless.
  }
}

export class CohortScreen {
  constructor({ code }) {
    this.code = code;
    this.cohort = null;
    this.titles = null;
    this.lastJson = '';
    this.destroyed = false;
    this.poller = new Poller(() => this.refresh(), POLL_MS);
    this.presenceTimer = 0;
    this.marathonNote = '';
    this.stepBusy = false;

    this.body = h('div', {}, h('p', { class: 'loading', text: t('common.loading') }));
    this.el = h('section', { class: 'screen cohort-screen', 'data-testid': 'cohort-page', 'data-state': 'loading', 'aria-labelledby': 'cohort-title' }, this.body);
  }

  mount(container) {
    container.appendChild(this.el);
    if (!isCohortCode(this.code)) {
      this.message(t('cohort.badCodeTitle'), t('cohort.badCode', { code: this.code }), 'cohort-bad-code');
      return;
    }
    if (hasIdentity()) this.join();
    else this.askName();
  }

  destroy() {
    this.destroyed = true;
    this.poller.stop();
    clearInterval(this.presenceTimer);
    this.el.remove();
  }

  setState(value) {
    this.el.dataset.state = value;
  }

  askName() {
    this.setState('name');
    const name = nameFields('cohort-student');
    const save = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'save-name', text: t('cohort.join') });
    const form = h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        save.disabled = true;
        try {
          if (await name.save()) this.join();
        } catch (error) {
          setText(name.help, errorMessage(error));
          showError(error);
        } finally {
          save.disabled = false;
        }
      },
    }, name.field, h('div', { class: 'actions' }, save));
    this.body.replaceChildren(h('div', { class: 'card narrow' },
      h('h1', { id: 'cohort-title' }, tParts('cohort.joinHeading', { code: h('span', { class: 'room-code inline', text: this.code }) })),
      h('p', { class: 'muted', text: t('cohort.chooseName') }),
      form));
    name.input.focus();
  }

  async join() {
    this.setState('joining');
    this.view = null;
    this.lastJson = '';
    this.body.replaceChildren(h('p', { class: 'loading', text: t('cohort.joining', { code: this.code }) }));
    let cohort;
    try {
      cohort = await withPlayer((token) => cohortApi.join(token, this.code));
    } catch (error) {
      if (!this.destroyed) this.failed(error);
      return;
    }
    if (this.destroyed) return;
    this.titles = await guideTitles(cohort);
    if (this.destroyed) return;
    this.show(cohort);
    this.beat();
    clearInterval(this.presenceTimer);
    this.presenceTimer = setInterval(() => this.beat(), PRESENCE_MS);
    this.poller.start({ now: false });
  }

  async beat() {
    try {
      await cohortApi.presence(currentToken(), this.code);
    } catch (error) {
      // A missed beat heals itself 15 s later; a removal is noticed by the poll.
      if (error.status !== 0 && error.code !== NOT_A_MEMBER) showError(error);
    }
  }

  async refresh() {
    let cohort;
    try {
      cohort = await cohortApi.getAsStudent(currentToken(), this.code);
    } catch (error) {
      if (this.destroyed) return;
      if (error.code === NOT_A_MEMBER || error.code === COHORT_NOT_FOUND || error.status === 401) {
        this.failed(error);
        return;
      }
      showError(error);
      return;
    }
    if (!this.destroyed) this.show(cohort);
  }

  failed(error) {
    this.poller.stop();
    clearInterval(this.presenceTimer);
    if (error.code === COHORT_NOT_FOUND) {
      this.message(t('cohort.notFoundTitle'), t('cohort.notFound', { code: this.code }), 'cohort-not-found');
    } else if (error.code === NOT_A_MEMBER) {
      this.message(t('cohort.notMemberTitle'), t('cohort.notMember'), 'cohort-not-member', { rejoin: true });
    } else {
      showError(error);
      this.message(t('cohort.errorTitle'), `${errorMessage(error)}${error.code ? ` (${error.code})` : ''}`, 'cohort-error', { rejoin: true });
    }
  }

  message(title, text, testid, { rejoin = false } = {}) {
    this.setState('error');
    this.view = null;
    this.body.replaceChildren(h('div', { class: 'card narrow message-card' },
      h('h1', { id: 'cohort-title', text: title }),
      h('p', { class: 'message', 'data-testid': testid, text }),
      h('div', { class: 'actions' },
        rejoin ? h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'rejoin-cohort', text: t('cohort.joinAgain'), onclick: () => { hideError(); this.join(); } }) : null,
        h('a', { class: 'btn', href: '/', 'data-link': true, text: t('common.backHome') }))));
  }

  show(cohort) {
    this.cohort = cohort;
    const heat = cohort.you?.heatRoomCode;
    if (heat && !followedHeats().has(heat)) {
      rememberFollowed(heat);
      navigate(roomPath(heat));
      return;
    }
    // The poll answers the same cohort most of the time; redrawing it would only lose the reader's place.
    const json = JSON.stringify(cohort);
    if (json === this.lastJson) return;
    this.lastJson = json;
    this.render(cohort);
  }

  render(cohort) {
    const youId = cohort.you?.playerId ?? state.player?.playerId;
    const members = cohort.members ?? [];
    const online = members.filter((m) => m.online).length;
    const heat = cohort.you?.heatRoomCode;
    const fresh = !this.view;
    document.title = `${cohort.name} · TypingRace`;

    const head = h('div', { class: 'page-head cohort-head' },
      h('h1', { id: 'cohort-title', 'data-testid': 'cohort-name', text: cohort.name }),
      h('p', { class: 'muted' },
        tParts('cohort.codeLine', { code: h('span', { class: 'room-code inline', text: cohort.code }) }), ' · ',
        h('span', { 'data-testid': 'online-count', 'data-online': String(online), text: t('cohort.online', { online, total: members.length }) })));

    const heatCard = heat
      ? h('div', { class: 'card return-offer', 'data-testid': 'heat-offer' },
        h('p', {}, tParts('cohort.heatOn', { heat: h('strong', { text: heat }) })),
        h('div', { class: 'actions' },
          h('a', { class: 'btn btn-primary', href: roomPath(heat), 'data-link': true, 'data-testid': 'heat-link', text: t('cohort.goToHeat', { heat }) })))
      : null;

    const competitions = cohort.competitions ?? [];
    const list = competitions.length
      ? competitions.map((c) => this.competitionCard(c, youId))
      : [h('div', { class: 'card empty-state', 'data-testid': 'no-competitions' },
        h('p', { class: 'empty-title', text: t('cohort.noCompetition') }),
        h('p', { class: 'muted', text: t('cohort.noCompetitionStudent') }))];

    const next = h('div', { class: 'cohort-body' }, head, heatCard,
      h('p', { class: 'muted cohort-hint', text: t('cohort.keepOpen') }),
      cohort.marathon ? this.marathonCard(cohort.marathon, youId) : null,
      list);
    if (fresh) {
      this.body.replaceChildren(next);
      this.view = next;
    } else {
      this.view = replaceKeepingFocus(this.view, next);
    }
    this.setState('ready');
  }

  marathonCard(marathon, youId) {
    const steps = marathon.steps ?? [];
    const progress = marathon.progress ?? [];
    const own = progress.find((p) => p.playerId === youId) ?? progress[0];
    const results = byStep(own?.results);
    const medians = byStep(marathon.median);
    const done = Math.min(own?.done ?? results.size, steps.length);
    const finished = steps.length > 0 && done >= steps.length;
    const guide = this.titles?.get(marathon.guideId) ?? marathon.guideId;

    const where = finished
      ? h('p', { class: 'marathon-step', 'data-testid': 'marathon-done', 'data-done': String(done), 'data-steps': String(steps.length) },
        h('strong', { text: tn('cohort.marathonAllTyped', steps.length) }), t('cohort.resultsStay'))
      : h('p', { class: 'marathon-step', 'data-testid': 'marathon-step', 'data-done': String(done), 'data-steps': String(steps.length),
        text: t('cohort.stepOf', { n: done + 1, total: steps.length }) });
    const next = finished ? null : h('button', {
      type: 'button', class: 'btn btn-primary', 'data-testid': 'marathon-next', 'data-focus-key': 'marathon-next', disabled: this.stepBusy,
      text: t(done ? 'cohort.typeNextStep' : 'cohort.typeFirstStep'), onclick: () => this.typeNextStep(),
    });

    const rows = steps.map((step) => {
      const result = results.get(step.index);
      const median = medians.get(step.index);
      return h('tr', { 'data-testid': 'marathon-step-row', 'data-step': String(step.index), 'data-typed': String(!!result), class: step.index === done && !finished ? 'next-step' : null },
        h('th', { scope: 'row' }, stepName(step), h('span', { class: 'step-where', text: stepDescription(step) })),
        h('td', { class: 'num', 'data-testid': 'own-wpm', text: result ? formatWpm(result.wpm) : '' }),
        accuracyCell(result, { testid: 'own-accuracy', step: step.index, title: result ? resultDetails(result) : null }),
        h('td', { class: 'num', 'data-testid': 'median-wpm', text: median ? formatWpm(median.wpm) : '' }),
        accuracyCell(median, { testid: 'median-accuracy', step: step.index }));
    });

    return h('section', { class: 'card marathon', 'data-testid': 'marathon', 'aria-labelledby': 'marathon-title' },
      h('h2', { id: 'marathon-title' }, tParts('cohort.marathonHeading', { guide: h('span', { class: 'muted marathon-guide', text: `${guide} · ${lengthLabel(marathon.length).toLowerCase()}` }) })),
      h('p', { class: 'muted', text: t('cohort.marathonIntro') }),
      h('div', { class: 'marathon-where' }, where,
        h('progress', { max: String(Math.max(1, steps.length)), value: String(done), 'aria-label': t('cohort.stepsTyped', { done, total: steps.length }) }),
        next),
      this.marathonNote ? h('p', { class: 'field-help', role: 'status', 'data-testid': 'marathon-note', text: this.marathonNote }) : null,
      h('div', { class: 'table-scroll marathon-steps-scroll', role: 'region', 'aria-labelledby': 'marathon-steps-caption', tabindex: '0' },
        h('table', { class: 'cohort-table marathon-steps', 'data-testid': 'marathon-steps' },
          h('caption', { id: 'marathon-steps-caption', class: 'visually-hidden', text: t('cohort.stepsCaption') }),
          h('thead', {},
            h('tr', {},
              h('td', { class: 'corner' }),
              h('th', { scope: 'colgroup', colspan: '2', class: 'group', text: t('cohort.you') }),
              h('th', { scope: 'colgroup', colspan: '2', class: 'group', text: t('cohort.classMedian') })),
            h('tr', {},
              h('th', { scope: 'col', text: t('cohort.stepHead') }),
              h('th', { scope: 'col', class: 'num', text: t('common.wpm') }),
              h('th', { scope: 'col', class: 'num', text: t('common.accuracy') }),
              h('th', { scope: 'col', class: 'num', text: t('common.wpm') }),
              h('th', { scope: 'col', class: 'num', text: t('common.accuracy') }))),
          h('tbody', {}, rows))),
      heatLegend());
  }

  /** Asks the server for the room of the first step without a result, and goes there. */
  async typeNextStep() {
    if (this.stepBusy) return;
    this.stepBusy = true;
    this.marathonNote = '';
    this.rerender();
    try {
      const { roomCode } = await cohortApi.nextStep(currentToken(), this.code);
      if (this.destroyed) return;
      // Should the view ever name this room as a heat, coming back here must not bounce the student into it.
      rememberFollowed(roomCode);
      navigate(roomPath(roomCode));
      return;
    } catch (error) {
      if (this.destroyed) return;
      if (error.code === MARATHON_DONE || error.code === NO_MARATHON) {
        this.marathonNote = t(error.code === MARATHON_DONE ? 'cohort.marathonDone' : 'cohort.marathonClosed');
        announce(this.marathonNote);
      } else {
        showError(error);
      }
    } finally {
      this.stepBusy = false;
    }
    this.rerender();
    await this.refresh();
  }

  /** Draws the last view again, for a change that is only on this page. */
  rerender() {
    this.lastJson = '';
    if (this.cohort && this.view) this.show(this.cohort);
  }

  /** A done round's passage against the class's median run of it, in a room of the student's own. */
  raceTheClass(round) {
    const status = h('span', { class: 'field-help', role: 'status', 'data-testid': 'race-class-status' });
    return h('span', { class: 'race-class' },
      ghostRaceButton({
        label: t('cohort.raceClass'), testid: 'race-class', status,
        body: () => ({ kind: 'class', cohort: this.code, guideId: round.guideId, paragraphIndex: round.paragraphIndex, length: round.length }),
      }),
      status);
  }

  competitionCard(competition, youId) {
    const rounds = competition.rounds ?? [];
    return h('section', { class: 'card competition', 'data-testid': 'competition', 'data-competition-id': competition.id, 'aria-label': competition.name },
      h('h2', { text: competition.name }),
      h('ol', { class: 'round-list', 'aria-label': t('cohort.rounds') }, rounds.map((round) => {
        const own = round.results?.find((r) => r.playerId === youId);
        return h('li', { class: 'round', 'data-testid': 'round', 'data-index': String(round.index), 'data-state': round.state },
          h('span', { class: 'round-label', text: roundLabel(round, this.titles) }),
          stateBadge(round.state),
          own ? h('span', { class: 'round-own', 'data-testid': 'round-own-result', text: tn('cohort.ownResult', own.points, { place: ordinal(own.place) }) }) : null,
          round.state === 'done' ? this.raceTheClass(round) : null);
      })),
      h('h3', { text: t('common.standings') }),
      standingsTable(competition, { youId }));
  }
}
