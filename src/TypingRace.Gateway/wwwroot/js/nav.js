// The header's navigation: Race, Leaderboards, Cohorts and My stats (the
// signed-in player's page), with the current page marked.

import { state } from './state.js';
import { playerPath } from './router.js';

function links() {
  return {
    race: document.querySelector('[data-nav=race]'),
    leaderboards: document.querySelector('[data-nav=leaderboards]'),
    cohorts: document.querySelector('[data-nav=cohorts]'),
    me: document.querySelector('[data-nav=me]'),
  };
}

/** Which nav link a route belongs to, if any. */
function sectionOf(route) {
  if (!route || route.name === 'home' || route.name === 'room') return 'race';
  if (route.name === 'leaderboards') return 'leaderboards';
  if (route.name.startsWith('cohort')) return 'cohorts';
  if (route.name === 'player' && route.playerId === state.player?.playerId) return 'me';
  return null;
}

let lastRoute = null;

/** Call on every page change and identity change. */
export function renderNav(route = lastRoute) {
  lastRoute = route;
  const nav = links();
  if (nav.me) {
    // "My stats" needs a player: one exists once a name has been saved.
    nav.me.hidden = !state.player;
    nav.me.setAttribute('href', state.player ? playerPath(state.player.playerId) : '/');
  }
  const current = sectionOf(route);
  for (const [key, link] of Object.entries(nav)) {
    if (!link) continue;
    if (key === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}
