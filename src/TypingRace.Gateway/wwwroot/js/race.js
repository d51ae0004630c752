// The race screen: countdown, lanes, passage, typing and live stats.
// Used for the `countdown` and `racing` phases of one race.

import { h, setText, announce } from './dom.js';
import { api } from './api.js';
import { state, serverNow, resetOwn } from './state.js';
import { showError } from './banner.js';
import { formatWpm, formatAccuracy, formatPercent, percent, formatClock, lengthLabel } from './format.js';
import { assignColors, cursorLabel, playerInfo, playerLabel } from './players.js';
import { PassageView } from './race-view.js';
import { LanesView, livePlaces } from './lanes.js';
import { TypingInput } from './typing-input.js';
import { KeySender } from './key-sender.js';
import { FrameAcks } from './frame-acks.js';
import { connectionLost } from './connection.js';
import { typingText } from './typing-model.js';
import { NOT_IN_ROOM, NOT_RACING } from './error-codes.js';
import { caretSwitch } from './preferences.js';
import { t } from './i18n.js';

const HINT_VISIBLE_MS = 6000;

/** A live figure under the passage; `labelKey` is looked up again on a language switch (relabel). */
function stat(labelKey, testId) {
  const value = h('dd', { class: 'stat-value', 'data-testid': testId, text: '–' });
  const label = h('dt', { text: t(labelKey) });
  return { el: h('div', { class: 'stat' }, label, value), value, label, labelKey };
}

export class RaceScreen {
  /**
   * @param {object} ctx from the room controller:
   *   code, invoke(method, ...args) (rejects with HubError), send(method, ...args) (no answer awaited),
   *   call(method, ...args) (shows errors itself), requestResync(error), removed(), leave()
   */
  constructor(ctx) {
    this.ctx = ctx;
    this.view = null;
    this.raceNumber = null;
    this.started = false;
    this.sender = null;
    // The sender's batches waiting for their ack in a progress frame (frame-acks.js).
    this.acks = null;
    this.frame = null;
    this.finishOrder = [];
    this.lastCountdownSecond = null;
    this.hint = null;
    // The key of why typing stopped, so a language switch can say it again (relabel).
    this.stoppedReason = null;

    this.title = h('h2', { class: 'race-title' });
    this.meta = h('p', { class: 'race-meta' });
    this.clock = h('span', { class: 'race-clock', 'data-testid': 'race-clock' });
    this.lanes = new LanesView();
    this.countdown = h('div', {
      class: 'countdown', 'data-testid': 'countdown', role: 'timer', 'aria-live': 'assertive', 'aria-atomic': 'true',
    });
    this.passage = new PassageView();
    this.input = new TypingInput({
      onKey: (key, options) => this.handleKey(key, options),
      onHint: () => this.requestHint(),
      onCompose: (text) => this.showComposition(text),
      onFocusChange: () => this.refreshFocusNotice(),
    });
    this.hintBubble = h('div', { class: 'bubble hint-bubble', 'data-testid': 'hint-bubble', role: 'status', hidden: true });
    this.composeBubble = h('div', { class: 'bubble compose-bubble', 'aria-hidden': 'true', hidden: true });
    this.passage.root.append(this.input.el, this.hintBubble, this.composeBubble);
    this.focusNotice = h('button', {
      type: 'button', class: 'focus-notice', 'data-testid': 'focus-notice', hidden: true,
      text: t('race.focusNotice'), onclick: () => this.input.focus(),
    });
    this.note = h('p', { class: 'race-note', 'data-testid': 'race-note', role: 'status', hidden: true });

    this.stats = {
      wpm: stat('common.wpm', 'stat-wpm'),
      accuracy: stat('common.accuracy', 'stat-accuracy'),
      progress: stat('race.progress', 'stat-progress'),
      paragraph: stat('common.guide', 'stat-paragraph'),
      chars: stat('race.characters', 'stat-chars'),
      hints: stat('common.hints', 'stat-hints'),
    };
    this.statsEl = h('dl', { class: 'stats', 'data-testid': 'stats' }, Object.values(this.stats).map((s) => s.el));

    this.passageArea = h('div', { class: 'passage-area', hidden: true, onclick: () => this.focusIfTyping() },
      this.passage.root, this.focusNotice);

    this.el = h('section', { class: 'screen race-screen', 'aria-labelledby': 'race-title' },
      h('div', { class: 'race-header' }, h('div', {}, this.title, this.meta), this.clock),
      this.lanes.el,
      this.countdown,
      this.passageArea,
      this.note,
      this.statsEl,
      h('div', { class: 'race-options' }, (this.caretChoice = caretSwitch()).el));
    this.title.id = 'race-title';

    this.onDocumentKeydown = (e) => this.stealFocus(e);
    document.addEventListener('keydown', this.onDocumentKeydown);
    this.ticker = setInterval(() => this.tick(), 100);
  }

