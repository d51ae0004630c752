// Entry point: restores the player, then shows home, a room, the leaderboards,
// a player page or a cohort page by URL.

import { clear, setText } from './dom.js';
import { state, exposeForDebugging } from './state.js';
import { initBanners, showError } from './banner.js';
import { restoreIdentity, hasIdentity, onIdentityChange } from './identity.js';
import { parseRoute, onRouteChange, navigate, isValidCode, roomPath } from './router.js';
import { displayName } from './format.js';
import { HomeScreen, NamePromptScreen } from './home.js';
import { RoomController } from './room.js';
import { LeaderboardScreen } from './leaderboard-page.js';
import { PlayerScreen } from './player-page.js';
import { ReplayScreen } from './replay.js';
import { FairPlayScreen } from './fair-play.js';
import { renderNav } from './nav.js';
import { CohortCreateScreen, CohortScreen } from './cohort-page.js';
import { CohortConsoleScreen } from './cohort-console.js';
import { initPreferences, themeSwitch } from './preferences.js';
import { BAD_ROOM_CODE } from './error-codes.js';

const COHORT_SCREENS = { 'cohort-new': CohortCreateScreen, cohort: CohortScreen, 'cohort-console': CohortConsoleScreen };

const main = document.getElementById('main');
let current = null;

function renderHeader() {
  const el = document.getElementById('header-player');
  if (el) setText(el, state.player ? displayName(state.player.name, state.player.tag) : '');
  renderNav();
}

function show(route, { redraw = false } = {}) {
  // A key shown only once, or a draft the player is writing, outweighs a language switch: that page keeps its words
  // until the player leaves it.
  if (redraw && current?.holdsUnsaved?.()) return;
  const changedPage = current !== null;
  current?.destroy();
  current = null;
  clear(main);
  renderNav(route);
  document.title = 'TypingRace';
  if (changedPage) window.scrollTo(0, 0);

  if (route.name === 'leaderboards') {
    state.screen = 'leaderboards';
    current = new LeaderboardScreen({ query: route.query });
    current.mount(main);
    return;
  }

  if (route.name === 'fair-play') {
    state.screen = 'fair-play';
    current = new FairPlayScreen();
    current.mount(main);
    return;
  }

  if (route.name === 'replay') {
    state.screen = 'replay';
    current = new ReplayScreen({ raceId: route.raceId });
    current.mount(main);
    return;
  }

  if (route.name === 'player') {
    state.screen = 'player';
    current = new PlayerScreen({ playerId: route.playerId });
    current.mount(main);
    return;
  }

  if (COHORT_SCREENS[route.name]) {
    state.screen = route.name;
    current = new COHORT_SCREENS[route.name]({ code: route.code });
    current.mount(main);
    return;
  }

  if (route.name === 'room' && !isValidCode(route.code)) {
    showError({ code: BAD_ROOM_CODE, message: `"${route.code}" is not a room code. Codes are 6 letters and digits.` });
    navigate('/', { replace: true });
    return;
  }

  if (route.name === 'room') {
    if (location.pathname !== roomPath(route.code)) history.replaceState(null, '', roomPath(route.code));
    if (!hasIdentity()) {
      state.screen = 'name';
      current = new NamePromptScreen({ code: route.code, onDone: () => show(route) });
      current.mount(main);
      return;
    }
    current = new RoomController({ code: route.code, container: main });
    current.enter();
    return;
  }

  state.screen = 'home';
  current = new HomeScreen({ onIdentity: renderHeader });
  current.mount(main);
}

async function boot() {
  exposeForDebugging();
  initPreferences();
  document.querySelector('.site-header')?.appendChild(themeSwitch().el);
  initBanners();
  window.addEventListener('error', (event) => {
    // Chrome reports this benign layout notice as an error event.
    if (/ResizeObserver loop/.test(event.message ?? '')) return;
    showError(event.error ?? event.message);
  });
  window.addEventListener('unhandledrejection', (event) => {
    event.preventDefault();
    showError(event.reason);
  });
  onIdentityChange(renderHeader);

  try {
    await restoreIdentity();
  } catch (error) {
    showError(error);
  }
  renderHeader();
  onRouteChange(show);
  show(parseRoute());
}

boot();
