// The room lobby: code and share link, members, the chosen passage, Ready,
// and for the host: start, kick and change passage.

import { h, setText } from './dom.js';
import { api } from './api.js';
import { state } from './state.js';
import { roomLink } from './router.js';
import { copyText } from './clipboard.js';
import { lengthLabel, firstWords } from './format.js';
import { memberList, replaceKeepingFocus } from './members.js';
import { PassagePicker } from './passage-picker.js';
import { bestGhostCard } from './ghost-race.js';
import { hotkeyHint } from './hotkeys.js';
import { tallyCard } from './tally.js';
import { t } from './i18n.js';

const BOT_SPEEDS = [40, 70, 100, 140, 200];

/** "Paragraph 11 / 84" plus passage details, shared with the results screen. */
export function passageSummary(view, guideDetail) {
  const { guide, passage } = view;
  const first = passage?.firstParagraphIndex ?? 0;
  const lines = [
    h('p', { class: 'guide-title', 'data-testid': 'guide-title', text: guide?.title ?? '' }),
    h('p', { class: 'passage-facts' },
      h('span', { 'data-testid': 'passage-paragraph', text: t('common.paragraphPosition', { n: first + 1, count: guide?.paragraphCount ?? '?' }) }),
      passage?.paragraphCount > 1 ? t('lobby.paragraphs', { count: passage.paragraphCount }) : '',
      ' · ',
      h('span', { 'data-testid': 'passage-length', text: lengthLabel(passage?.length) }),
      passage?.characterCount ? ` · ${t('common.characters', { count: passage.characterCount })}` : ''),
  ];
  const paragraph = guideDetail?.paragraphs?.[first];
  const section = passage?.section ?? paragraph?.section;
  if (section || paragraph) {
    lines.push(h('p', { class: 'passage-preview' },
      section ? h('strong', { text: section }) : null,
      section && paragraph ? ' — ' : '',
      paragraph ? firstWords(paragraph.text, 12) : ''));
  }
  return h('div', { class: 'passage-summary', 'data-testid': 'passage-summary' }, lines);
}

export function readyButton(onToggle) {
  return h('button', {
    type: 'button', class: 'btn btn-toggle', 'data-testid': 'ready-toggle', 'aria-pressed': 'false', onclick: onToggle,
  });
}

export function showReady(button, ready) {
  button.setAttribute('aria-pressed', String(ready));
  button.classList.toggle('on', ready);
  setText(button, t(ready ? 'lobby.ready' : 'lobby.notReady'));
  button.title = t(ready ? 'lobby.readyTitle' : 'lobby.notReadyTitle');
}

