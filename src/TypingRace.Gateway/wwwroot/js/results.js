// The results screen: the final lanes, the placement table, the player's own
// line with its breakdown and every racer's speed through the race, and what
// next (focused, with a hotkey shown).

import { h, setText, announce } from './dom.js';
import { api } from './api.js';
import { state } from './state.js';
import { displayName, formatWpm, formatAccuracy, formatDuration, formatPercent, ordinal, percent, placeLabel } from './format.js';
import { memberList, replaceKeepingFocus } from './members.js';
import { passageSummary, readyButton, showReady } from './lobby.js';
import { standingCard } from './standing.js';
import { breakdownCard, consistencyLabel, raceChart } from './result-details.js';
import { LanesView } from './lanes.js';
import { assignColors, playerLabel } from './players.js';
import { hotkeyHint } from './hotkeys.js';
import { tallyCard } from './tally.js';
import { t } from './i18n.js';
import { replayPath } from './router.js';
import { fairPlayRules, flagNote } from './fair-play.js';
import { bestGhostCard } from './ghost-race.js';

// Flags that say what a racer is rather than what they did, or are only noted: no warning.
const NEUTRAL_FLAGS = new Set(['bot', 'ghost', 'clockMismatch']);

/** Progress of a racer in % of the passage. */
function progressOf(result, total) {
  if (Number.isFinite(result.position) && total) return percent(result.position, total);
  const p = Number(result.progress);
  if (!Number.isFinite(p)) return 0;
  return p <= 1 ? p * 100 : p; // the doc does not say whether `progress` is a fraction or a percentage
}

// The placement table's columns, by the keys of their heads.
const COLUMNS = ['common.place', 'common.racer', 'common.wpm', 'results.raw', 'common.accuracy', 'results.consistency',
  'results.time', 'common.hints', 'results.notes'];

/** "2nd of 4 · 87 WPM · 97.4%" */
export function ownResultLine(result, count, total) {
  const head = t('results.placeOf', { place: ordinal(result.place), count });
  const speed = t('common.wpmValue', { wpm: formatWpm(result.wpm) });
  const accuracy = formatAccuracy(result.accuracy);
  if (result.finished) return `${head} · ${speed} · ${accuracy}`;
  return `${head} · ${t('results.didNotFinish', { progress: formatPercent(progressOf(result, total)) })} · ${speed} · ${accuracy}`;
}