  mount(container) {
    container.appendChild(this.el);
  }

  get youId() {
    return state.player?.playerId;
  }

  get ownMember() {
    return this.view?.members?.find((m) => m.playerId === this.youId);
  }

  get isRacer() {
    return this.ownMember?.role === 'racer';
  }

  get chars() {
    return this.passage.chars;
  }

  get typingActive() {
    return this.started && this.isRacer && !!this.sender && !this.sender.stopped && !state.own.finished;
  }

  /** A room view for this race; `joined` views carry `you` (after JoinRoom). */
  update(view, { joined = false } = {}) {
    const previousRole = this.ownMember?.role;
    this.view = view;
    if (view.raceNumber !== this.raceNumber) this.build(view);

    if (joined && view.you && this.sender) {
      // Back after a reload or reconnect: the server's state wins, and says what became of batches still waited for.
      this.acks.clear();
      this.sender.reset({
        lastSeq: view.you.lastSeq ?? 0,
        position: view.you.position ?? 0,
        errorLength: view.you.errorLength ?? 0,
        storedSeq: view.you.storedSeq ?? 0,
      }, { resume: true });
      // Hints are not in the key batches: ask again for any the room lost with its server.
      const lostHints = Math.max(0, (this.hintsAsked ?? 0) - (view.you.hints ?? 0));
      state.own.hints = Math.max(view.you.hints ?? 0, state.own.hints ?? 0);
      if (lostHints > 0) this.askHintsAgain(lostHints);
      state.own.finished = !!view.you.finished || this.sender.finished;
    }
    if (previousRole === 'racer' && this.ownMember?.role === 'spectator') {
      this.sender?.stop();
      this.stoppedReason = 'race.movedToSpectators';
    }

    this.renderHeader();
    this.tick();
    this.renderOwn();
    this.renderRacers();
    this.refreshInputState();
  }

  /**
   * A language switch: the words built once (stat titles, focus notice, typing box label) are set again and
   * the rest drawn again; the sender, its unacknowledged keys and the typing box stay as they are.
   * (The caret choice relabels itself, preferences.js.)
   */
  relabel() {
    if (!this.view) return;
    const hadFocus = this.input.focused;
    for (const s of Object.values(this.stats)) setText(s.label, t(s.labelKey));
    setText(this.focusNotice, t('race.focusNotice'));
    this.input.relabel();
    if (this.started) setText(this.countdown, t('race.go'));
    if (this.hint) this.renderHint();
    this.renderHeader();
    this.tick();
    this.renderStats();
    this.refreshInputState();
    this.renderRacers();
    if (hadFocus && !this.input.focused) this.input.focus();
  }

  build(view) {
    this.raceNumber = view.raceNumber;
    this.hintsAsked = 0;
    this.started = false;
    this.frame = null;
    this.finishOrder = [];
    this.stoppedReason = null;
    // Read ahead: the passage shows, dimmed, while the countdown runs (its text arrives with the countdown).
    this.passageArea.hidden = !view.passage?.text;
    this.passageArea.classList.add('read-ahead');
    this.countdown.hidden = false;
    const racing = this.ownMember?.role === 'racer' || view.you?.role === 'racer';
    this.passage.ownCaret = racing;
    this.passage.setPassage(view.passage ?? { text: '' });
    this.loadSections(view);

    state.progress = null;
    resetOwn();
    this.sender = null;
    this.acks?.clear();
    this.acks = null;
    if (racing) {
      const acks = new FrameAcks({ playerId: this.youId, raceNumber: view.raceNumber });
      this.acks = acks;
      this.sender = new KeySender({
        text: typingText(view.passage?.text, view.passage?.autoFilled, view.passage?.errorRunCap),
        // TypeKeys gets no answer: the ack comes in a progress frame, a refusal as keysRefused (handled below).
        send: (batch) => {
          const acked = acks.wait(batch.seq);
          this.ctx.send('TypeKeys', this.ctx.code, batch).catch((error) => acks.fail(batch.seq, error));
          return acked;
        },
        onChange: () => this.renderOwn(),
        onAck: (ack) => this.handleAck(ack),
        onResyncNeeded: (error) => this.ctx.requestResync(error),
        onStopped: (error) => this.handleStopped(error),
        onError: (error) => showError(error),
      });
      const you = view.you;
      this.sender.reset({ lastSeq: you?.lastSeq ?? 0, position: you?.position ?? 0, errorLength: you?.errorLength ?? 0 });
      state.own.hints = you?.hints ?? 0;
    }
  }

