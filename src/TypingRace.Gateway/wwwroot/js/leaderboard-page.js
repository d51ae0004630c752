// The leaderboard page (/leaderboards): choose a board (scope, period, ranking),
// see its top 50 and, when the signed-in player is further down, their own rank.

import { h, setText, clear, announce } from './dom.js';
import { api } from './api.js';
import { state } from './state.js';
import { displayName, formatWpm, formatAccuracy, formatDateTime, firstWords, lengthLabel } from './format.js';
import { copyText } from './clipboard.js';
import { leaderboardsPath, playerPath, replacePath } from './router.js';
import { guideList, guideDetail, parsePassageId, passageId } from './guide-lookup.js';
import { segmented } from './segmented.js';
import {
  SCOPES, PERIODS, RANKINGS, LENGTHS, parseChoice, choiceParams, periodTitle, rankingTitle,
} from './leaderboard-choice.js';
import { t, errorMessage } from './i18n.js';

export const BOARD_SIZE = 50;

// The board's columns, by the keys of their heads.
const COLUMNS = [
  { label: 'board.rank', class: 'rank' },
  { label: 'common.racer' },
  { label: 'common.wpm', class: 'num' },
  { label: 'common.accuracy', class: 'num' },
  { label: 'common.date', class: 'date' },
];

/** A board entry's name; a player who never set one still has a tag. */
export function entryName(entry) {
  return displayName(entry.name || t('common.unnamed'), entry.tag);
}

/** One row of a board: rank, name#tag linking to the player page, WPM, accuracy, date. */
function entryCells(entry, youId, rankTestId) {
  const you = entry.playerId === youId;
  return [
    h('td', { class: 'rank', 'data-testid': rankTestId, text: String(entry.rank) }),
    h('td', { class: 'racer' },
      h('a', { href: playerPath(entry.playerId), 'data-link': true, 'data-testid': 'board-player-link', title: entryName(entry) },
        entry.name || t('common.unnamed'), h('span', { class: 'tag', text: `#${entry.tag}` })),
      you ? h('span', { class: 'you-mark', text: t('common.you') }) : null),
    h('td', { class: 'num', 'data-testid': 'board-wpm', text: formatWpm(entry.wpm) }),
    h('td', { class: 'num', 'data-testid': 'board-accuracy', text: formatAccuracy(entry.accuracy) }),
    h('td', { class: 'date', text: formatDateTime(entry.at) }),
  ];
}

