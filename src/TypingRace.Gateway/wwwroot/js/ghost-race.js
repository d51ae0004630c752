// Ghost races (docs/protocol.md, "Ghost races"): race your best, your class's
// median run, or the racers of a replay. The server finds the runs and seats
// them as ghosts, in the player's room or in a new one; this module asks for
// it and takes the player to the room.

import { h, setText } from './dom.js';
import { request, whileKeysPending } from './api.js';
import { currentToken, hasIdentity } from './identity.js';
import { navigate, roomPath } from './router.js';

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
    h('h3', { text: 'Race your best' }),
    h('p', { class: 'muted', text: 'Your fastest ranked run of this passage joins as a ghost and types it again exactly as you did. A ghost is never placed or ranked; kick it to remove it.' }),
    h('div', { class: 'actions' }, ghostRaceButton({
      label: 'Add my best', testid: 'add-best-ghost', status, stay: true, body: () => ({ kind: 'best', room: code }),
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
      setText(status, 'Choose a name on the home page first: ghosts race against a player.');
      return;
    }
    button.disabled = true;
    setText(status, 'Finding the run…');
    try {
      const opened = await openGhostRace(body());
      setText(status, `${opened.ghosts.join(', ')} ${opened.ghosts.length === 1 ? 'is' : 'are'} in the room.`);
      if (!stay) navigate(roomPath(opened.code));
    } catch (error) {
      setText(status, error.message);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
