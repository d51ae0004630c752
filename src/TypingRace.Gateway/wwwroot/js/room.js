// One visit to a room (/r/{CODE}): owns the hub connection, joins, routes room
// views to the lobby, race or results screen, and handles reconnects.

import { h, clear } from './dom.js';
import { state, noteServerTime } from './state.js';
import { showError, hideError, showStatus, hideStatus } from './banner.js';
import { currentToken, recoverFromUnauthorized } from './identity.js';
import { RaceConnection, isUnauthorizedStart } from './connection.js';
import { rememberMembers } from './players.js';
import { navigate } from './router.js';
import { LobbyScreen } from './lobby.js';
import { RaceScreen } from './race.js';
import { ResultsScreen } from './results.js';
import { isRoomHotkey } from './hotkeys.js';
import { t, onLanguageChange } from './i18n.js';
import { BAD_ROOM_CODE, CONNECTION_LOST, NOT_IN_ROOM, ROOM_FULL, ROOM_NOT_FOUND, ROOM_UNAVAILABLE, UNAUTHORIZED } from './error-codes.js';

const SCREENS = { lobby: LobbyScreen, race: RaceScreen, results: ResultsScreen };
// Errors after which staying on the room page makes no sense.
const FATAL_JOIN = new Set([ROOM_NOT_FOUND, BAD_ROOM_CODE, ROOM_FULL, UNAUTHORIZED]);

function screenKind(phase) {
  if (phase === 'countdown' || phase === 'racing') return 'race';
  if (phase === 'results') return 'results';
  return 'lobby';
}

export class RoomController {
  constructor({ code, container }) {
    this.code = code;
    this.container = container;
    this.connection = null;
    this.screen = null;
    this.kind = null;
    this.leaving = false;
    this.destroyed = false;
    this.joining = null;
    this.latestServerTime = 0;
    this.ctx = {
      code,
      invoke: (method, ...args) => this.invoke(method, ...args),
      send: (method, ...args) => this.send(method, ...args),
      call: (method, ...args) => this.call(method, ...args),
      requestResync: () => this.resync(),
      removed: () => this.removed(),
      leave: () => this.leave(),
      showError,
    };
    this.keydown = (e) => this.onKeydown(e);
    document.addEventListener('keydown', this.keydown);
    // i18n/page.js leaves room pages alone on a switch: the room relabels itself.
    this.stopRelabel = onLanguageChange(() => this.relabel());
  }

  /** A language switch: the screen drawn again in the new words; the connection, and any race, go on. */
  relabel() {
    if (this.destroyed) return;
    if (this.status) this.setStatus(this.status.key, this.status.action);
    if (!this.screen) {
      // "Joining room…" or "Could not join room…": said again.
      if (this.message) this.showMessage(this.message.key, this.message.options);
      return;
    }
    // handleView keeps the latest room view in state.room.
    if (!state.room) return;
    if (this.screen.relabel) { this.screen.relabel(); return; }
    this.screen.destroy();
    clear(this.container);
    this.screen = new SCREENS[this.kind](this.ctx);
    this.screen.mount(this.container);
    this.screen.update(state.room, { joined: false });
  }

  /** The status line, remembered by key so a language switch can say it again; `action` is {labelKey, run}. */
  setStatus(key, action) {
    this.status = { key, action };
    showStatus(t(key), action && { label: t(action.labelKey), run: action.run });
  }

  clearStatus() {
    this.status = null;
    hideStatus();
  }

  /** Ctrl+Enter presses the screen's main control (hotkeys.js). */
  onKeydown(e) {
    if (!isRoomHotkey(e) || !this.screen?.hotkey) return;
    e.preventDefault();
    this.screen.hotkey();
  }

  async enter() {
    this.showMessage('room.joining');
    try {
      await this.connect();
      await this.join();
    } catch (error) {
      if (this.destroyed) return;
      this.failed(error);
    }
  }