export class LeaderboardScreen {
  constructor({ query }) {
    this.choice = parseChoice(query);
    this.guides = [];
    this.guide = null; // detail of the chosen guide, for passage boards
    this.ticket = 0;
    this.destroyed = false;

    this.scopeControl = segmented({ legend: t('board.legendBoard'), testid: 'scope', options: SCOPES, onChange: (v) => this.change({ scope: v }) });
    this.periodControl = segmented({ legend: t('board.legendPeriod'), testid: 'period', options: PERIODS, onChange: (v) => this.change({ period: v }) });
    this.rankingControl = segmented({ legend: t('board.legendRanking'), testid: 'ranking', options: RANKINGS, onChange: (v) => this.change({ ranking: v }) });

    this.guideSelect = h('select', { id: 'board-guide', 'data-testid': 'board-guide-select', onchange: () => this.change({ guide: this.guideSelect.value, paragraph: 1 }) },
      h('option', { value: '', text: t('common.loadingGuides') }));
    this.paragraphSelect = h('select', { id: 'board-paragraph', 'data-testid': 'board-paragraph-select', onchange: () => this.change({ paragraph: Number(this.paragraphSelect.value) }) });
    this.lengthSelect = h('select', { id: 'board-length', 'data-testid': 'board-length-select', onchange: () => this.change({ length: this.lengthSelect.value }) },
      LENGTHS.map((length) => h('option', { value: length, text: lengthLabel(length) })));
    this.guideField = h('div', { class: 'field board-guide-field' }, h('label', { for: 'board-guide', text: t('common.guide') }), this.guideSelect);
    this.paragraphField = h('div', { class: 'field board-paragraph-field' }, h('label', { for: 'board-paragraph', text: t('board.startingParagraph') }), this.paragraphSelect);
    this.lengthField = h('div', { class: 'field board-length-field' }, h('label', { for: 'board-length', text: t('common.length') }), this.lengthSelect);
    this.scopeFields = h('div', { class: 'field-row board-scope-fields' }, this.guideField, this.paragraphField, this.lengthField);

    this.title = h('h2', { id: 'board-title', 'data-testid': 'board-title' });
    this.copyStatus = h('span', { class: 'copy-status', role: 'status' });
    this.copyButton = h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'copy-board-link', text: t('common.copyLink'), onclick: () => this.copyLink() });
    this.status = h('p', { class: 'muted board-status', 'data-testid': 'board-status' });
    this.error = h('div', { class: 'board-error', 'data-testid': 'board-error', role: 'alert', hidden: true });
    this.empty = h('div', { class: 'empty-state', 'data-testid': 'board-empty', hidden: true });
    this.tbody = h('tbody');
    this.tfoot = h('tfoot');
    this.table = h('table', { class: 'results-table board-table', 'data-testid': 'board-table', 'aria-labelledby': 'board-title', hidden: true },
      h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col', class: c.class, text: t(c.label) })))),
      this.tbody,
      this.tfoot);
    this.board = h('div', { class: 'card board', 'data-testid': 'board', 'data-state': 'loading', 'aria-busy': 'true' },
      h('div', { class: 'board-head' }, this.title, h('div', { class: 'share' }, this.copyStatus, this.copyButton)),
      this.status,
      this.error,
      this.empty,
      h('div', { class: 'table-scroll' }, this.table));

    this.el = h('section', { class: 'screen leaderboard-screen', 'aria-labelledby': 'leaderboards-title' },
      h('div', { class: 'page-head' },
        h('h1', { id: 'leaderboards-title', text: t('board.title') }),
        h('p', { class: 'muted', text: t('board.intro') })),
      h('form', { class: 'card board-controls', 'data-testid': 'board-controls', onsubmit: (e) => e.preventDefault() },
        h('div', { class: 'board-segments' }, this.scopeControl.el, this.periodControl.el, this.rankingControl.el),
        this.scopeFields),
      this.board);
  }

  mount(container) {
    container.appendChild(this.el);
    this.syncControls();
    this.start();
  }

  destroy() {
    this.destroyed = true;
    this.ticket++;
    this.el.remove();
  }

  async start() {
    this.guides = await guideList();
    if (this.destroyed) return;
    clear(this.guideSelect);
    for (const guide of this.guides) this.guideSelect.appendChild(h('option', { value: guide.id, text: guide.title }));
    if (this.choice.passageId) {
      // A link with the API's passage id: find its guide, then its paragraph below.
      const parsed = parsePassageId(this.choice.passageId);
      if (parsed) Object.assign(this.choice, { guide: parsed.guideId, length: parsed.length });
    }
    if (this.choice.scope !== 'global' && !this.choice.guide) this.choice.guide = this.guides[0]?.id ?? null;
    await this.prepareGuide();
    if (this.destroyed) return;
    this.syncControls();
    this.load();
  }

  /** Loads the chosen guide's paragraphs when a passage board needs them. */
  async prepareGuide() {
    const { scope, guide } = this.choice;
    if (scope !== 'passage' || !guide || this.guide?.id === guide) return;
    this.guide = null;
    const detail = await guideDetail(guide);
    if (this.destroyed || this.choice.guide !== guide) return;
    this.guide = detail;
    clear(this.paragraphSelect);
    for (const p of detail?.paragraphs ?? []) {
      const section = p.section ? `${p.section} — ` : '';
      this.paragraphSelect.appendChild(h('option', { value: String(p.index + 1), text: `${p.index + 1}. ${section}${firstWords(p.text, 6)}` }));
    }
    if (this.choice.passageId) {
      const first = parsePassageId(this.choice.passageId)?.firstParagraphId;
      const index = detail?.paragraphs?.findIndex((p) => p.id === first) ?? -1;
      if (index >= 0) this.choice.paragraph = index + 1;
      this.choice.passageId = null;
    }
    const count = detail?.paragraphs?.length ?? 0;
    if (!this.choice.paragraph || this.choice.paragraph > count) this.choice.paragraph = 1;
  }

  async change(patch) {
    Object.assign(this.choice, patch);
    if (this.choice.scope !== 'global' && !this.choice.guide) this.choice.guide = this.guides[0]?.id ?? null;
    if (this.choice.scope === 'passage' && !this.choice.paragraph) this.choice.paragraph = 1;
    this.syncControls();
    const wanted = this.choice.guide;
    await this.prepareGuide();
    // Another change came in meanwhile; it loads its own board.
    if (this.destroyed || this.choice.guide !== wanted) return;
    this.syncControls();
    this.load();
  }

  syncControls() {
    const { scope, guide, paragraph, length, period, ranking } = this.choice;
    this.scopeControl.set(scope);
    this.periodControl.set(period);
    this.rankingControl.set(ranking);
    if (guide && ![...this.guideSelect.options].some((o) => o.value === guide)) {
      this.guideSelect.appendChild(h('option', { value: guide, text: t('board.unknownGuide', { guide }) }));
    }
    if (guide) this.guideSelect.value = guide;
    if (paragraph) this.paragraphSelect.value = String(paragraph);
    this.lengthSelect.value = length;
    this.scopeFields.hidden = scope === 'global';
    this.paragraphField.hidden = scope !== 'passage';
    this.lengthField.hidden = scope !== 'passage';
  }

  /** The API's board for the choice, or throws when it cannot be named yet. */
  boardQuery() {
    const { scope, guide, paragraph, length, period, ranking } = this.choice;
    if (scope === 'global') return { scope, period, ranking };
    if (!guide) throw new Error(t('board.noGuides'));
    if (scope === 'guide') return { scope, id: guide, period, ranking };
    const first = this.guide?.paragraphs?.[paragraph - 1];
    if (!first) throw new Error(t('board.paragraphsFailed', { guide }));
    return { scope, id: passageId(first.id, length), period, ranking };
  }

  boardTitle() {
    const { scope, guide, paragraph, length, period, ranking } = this.choice;
    const guideTitle = this.guides.find((g) => g.id === guide)?.title ?? guide;
    const what = scope === 'global'
      ? t('board.allGuides')
      : scope === 'guide' ? guideTitle : t('board.passageTitle', { guide: guideTitle, paragraph, length: lengthLabel(length) });
    return `${what} · ${periodTitle(period)} · ${rankingTitle(ranking)}`;
  }

  async load() {
    const ticket = ++this.ticket;
    replacePath(leaderboardsPath(choiceParams(this.choice)));
    setText(this.title, this.boardTitle());
    setText(this.copyStatus, '');
    document.title = t('board.pageTitle', { board: this.boardTitle() });
    this.setState('loading');
    // The previous board stays (dimmed) while the next one loads; the first load says so.
    this.status.hidden = !(this.table.hidden && this.empty.hidden && this.error.hidden);
    setText(this.status, t('common.loading'));

    let board;
    try {
      board = this.boardQuery();
      this.board.dataset.board = [board.scope, board.id ?? '', board.period, board.ranking].join('|');
      const answer = await api.getLeaderboard({ ...board, top: BOARD_SIZE });
      if (ticket !== this.ticket) return;
      const entries = answer?.entries ?? [];
      const youId = state.player?.playerId ?? null;
      let own = null;
      if (youId && entries.length && !entries.some((e) => e.playerId === youId)) {
        own = await api.getRank(board, youId).catch((error) => ({ error }));
        if (ticket !== this.ticket) return;
      }
      this.render(entries, own, youId);
    } catch (error) {
      if (ticket !== this.ticket) return;
      this.renderError(error);
    }
  }

  setState(value) {
    this.board.dataset.state = value;
    this.board.setAttribute('aria-busy', String(value === 'loading'));
  }

  render(entries, own, youId) {
    this.error.hidden = true;
    this.status.hidden = true;
    this.tbody.replaceChildren(...entries.map((entry) => h('tr', {
      class: entry.playerId === youId ? 'own' : null,
      'data-testid': 'board-row',
      'data-player-id': entry.playerId,
      'data-rank': String(entry.rank),
      'data-own': String(entry.playerId === youId),
    }, entryCells(entry, youId, 'board-rank'))));
    this.tfoot.replaceChildren(...this.ownRankRows(own, youId));

    if (!entries.length) {
      this.table.hidden = true;
      this.empty.replaceChildren(
        h('p', { class: 'empty-title', text: t('board.emptyTitle') }),
        h('p', { class: 'muted', text: this.choice.period === 'allTime'
          ? t('board.emptyAllTime')
          : t('board.emptyPeriod', { period: periodTitle(this.choice.period) }) }),
        h('a', { class: 'btn btn-primary', href: '/', 'data-link': true, text: t('board.startRace') }));
      this.empty.hidden = false;
      this.setState('empty');
      announce(t('board.announceEmpty'));
      return;
    }

    this.empty.hidden = true;
    this.table.hidden = false;
    this.setState('ready');
    const mine = entries.find((e) => e.playerId === youId) ?? own?.entry;
    announce(`${t('board.announceCount', { count: entries.length })}${mine ? t('board.announceRank', { rank: mine.rank }) : ''}`);
  }

  /** The pinned "your rank" rows under the top 50 (none when the player is in it or unknown). */
  ownRankRows(own, youId) {
    if (!own) return [];
    const label = h('tr', { class: 'own-rank-label' }, h('th', { colspan: String(COLUMNS.length), scope: 'rowgroup', text: t('board.yourRank') }));
    if (own.error) {
      return [label, h('tr', {}, h('td', { colspan: String(COLUMNS.length), class: 'muted', 'data-testid': 'own-rank-error',
        text: t('board.ownRankFailed', { message: errorMessage(own.error) }) }))];
    }
    if (!own.entry) {
      return [label, h('tr', {}, h('td', { colspan: String(COLUMNS.length), class: 'muted', 'data-testid': 'own-rank-none',
        text: t('board.ownRankNone') }))];
    }
    return [label, h('tr', { class: 'own', 'data-testid': 'own-rank', 'data-player-id': own.entry.playerId, 'data-rank': String(own.entry.rank) },
      entryCells(own.entry, youId, 'own-rank-number'))];
  }

  renderError(error) {
    this.status.hidden = true;
    this.table.hidden = true;
    this.empty.hidden = true;
    const code = error?.code ? ` (${error.code})` : '';
    this.error.replaceChildren(
      h('p', { 'data-testid': 'board-error-text', text: t('board.loadFailed', { message: errorMessage(error), code }) }),
      h('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'board-retry', text: t('common.tryAgain'), onclick: () => this.load() }));
    this.error.hidden = false;
    this.setState('error');
  }

  async copyLink() {
    const copied = await copyText(location.href);
    setText(this.copyStatus, t(copied ? 'common.linkCopied' : 'common.copyAddressBar'));
  }
}