export class LobbyScreen {
  constructor(ctx) {
    this.ctx = ctx;
    this.view = null;
    this.guideDetail = null;

    this.codeEl = h('span', { class: 'room-code', 'data-testid': 'room-code' });
    this.copyStatus = h('span', { class: 'copy-status', role: 'status' });
    this.copyButton = h('button', { type: 'button', class: 'btn', 'data-testid': 'copy-link', text: t('common.copyLink'), onclick: () => this.copyLink() });
    this.linkText = h('input', { class: 'share-link', readonly: true, 'aria-label': t('lobby.shareLink'), 'data-testid': 'share-link', onfocus: (e) => e.target.select() });

    this.summary = h('div');
    this.members = h('ul');
    this.ready = readyButton(() => this.toggleReady());
    this.start = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'start-race', text: t('lobby.startRace'), onclick: () => this.ctx.call('StartRace', ctx.code) });
    this.leave = h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'leave-room', text: t('common.leaveRoom'), onclick: () => this.ctx.leave() });
    this.waiting = h('p', { class: 'muted', 'data-testid': 'waiting-for-host' });
    this.hint = hotkeyHint('');
    this.hostPanel = h('div');

    this.el = h('section', { class: 'screen lobby-screen', 'aria-labelledby': 'lobby-title' },
      h('h2', { id: 'lobby-title', class: 'visually-hidden', text: t('lobby.title') }),
      h('div', { class: 'card room-head' },
        h('div', { class: 'room-code-block' }, h('span', { class: 'label', text: t('common.roomCode') }), this.codeEl),
        h('div', { class: 'share' }, this.linkText, this.copyButton, this.copyStatus)),
      h('div', { class: 'lobby-grid' },
        h('div', { class: 'card' }, h('h3', { text: t('common.members') }), this.members),
        h('div', { class: 'card' }, h('h3', { text: t('common.passage') }), this.summary,
          h('div', { class: 'actions' }, this.start, this.ready, this.leave), this.hint, this.waiting)),
      this.tally = h('div', { hidden: true }),
      this.hostPanel);
  }

  mount(container) {
    container.appendChild(this.el);
  }

  get isHost() {
    return this.view?.hostId === state.player?.playerId;
  }

  update(view) {
    const guideChanged = view.guide?.id !== this.view?.guide?.id;
    this.view = view;
    setText(this.codeEl, view.code);
    this.linkText.value = roomLink(view.code);

    this.members = replaceKeepingFocus(this.members, memberList(view, {
      youId: state.player?.playerId,
      onKick: (member) => this.ctx.call('KickMember', this.ctx.code, member.playerId),
    }));
    this.renderSummary();
    this.tally = replaceKeepingFocus(this.tally, tallyCard(view.tally));
    if (guideChanged) this.loadGuide(view.guide?.id);

    const me = view.members?.find((m) => m.playerId === state.player?.playerId);
    showReady(this.ready, !!me?.ready);
    this.start.hidden = !this.isHost;
    // The host starts the race, so has nobody to tell they are ready.
    this.ready.hidden = this.isHost;
    const hint = hotkeyHint(this.isHost ? t('hotkeys.start') : t('hotkeys.ready'));
    this.hint.replaceWith(hint);
    this.hint = hint;
    setText(this.waiting, t(this.isHost ? 'lobby.youAreHost' : 'lobby.waitingForHost'));
    this.renderHostPanel();
    if (this.isHost && state.startOnArrival === view.code) {
      state.startOnArrival = null;
      this.ctx.call('StartRace', this.ctx.code);
    }
  }

  /** The control Enter should press and the hotkey presses: Start for the host, Ready for the rest. */
  get primary() {
    return this.isHost ? this.start : this.ready;
  }

  focusPrimary() {
    this.primary.focus();
  }

  hotkey() {
    this.primary.click();
  }

  renderSummary() {
    this.summary = replaceKeepingFocus(this.summary, passageSummary(this.view, this.guideDetail));
  }

  async loadGuide(id) {
    if (!id) return;
    try {
      const detail = await api.getGuide(id);
      if (this.view?.guide?.id !== id) return;
      this.guideDetail = detail;
      this.renderSummary();
    } catch {
      // The summary works without the paragraph preview.
    }
  }

  renderHostPanel() {
    if (!this.isHost) {
      this.hostPanel.replaceChildren();
      this.picker = null;
      return;
    }
    if (this.picker) return; // built once, so the host's edits are not reset by updates
    this.picker = new PassagePicker({
      guideId: this.view.guide?.id,
      paragraphIndex: this.view.passage?.firstParagraphIndex ?? 0,
      length: this.view.passage?.length ?? 'short',
    });
    const apply = h('button', { type: 'submit', class: 'btn', 'data-testid': 'choose-passage', text: t('lobby.usePassage') });
    const form = h('form', {
      class: 'card host-panel',
      onsubmit: (e) => {
        e.preventDefault();
        let choice;
        try { choice = this.picker.value(); } catch (error) { this.ctx.showError(error); return; }
        this.ctx.call('ChoosePassage', this.ctx.code, choice.guideId, choice.paragraphIndex, choice.length);
      },
    }, h('h3', { text: t('lobby.changePassage') }), this.picker.el, h('div', { class: 'actions' }, apply));
    this.hostPanel.replaceChildren(form, this.botForm(), bestGhostCard(this.ctx.code));
  }

  /** Bots fill a race or give a solo racer someone to chase; they never enter the leaderboards. */
  botForm() {
    const speed = h('select', { id: 'bot-speed', 'data-testid': 'bot-speed' },
      BOT_SPEEDS.map((wpm) => h('option', { value: String(wpm), text: t('common.wpmValue', { wpm }), selected: wpm === 70 })));
    return h('form', {
      class: 'card host-panel',
      onsubmit: (e) => {
        e.preventDefault();
        this.ctx.call('AddBot', this.ctx.code, Number(speed.value));
      },
    },
    h('h3', { text: t('lobby.addBotTitle') }),
    h('p', { class: 'muted', text: t('lobby.botIntro') }),
    h('div', { class: 'actions' },
      h('label', { for: 'bot-speed', text: t('lobby.botSpeed') }), speed,
      h('button', { type: 'submit', class: 'btn', 'data-testid': 'add-bot', text: t('lobby.addBot') })));
  }

  async toggleReady() {
    const ready = this.ready.getAttribute('aria-pressed') !== 'true';
    showReady(this.ready, ready); // the next room view confirms or corrects it
    const ok = await this.ctx.call('SetReady', this.ctx.code, ready);
    if (ok === false) showReady(this.ready, !ready);
  }

  async copyLink() {
    const copied = await copyText(roomLink(this.view.code));
    setText(this.copyStatus, t(copied ? 'common.linkCopied' : 'lobby.copyFromBox'));
    if (!copied) { this.linkText.focus(); this.linkText.select(); }
    clearTimeout(this.copyTimer);
    this.copyTimer = setTimeout(() => setText(this.copyStatus, ''), 3000);
  }

  destroy() {
    clearTimeout(this.copyTimer);
    this.el.remove();
  }
}
