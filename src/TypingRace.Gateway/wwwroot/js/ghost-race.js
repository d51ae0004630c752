// Ghost races (docs/protocol.md, "Ghost races"): race your best, your class's
// median run, or the racers of a replay. The server finds the runs and seats
// them as ghosts, in the player's room or in a new one; this module asks for
// it and takes the player to the room.

import { h, setText } from './dom.js';
import { request, whileKeysPending } from './api.js';
import { currentToken, hasIdentity } from './identity.js';
import { navigate, roomPath } from './router.js';
import { t, tn, errorMessage } from './i18n.js';

/** POST /api/ghost-races; answers { code, link, ghosts }. A run's race that just ended is asked again. */
export function openGhostRace(body) {
  return whileKeysPending(() => request('POST', '/api/ghost-races', { token: currentToken(), body }));
}

/**
 * The host's card for racing their own best run of the room's passage, typed
 * again by the room: in the lobby, and on the results before racing again.
 */
export function bestGhostCard(code) {
  const status = h('p', { class: 'field-help', role: 'status', 'data-testid': 'ghost-status' });
  return h('div', { class: 'card host-panel', 'data-testid': 'best-ghost-card' },
    h('h3', { text: t('ghost.bestTitle') }),
    h('p', { class: 'muted', text: t('ghost.bestIntro') }),
    h('div', { class: 'actions' }, ghostRaceButton({
      label: t('ghost.addBest'), testid: 'add-best-ghost', status, stay: true, body: () => ({ kind: 'best', room: code }),
    })),
    status);
}

/**
 * A button that opens a ghost race and, unless it seats the ghosts in the
 * room the player is in, goes to the new room. `status` shows what went wrong.
 * @param {{label: string, testid: string, body: () => object, status: HTMLElement, stay?: boolean}} options
 */
export function ghostRaceButton({ label, testid, body, status, stay = false }) {
  const button = h('button', { type: 'button', class: 'btn', 'data-testid': testid, text: label });
  button.addEventListener('click', async () => {
    if (!hasIdentity()) {
      setText(status, t('ghost.needName'));
      return;
    }
    button.disabled = true;
    setText(status, t('ghost.finding'));
    try {
      const opened = await openGhostRace(body());
      setText(status, tn('ghost.inRoom', opened.ghosts.length, { names: opened.ghosts.join(', ') }));
      if (!stay) navigate(roomPath(opened.code));
    } catch (error) {
      setText(status, errorMessage(error));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
