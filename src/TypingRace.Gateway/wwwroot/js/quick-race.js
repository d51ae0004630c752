// "Quick race" on the home page: the next public race of a length class with
// whoever is waiting (docs/protocol.md, "Quick race"). The server matches and
// starts it; this card joins the queue, says how it stands once a second, and
// takes the player to the room. Leaving the page leaves the queue.

import { h, setText } from './dom.js';
import { request } from './api.js';
import { currentToken } from './identity.js';
import { navigate, roomPath } from './router.js';
import { segmented } from './segmented.js';
import { t, errorMessage } from './i18n.js';

const POLL_MS = 1_000;
// The length classes, by the keys of their labels.
const LENGTHS = [['short', 'length.short'], ['medium', 'length.medium'], ['long', 'length.long']];

const quickRaceApi = {
  join: (length, bots) => request('POST', '/api/quick-race', { token: currentToken(), body: { length, bots } }),
  status: (length) => request('GET', `/api/quick-race?length=${encodeURIComponent(length)}`, { token: currentToken() }),
  leave: (length) => request('DELETE', `/api/quick-race?length=${encodeURIComponent(length)}`, { token: currentToken() }),
};

// A card destroyed while waiting leaves its queue a moment later, unless a card made meanwhile takes the place over:
// a language switch draws the home page anew in one go, and the player must not lose their place for it.
let handedOver = null;

export class QuickRaceCard {
  /** @param {{ensurePlayer: () => Promise<boolean>}} options */
  constructor({ ensurePlayer }) {
    this.ensurePlayer = ensurePlayer;
    this.length = 'short';
    this.waitingFor = null;
    this.timer = 0;
    const length = segmented({
      legend: t('common.length'), testid: 'quick-length', options: LENGTHS.map(([value, label]) => ({ value, label: t(label) })),
      onChange: (value) => { this.length = value; },
    });
    length.set('short');
    this.bots = h('input', { type: 'checkbox', id: 'quick-bots', 'data-testid': 'quick-bots' });
    this.find = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'quick-race', text: t('quick.find') });
    this.cancel = h('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'quick-cancel', text: t('quick.cancel'), hidden: true, onclick: () => this.stop() });
    this.status = h('p', { class: 'field-help', 'data-testid': 'quick-status', role: 'status' });
    if (handedOver) {
      ({ length: this.waitingFor } = handedOver);
      handedOver = null;
      length.set(this.waitingFor);
      this.length = this.waitingFor;
      this.find.disabled = true;
      this.cancel.hidden = false;
      this.timer = setTimeout(() => this.poll(), 0);
    }
    this.el = h('form', { class: 'card quick-race', 'data-testid': 'quick-race-card', 'aria-labelledby': 'quick-title', onsubmit: (e) => { e.preventDefault(); this.start(); } },
      h('h2', { id: 'quick-title', text: t('quick.title') }),
      h('p', { class: 'muted', text: t('quick.intro') }),
      length.el,
      h('label', { class: 'check', for: 'quick-bots' }, this.bots, t('quick.bots')),
      h('div', { class: 'actions' }, this.find, this.cancel),
      this.status);
  }

  async start() {
    if (!(await this.ensurePlayer())) return;
    this.find.disabled = true;
    try {
      const view = await quickRaceApi.join(this.length, this.bots.checked);
      this.waitingFor = this.length;
      this.cancel.hidden = false;
      this.show(view);
    } catch (error) {
      setText(this.status, errorMessage(error));
      this.find.disabled = false;
    }
  }

  show(view) {
    clearTimeout(this.timer);
    if (view.state === 'matched' && view.roomCode) {
      this.waitingFor = null;
      setText(this.status, t('quick.found'));
      navigate(roomPath(view.roomCode));
      return;
    }
    if (view.state !== 'waiting') {
      this.reset(t('quick.notQueued'));
      return;
    }
    const seconds = view.startsBy ? Math.max(0, Math.ceil((Date.parse(view.startsBy) - Date.now()) / 1000)) : null;
    setText(this.status, t('quick.waiting', { waiting: view.waiting, size: view.size })
      + (seconds === null ? '' : t('quick.startsWithin', { seconds })));
    this.el.dataset.waiting = String(view.waiting);
    this.timer = setTimeout(() => this.poll(), POLL_MS);
  }

  async poll() {
    if (!this.waitingFor) return;
    try {
      this.show(await quickRaceApi.status(this.waitingFor));
    } catch (error) {
      // A missed answer is asked again a second later; the queue keeps the place.
      setText(this.status, t('quick.stillWaiting', { message: errorMessage(error) }));
      this.timer = setTimeout(() => this.poll(), POLL_MS);
    }
  }

  async stop() {
    const length = this.waitingFor;
    this.reset(t('quick.left'));
    if (length) await quickRaceApi.leave(length).catch(() => {});
  }

  reset(text) {
    clearTimeout(this.timer);
    this.waitingFor = null;
    this.cancel.hidden = true;
    this.find.disabled = false;
    delete this.el.dataset.waiting;
    setText(this.status, text);
  }

  /** Leaving the page while waiting leaves the queue; a player on the way to their room, or a redrawn page, keeps it. */
  destroy() {
    clearTimeout(this.timer);
    if (this.waitingFor) {
      const place = { length: this.waitingFor };
      handedOver = place;
      queueMicrotask(() => {
        if (handedOver !== place) return;
        handedOver = null;
        quickRaceApi.leave(place.length).catch(() => {});
      });
    }
    this.waitingFor = null;
  }
}