  async loadSections(view) {
    const guideId = view.guide?.id;
    if (!guideId) return;
    try {
      const guide = await api.getGuide(guideId);
      if (this.raceNumber === view.raceNumber && this.view?.passage) this.passage.setPassage(this.view.passage, guide);
      this.renderOwn();
    } catch {
      // Section titles are a nicety; the passage is already drawn.
    }
  }

  renderHeader() {
    const { guide, passage } = this.view;
    setText(this.title, guide?.title ?? t('race.title'));
    const parts = [];
    if (passage) {
      parts.push(t('race.metaPassage', { length: lengthLabel(passage.length) }),
        t('common.characters', { count: passage.characterCount ?? this.chars.length }));
    }
    if (!this.isRacer) parts.push(t('race.watching'));
    setText(this.meta, parts.join(' · '));
  }

  tick() {
    if (!this.view) return;
    const now = serverNow();
    const endsAt = this.view.countdownEndsAt;
    if (!this.started) {
      const remaining = Number.isFinite(endsAt) ? endsAt - now : 0;
      if (this.view.phase === 'racing' || remaining <= 0) {
        this.start();
      } else {
        const seconds = Math.ceil(remaining / 1000);
        if (seconds !== this.lastCountdownSecond) {
          this.lastCountdownSecond = seconds;
          setText(this.countdown, String(seconds));
          this.countdown.dataset.seconds = String(seconds);
        }
      }
    }
    const endsIn = this.view.raceEndsAt - now;
    setText(this.clock, this.started && Number.isFinite(endsIn) ? t('race.timeLeft', { time: formatClock(endsIn) }) : '');
  }

  start() {
    this.started = true;
    const since = Number.isFinite(this.view.countdownEndsAt) ? Math.max(0, serverNow() - this.view.countdownEndsAt) : 0;
    this.raceStartPerf = performance.now() - since;
    this.lastKeyTime = 0;
    setText(this.countdown, t('race.go'));
    this.countdown.dataset.seconds = '0';
    this.countdown.hidden = true;
    this.passageArea.hidden = false;
    this.passageArea.classList.remove('read-ahead');
    state.screen = 'racing';
    announce(t(this.isRacer ? 'race.announceGo' : 'race.announceStarted'));
    this.refreshInputState();
    if (this.typingActive) this.input.focus();
    this.passage.placeCursors();
    this.renderOwn();
  }

  /** Milliseconds since the race start on this client, never going back. */
  elapsed() {
    const t = Math.max(0, Math.round(performance.now() - this.raceStartPerf));
    this.lastKeyTime = Math.max(this.lastKeyTime, t);
    return this.lastKeyTime;
  }

  handleKey(key, { wholeRun = false } = {}) {
    if (!this.typingActive) return;
    if (key === '\b' && wholeRun) {
      const run = Math.max(1, this.sender.display.errors.length);
      for (let i = 0; i < run; i++) this.sender.push('\b', this.elapsed());
      return;
    }
    this.sender.push(key, this.elapsed());
  }

  handleAck(ack) {
    if (Number.isFinite(ack.wpm)) state.own.wpm = ack.wpm;
    if (Number.isFinite(ack.accuracy)) state.own.accuracy = ack.accuracy;
    state.own.lastAckedSeq = ack.seq ?? state.own.lastAckedSeq;
    if (ack.finished) this.noteOwnFinish();
    this.refreshInputState();
    this.renderRacers();
  }

  /** The server says we finished: in the ack, or in the frame that carries it (which comes first), said once. */
  noteOwnFinish() {
    if (state.own.finished) return;
    state.own.finished = true;
    this.noteFinished(this.youId);
    announce(t('race.announceFinished'));
  }

  handleStopped(error) {
    if (error?.code === NOT_IN_ROOM) { this.ctx.removed(); return; }
    this.stoppedReason = error?.code === NOT_RACING ? 'race.notRacing' : 'race.overForYou';
    this.refreshInputState();
  }

  async requestHint() {
    if (!this.typingActive) return;
    // The server answers from its own cursor, so let it catch up with ours first.
    await this.sender.whenIdle();
    try {
      this.hintsAsked = (this.hintsAsked ?? 0) + 1;
      const hint = await this.ctx.invoke('RequestHint', this.ctx.code);
      state.own.hints = hint?.hints ?? state.own.hints + 1;
      this.showHint(hint?.word ?? '');
      this.renderStats();
    } catch (error) {
      showError(error);
    }
  }