  createConnection() {
    this.connection = new RaceConnection({
      token: () => currentToken(),
      onRoomChanged: (view) => this.handleView(view, { joined: false }),
      onProgress: (frame) => this.handleProgress(frame),
      onKeysRefused: (refusal) => this.handleKeysRefused(refusal),
      onStatus: (status, error) => this.handleStatus(status, error),
      onDraining: (within) => this.moveGateway(within),
    });
  }

  /** The gateway is shutting down: leave it, and after a random pause connect again (to another one). */
  async moveGateway(reconnectWithinMs) {
    if (this.destroyed || this.moving) return;
    this.moving = true;
    this.screen?.pauseSending?.();
    this.setStatus('room.serverRestarting');
    const old = this.connection;
    this.connection = null;
    await old?.stop();
    await sleep(Math.random() * Math.max(0, reconnectWithinMs ?? 0));
    this.moving = false;
    if (!this.destroyed) await this.reconnect();
  }

  async connect() {
    if (!this.connection) this.createConnection();
    try {
      await this.connection.start();
    } catch (error) {
      if (!isUnauthorizedStart(error)) throw error;
      // The stored token is no longer valid: become a new player and retry once.
      await this.connection.stop();
      const me = await recoverFromUnauthorized();
      if (!me) throw Object.assign(new Error(t('room.playerNotRestored')), { code: UNAUTHORIZED });
      this.createConnection();
      await this.connection.start();
    }
    state.connection = 'connected';
  }

  /**
   * JoinRoom; concurrent callers (reconnect + resync) share one call. While the room moves to another server
   * (room-unavailable) it tries again, with jitter, for up to a minute.
   */
  join() {
    if (!this.joining) {
      this.joining = this.joinUntilAvailable()
        .then((view) => this.handleView(view, { joined: true }))
        .finally(() => { this.joining = null; });
    }
    return this.joining;
  }