export class ResultsScreen {
  constructor(ctx) {
    this.ctx = ctx;
    this.view = null;
    this.announcedRace = null;
    // The flags' reasons come from the server; the table is drawn again once they are here.
    this.flagRules = new Map();
    fairPlayRules().then((known) => {
      this.flagRules = known;
      if (this.view && !this.destroyed) this.update(this.view);
    });

    this.ownLine = h('p', { class: 'own-result', 'data-testid': 'own-result-line' });
    this.standing = h('div');
    this.guideFinished = h('p', { class: 'guide-finished', 'data-testid': 'guide-finished', text: t('results.guideFinished'), hidden: true });
    this.tbody = h('tbody');
    this.table = h('table', { class: 'results-table' },
      h('caption', { class: 'visually-hidden', text: t('results.placements') }),
      h('thead', {}, h('tr', {},
        COLUMNS.map((label) => h('th', { scope: 'col', text: t(label) })))),
      this.tbody);
    // The race as it ended: every lane at the racer's final position, from the results themselves.
    this.lanes = new LanesView();

    this.next = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'next-passage', onclick: () => this.ctx.call('NextPassage', ctx.code) });
    this.again = h('button', { type: 'button', class: 'btn', 'data-testid': 'race-again', text: t('results.raceAgain'), onclick: () => this.ctx.call('StartRace', ctx.code) });
    this.hostNote = h('p', { class: 'muted', 'data-testid': 'host-chooses', text: t('results.hostChooses') });
    this.ready = readyButton(() => this.toggleReady());
    this.leave = h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'leave-room', text: t('common.leaveRoom'), onclick: () => this.ctx.leave() });
    this.cohort = h('a', { class: 'btn btn-primary', 'data-testid': 'back-to-cohort', 'data-link': true, hidden: true, text: t('results.backToCohort') });

    // Anyone may ask the server to prove these results from the keys it stored (docs/fair-play.md).
    this.proof = h('a', { class: 'proof-link', 'data-testid': 'verify-link', target: '_blank', rel: 'noopener', hidden: true, text: t('results.verify') });
    this.replayLink = h('a', { class: 'btn', 'data-testid': 'replay-link', 'data-link': true, hidden: true, text: t('results.watchReplay') });

    this.hint = hotkeyHint('');
    this.summary = h('div');
    this.members = h('ul');
    this.bestGhost = bestGhostCard(ctx.code);
    this.bestGhost.hidden = true;
    this.el = h('section', { class: 'screen results-screen', 'aria-labelledby': 'results-title' },
      h('div', { class: 'card', 'data-testid': 'results' },
        this.title = h('h2', { id: 'results-title', 'data-testid': 'results-title', tabindex: '-1', text: t('results.title') }),
        this.ownLine,
        this.guideFinished,
        h('div', { class: 'actions' }, this.cohort, this.again, this.ready, this.next, this.replayLink, this.leave),
        this.hint,
        this.hostNote,
        this.lanes.el,
        h('div', { class: 'table-scroll' }, this.table),
        h('p', { class: 'muted proof' }, this.proof),
        this.standing),
      this.tally = h('div', { hidden: true }),
      h('div', { class: 'lobby-grid' },
        h('div', { class: 'card' }, h('h3', { text: t('common.members') }), this.members),
        h('div', { class: 'card' }, h('h3', { text: t('common.passage') }), this.summary)),
      this.bestGhost);
  }

  mount(container) {
    container.appendChild(this.el);
  }

  update(view) {
    this.view = view;
    this.cohort.hidden = !view.cohortCode;
    if (view.cohortCode) this.cohort.setAttribute('href', `/c/${encodeURIComponent(view.cohortCode)}`);
    this.proof.hidden = !view.raceId;
    if (view.raceId) this.proof.setAttribute('href', `/api/races/${encodeURIComponent(view.raceId)}/verify`);
    this.replayLink.hidden = !view.raceId;
    if (view.raceId) this.replayLink.setAttribute('href', replayPath(view.raceId));
    const youId = state.player?.playerId;
    const isHost = view.hostId === youId;
    // In the server's order: ghosts, never placed, stand where they finished.
    const results = view.results ?? [];
    const total = view.passage?.characterCount ?? Array.from(view.passage?.text ?? '').length;

    this.tbody.replaceChildren(...results.map((r) => this.row(r, youId, total)));
    const colors = assignColors(results.map((r) => r.playerId));
    this.lanes.update(results.map((r) => ({
      playerId: r.playerId,
      label: playerLabel(r.playerId),
      isBot: !!r.isBot,
      isGhost: !!r.isGhost,
      position: r.position ?? 0,
      wpm: r.wpm,
      finished: !!r.finished,
      place: r.isGhost ? null : r.place,
      color: colors.get(r.playerId),
      isYou: r.playerId === youId,
    })), total);

    const mine = results.find((r) => r.playerId === youId);
    const line = mine
      ? ownResultLine(mine, results.filter((r) => !r.isGhost).length, total)
      : t('results.watched');
    setText(this.ownLine, line);
    this.standing = replaceKeepingFocus(this.standing, h('div', {},
      mine ? standingCard(mine) : null, mine ? breakdownCard(mine) : null, raceChart(results, youId, colors)));
    if (this.announcedRace !== view.raceNumber) {
      this.announcedRace = view.raceNumber;
      announce(t('results.announce', { line }));
    }

    this.guideFinished.hidden = !view.guideFinished;
    setText(this.next, t(view.guideFinished ? 'results.startOver' : 'results.nextParagraph'));
    this.next.hidden = !isHost;
    this.again.hidden = !isHost;
    this.bestGhost.hidden = !isHost;
    this.hostNote.hidden = isHost;

    // The host starts the next race, so has nobody to tell they are ready.
    const me = view.members?.find((m) => m.playerId === youId);
    showReady(this.ready, !!me?.ready);
    this.ready.hidden = isHost;
    const hint = hotkeyHint(isHost ? t('hotkeys.raceAgain') : t('hotkeys.ready'));
    this.hint.replaceWith(hint);
    this.hint = hint;
    this.members = replaceKeepingFocus(this.members, memberList(view, {
      youId,
      onKick: (member) => this.ctx.call('KickMember', this.ctx.code, member.playerId),
    }));
    this.tally = replaceKeepingFocus(this.tally, tallyCard(view.tally));
    this.renderSummary();
    this.loadGuide(view.guide?.id);
  }

  /** The control Enter should press, and the one the hotkey presses: the next race for the host, Ready for the rest. */
  get primary() {
    return this.view?.hostId === state.player?.playerId ? this.again : this.ready;
  }

  /**
   * Straight from a race, the focus goes to the heading: a racer still typing when the time ran out must not press
   * Race again or Ready with their next key. Tab reaches the buttons, and the hotkey works from anywhere.
   */
  focusPrimary({ fromRace = false } = {}) {
    (fromRace ? this.title : this.primary).focus();
  }

  hotkey() {
    this.primary.click();
  }

  row(result, youId, total) {
    // A bot's line carries the server's "bot" flag, which the flags below show, each with its reason.
    const notes = [
      result.standing?.newPassageBest ? h('span', { class: 'flag', text: t('results.personalBest') }) : null,
      result.wentIdle ? h('span', { class: 'flag', 'data-testid': 'idle-note', title: t('results.idleHint'), text: t('results.idle') }) : null,
      result.finished ? null : h('span', { class: 'flag', text: t('results.dnfProgress', { progress: formatPercent(progressOf(result, total)) }) }),
      ...(result.flags ?? []).map((flag) => flagNote(flag, this.flagRules, { warn: !NEUTRAL_FLAGS.has(flag) })),
    ].filter(Boolean);
    return h('tr', {
      class: `${result.playerId === youId ? 'own' : ''}${result.finished ? '' : ' dnf'}`.trim() || null,
      'data-testid': 'result-row',
      'data-player-id': result.playerId,
      'data-place': String(result.place),
      'data-ghost': String(!!result.isGhost),
      'data-finished': String(!!result.finished),
      'data-idle': String(!!result.wentIdle),
    },
    h('td', { class: 'place', text: placeLabel(result) }),
    h('td', {}, displayName(result.name, result.tag), result.playerId === youId ? h('span', { class: 'you-mark', text: t('common.you') }) : null),
    h('td', { class: 'num', text: formatWpm(result.wpm) }),
    h('td', { class: 'num', 'data-testid': 'result-raw', text: result.breakdown ? formatWpm(result.breakdown.rawWpm) : '–' }),
    h('td', { class: 'num', text: formatAccuracy(result.accuracy) }),
    h('td', { class: 'num', 'data-testid': 'result-consistency', text: consistencyLabel(result.breakdown) }),
    h('td', { class: 'num', text: result.finished ? formatDuration(result.timeMs) : t('results.dnf') }),
    h('td', { class: 'num', text: String(result.hints ?? 0) }),
    h('td', { class: 'notes' }, notes));
  }

  renderSummary() {
    this.summary = replaceKeepingFocus(this.summary, passageSummary(this.view, this.guideDetail));
  }

  async loadGuide(id) {
    if (!id || this.guideDetail?.id === id) return;
    try {
      this.guideDetail = await api.getGuide(id);
      this.renderSummary();
    } catch {
      // Optional preview only.
    }
  }

  async toggleReady() {
    const ready = this.ready.getAttribute('aria-pressed') !== 'true';
    showReady(this.ready, ready);
    const ok = await this.ctx.call('SetReady', this.ctx.code, ready);
    if (ok === false) showReady(this.ready, !ready);
  }

  destroy() {
    this.destroyed = true;
    this.el.remove();
  }
}