  async askHintsAgain(count) {
    await this.sender?.whenIdle(5000);
    for (let i = 0; i < count; i++) {
      try {
        const hint = await this.ctx.invoke('RequestHint', this.ctx.code);
        state.own.hints = hint?.hints ?? state.own.hints;
      } catch {
        return; // the next resync asks again
      }
    }
    this.renderStats();
  }

  showHint(word) {
    clearTimeout(this.hintTimer);
    const position = this.sender?.display.position ?? 0;
    this.hint = { word, endsAt: position + Array.from(word).length };
    this.renderHint();
    this.hintBubble.hidden = false;
    this.placeBubbles();
    this.hintTimer = setTimeout(() => this.hideHint(), HINT_VISIBLE_MS);
  }

  renderHint() {
    setText(this.hintBubble, t('race.hint', { word: this.hint.word.replace(/ /g, '␣') || t('race.hintEnd') }));
  }

  hideHint() {
    clearTimeout(this.hintTimer);
    this.hint = null;
    this.hintBubble.hidden = true;
  }

  showComposition(text) {
    this.composeBubble.hidden = !text;
    setText(this.composeBubble, text ?? '');
    this.placeBubbles();
  }

  placeBubbles() {
    const box = this.passage.caretBox();
    const place = (el, below) => {
      el.style.left = `${Math.round(box.left)}px`;
      el.style.top = `${Math.round(below ? box.top + box.height + 4 : box.top)}px`;
    };
    place(this.input.el, false);
    if (!this.hintBubble.hidden) place(this.hintBubble, true);
    if (!this.composeBubble.hidden) place(this.composeBubble, true);
  }

  /** Draws the player's own state: the server's ack plus keys not acked yet. */
  renderOwn() {
    if (this.sender) {
      const typing = this.sender.display;
      this.passage.showTyping(typing);
      Object.assign(state.own, {
        position: typing.position,
        errorLength: typing.errors.length,
        serverPosition: this.sender.acked.position,
        serverErrorLength: this.sender.acked.errors.length,
        lastAckedSeq: this.sender.lastAckedSeq,
        unackedKeys: this.sender.unackedCount,
      });
      if (this.hint && typing.position >= this.hint.endsAt) this.hideHint();
      if (this.started) {
        this.placeBubbles();
        this.passage.ensureCaretVisible();
      }
    }
    this.renderStats();
    this.renderRacers();
  }

  renderStats() {
    const spectating = !this.sender;
    this.statsEl.hidden = spectating;
    if (spectating) return;
    const total = this.chars.length;
    const position = state.own.position;
    setText(this.stats.wpm.value, formatWpm(state.own.wpm));
    setText(this.stats.accuracy.value, state.own.accuracy === null ? '–' : formatAccuracy(state.own.accuracy));
    setText(this.stats.progress.value, formatPercent(percent(position, total)));
    this.showParagraph(this.paragraphLabel(position));
    setText(this.stats.chars.value, `${position} / ${total}`);
    setText(this.stats.hints.value, String(state.own.hints ?? 0));
  }

  /** Shows "paragraph n / N" with the word set smaller so the card stays one line. */
  showParagraph(label) {
    const el = this.stats.paragraph.value;
    if (el.textContent === label) return;
    const [word, ...rest] = label.split(' ');
    el.replaceChildren(h('span', { class: 'stat-unit', text: word }), ` ${rest.join(' ')}`);
  }

  /** "paragraph n / N": the guide paragraph the cursor is in. */
  paragraphLabel(position) {
    const { passage, guide } = this.view;
    const segments = [...(passage?.segments ?? [])].sort((a, b) => a.start - b.start);
    let index = passage?.firstParagraphIndex ?? 0;
    for (const segment of segments) {
      if (segment.start <= position) index = segment.paragraphIndex;
    }
    const count = guide?.paragraphCount;
    return count ? t('common.paragraphPosition', { n: index + 1, count }) : t('race.paragraph', { n: index + 1 });
  }

  handleProgress(frame) {
    if (frame.raceNumber !== this.raceNumber) return;
    this.acks?.seeFrame(frame);
    this.frame = frame;
    state.progress = frame;
    for (const racer of frame.racers ?? []) {
      if (racer.finished) this.noteFinished(racer.playerId);
      if (racer.playerId === this.youId) {
        if (Number.isFinite(racer.wpm)) state.own.wpm = racer.wpm;
        if (Number.isFinite(racer.accuracy)) state.own.accuracy = racer.accuracy;
        if (racer.finished) this.noteOwnFinish();
      }
    }
    this.renderStats();
    this.renderRacers();
    this.refreshInputState();
  }