  async joinUntilAvailable() {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await this.invoke('JoinRoom', this.code);
      } catch (error) {
        if (error.code !== ROOM_UNAVAILABLE || Date.now() > deadline || this.destroyed) throw error;
        this.setStatus('room.roomMoving');
        await sleep(300 + Math.random() * 700);
        this.clearStatus();
      }
    }
  }

  async invoke(method, ...args) {
    return this.openConnection().invoke(method, ...args);
  }

  /** Sends to a hub method without waiting for an answer (TypeKeys). */
  async send(method, ...args) {
    return this.openConnection().send(method, ...args);
  }

  /** The connection, or a connection-lost error while there is none (moving to another gateway). */
  openConnection() {
    if (!this.connection) throw Object.assign(new Error(t('room.notConnected')), { code: CONNECTION_LOST });
    return this.connection;
  }

  /** Invokes a hub method and shows any error; resolves to true on success. */
  async call(method, ...args) {
    try {
      await this.invoke(method, ...args);
      return true;
    } catch (error) {
      if (error.code === NOT_IN_ROOM) { this.removed(); return false; }
      showError(error);
      return false;
    }
  }

  async resync() {
    if (!this.connection?.connected) return; // the reconnect handler will rejoin
    try {
      await this.join();
    } catch (error) {
      showError(error);
    }
  }

  handleView(view, { joined }) {
    if (this.destroyed || !view || String(view.code).toUpperCase() !== this.code) return;
    // Ignore a view older than one already drawn (events and answers can cross).
    if (!joined && Number.isFinite(view.serverTime) && view.serverTime < this.latestServerTime) return;
    if (Number.isFinite(view.serverTime)) this.latestServerTime = Math.max(this.latestServerTime, view.serverTime);
    noteServerTime(view.serverTime);
    rememberMembers(view.members);
    state.room = view;
    if (joined) state.you = view.you ?? null;

    const youId = state.player?.playerId;
    if (!view.members?.some((m) => m.playerId === youId)) {
      if (!this.leaving) this.removed();
      return;
    }

    const kind = screenKind(view.phase);
    const changed = kind !== this.kind;
    const fromRace = this.kind === 'race';
    if (changed) {
      this.screen?.destroy();
      clear(this.container);
      this.kind = kind;
      this.screen = new SCREENS[kind](this.ctx);
      this.screen.mount(this.container);
      this.message = null;
    }
    state.screen = kind === 'race' ? (view.phase === 'racing' ? 'racing' : 'countdown') : kind;
    this.screen.update(view, { joined });
    // A new screen puts focus where the next step is, rather than leaving it on the page body.
    if (changed) this.screen.focusPrimary?.({ fromRace });
  }

  handleProgress(frame) {
    if (!this.isThisRoom(frame?.code)) return;
    // Frames carry the server clock too; they keep the offset fresh during a race.
    noteServerTime(frame.serverTime);
    this.screen?.handleProgress?.(frame);
  }

  /** A key batch refused (TypeKeys has no answer of its own): for the race screen's sender. */
  handleKeysRefused(refusal) {
    if (this.isThisRoom(refusal?.room)) this.screen?.handleKeysRefused?.(refusal);
  }

  /** An event is for this visit: it names this room and the visit is not over. */
  isThisRoom(code) {
    return !this.destroyed && String(code).toUpperCase() === this.code;
  }

  handleStatus(status) {
    if (this.destroyed) return;
    state.connection = status === 'reconnected' ? 'connected' : status === 'closed' ? 'disconnected' : status;
    switch (status) {
      case 'reconnecting':
        this.screen?.pauseSending?.();
        this.setStatus('room.connectionLost');
        break;
      case 'reconnected':
        this.clearStatus();
        this.join().catch((error) => this.failed(error));
        break;
      case 'closed':
        this.screen?.pauseSending?.();
        this.setStatus('room.disconnected', { labelKey: 'room.reconnect', run: () => this.reconnect() });
        break;
      default:
    }
  }

  async reconnect() {
    this.setStatus('room.reconnecting');
    try {
      await this.connect();
      this.clearStatus();
      await this.join();
    } catch (error) {
      this.setStatus('room.stillDisconnected', { labelKey: 'room.reconnect', run: () => this.reconnect() });
      showError(error);
    }
  }

  async leave() {
    this.leaving = true;
    try {
      await this.invoke('LeaveRoom', this.code);
    } catch (error) {
      if (error.code !== NOT_IN_ROOM) showError(error);
    }
    navigate('/');
  }

  removed() {
    if (this.destroyed) return;
    navigate('/');
    showError({ message: t('room.removed', { code: this.code }) });
  }

  failed(error) {
    // The banner carries the server's reason; the page offers the way on.
    const fatal = FATAL_JOIN.has(error?.code);
    this.showMessage('room.joinFailed', { retry: !fatal, withHomeLink: true });
    showError(error);
  }

  /** A message in place of a screen: `key` is said with the room's code, and again after a language switch. */
  showMessage(key, options = {}) {
    const { retry = false, withHomeLink = false } = options;
    const text = t(key, { code: this.code });
    this.message = { key, options };
    this.screen?.destroy();
    this.screen = null;
    this.kind = null;
    clear(this.container);
    this.container.appendChild(h('section', { class: 'screen message-screen' },
      h('div', { class: 'card narrow' },
        h('p', { class: 'message', 'data-testid': 'room-message', text }),
        h('div', { class: 'actions' },
          retry ? h('button', { type: 'button', class: 'btn btn-primary', text: t('common.tryAgain'), onclick: () => { hideError(); this.enter(); } }) : null,
          withHomeLink ? h('a', { class: 'btn', href: '/', 'data-link': true, text: t('common.backHome') }) : null))));
  }

  destroy() {
    this.destroyed = true;
    this.stopRelabel?.();
    document.removeEventListener('keydown', this.keydown);
    this.screen?.destroy();
    this.screen = null;
    this.clearStatus();
    state.room = null;
    state.you = null;
    state.progress = null;
    state.connection = 'disconnected';
    this.connection?.stop();
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