  /** A batch of ours refused (keysRefused): the sender hears it as it would a SendKeys error. */
  handleKeysRefused(refusal) {
    this.acks?.refuse(refusal);
  }

  noteFinished(playerId) {
    if (!this.finishOrder.includes(playerId)) this.finishOrder.push(playerId);
  }

  /** Racers of this race: from progress frames when there are any, else the room's racers. */
  racers() {
    const members = this.view?.members ?? [];
    const fromFrame = new Map((this.frame?.racers ?? []).map((r) => [r.playerId, r]));
    const ids = fromFrame.size
      ? [...members.map((m) => m.playerId).filter((id) => fromFrame.has(id)), ...[...fromFrame.keys()].filter((id) => !members.some((m) => m.playerId === id))]
      : members.filter((m) => m.role === 'racer').map((m) => m.playerId);
    return ids.map((playerId) => {
      const r = fromFrame.get(playerId) ?? { playerId, position: 0, errorLength: 0, wpm: 0, finished: false };
      const isYou = playerId === this.youId;
      // Own lane follows local echo so it moves with the passage cursor.
      const position = isYou && this.sender ? Math.max(state.own.position, r.position ?? 0) : r.position ?? 0;
      return { ...r, position, wpm: isYou && this.sender ? state.own.wpm : r.wpm, isYou };
    });
  }

  renderRacers() {
    if (!this.view) return;
    const racers = this.racers();
    const colors = assignColors(racers.map((r) => r.playerId));
    const places = livePlaces(racers, this.finishOrder, (id) => playerInfo(id).isGhost);
    const total = this.chars.length || this.view.passage?.characterCount || 0;
    this.lanes.update(racers.map((r) => ({
      ...r,
      label: playerLabel(r.playerId),
      isBot: playerInfo(r.playerId).isBot,
      isGhost: playerInfo(r.playerId).isGhost,
      finished: !!r.finished || this.finishOrder.includes(r.playerId),
      place: this.started ? places.get(r.playerId) : null,
      color: colors.get(r.playerId),
    })), total);
    if (this.started) {
      this.passage.showCursors(racers
        .filter((r) => !(r.isYou && this.sender))
        .map((r) => ({
          playerId: r.playerId,
          position: r.position,
          color: colors.get(r.playerId),
          label: cursorLabel(playerInfo(r.playerId)),
          name: playerLabel(r.playerId),
        })));
    }
  }

  refreshInputState() {
    // Spectators get no typing box at all; finished racers keep a disabled one.
    this.input.el.hidden = !this.sender;
    if (this.typingActive) {
      this.input.enable();
    } else {
      this.input.disable();
    }
    let note = null;
    if (!this.isRacer && !this.stoppedReason) note = t('race.watchingNote');
    else if (this.stoppedReason) note = t(this.stoppedReason);
    else if (state.own.finished) note = t('race.finishedNote');
    this.note.hidden = !note;
    setText(this.note, note ?? '');
    this.refreshFocusNotice();
  }

  refreshFocusNotice() {
    this.focusNotice.hidden = !(this.typingActive && !this.input.focused);
  }

  focusIfTyping() {
    if (this.typingActive) this.input.focus();
  }

  /** "Press any key to focus": a key pressed outside any control goes to the typing box. */
  stealFocus(e) {
    if (!this.typingActive || this.input.focused || e.defaultPrevented) return;
    if (e.ctrlKey || e.metaKey || e.altKey || e.key === 'Tab' || e.key === 'Escape') return;
    const target = e.target;
    if (target instanceof Element && target.closest('button, a, input, select, textarea, [contenteditable]')) return;
    // Focusing during keydown lets the same key land in the textarea.
    this.input.focus();
  }

  destroy() {
    this.caretChoice.stop();
    clearInterval(this.ticker);
    clearTimeout(this.hintTimer);
    document.removeEventListener('keydown', this.onDocumentKeydown);
    this.sender?.stop();
    this.acks?.clear();
    this.passage.destroy();
    this.el.remove();
  }

  /**
   * The connection dropped: hold keys until JoinRoom tells where we are. A batch waiting for its ack fails as a
   * call would with its connection: no frame will come on this one.
   */
  pauseSending() {
    this.sender?.pause();
    this.acks?.failAll(connectionLost());
  }
}
