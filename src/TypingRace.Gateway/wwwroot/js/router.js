// The pages: "/" (home), "/r/{CODE}" (a room), "/leaderboards?..." (the boards,
// the board chosen by the query string), "/p/{playerId}" (a player's stats) and
// the cohort pages: "/c" (create one), "/c/{CODE}" (a student's view) and
// "/c/{CODE}/console" (the instructor's), "/replay/{raceId}" (a finished race played again) and
// "/fair-play" (what each fair-play flag means).
// Navigation is done with the History API. A fresh load of a path needs the server
// to answer it with index.html (MapFallbackToFile in GatewayHostingExtensions).

const ROOM_PATH = /^\/r\/([^/]+)\/?$/;
const LEADERBOARDS_PATH = /^\/leaderboards\/?$/;
const PLAYER_PATH = /^\/p\/([^/]+)\/?$/;
const COHORT_NEW_PATH = /^\/c\/?$/;
const COHORT_PATH = /^\/c\/([^/]+)(\/console)?\/?$/;
const REPLAY_PATH = /^\/replay\/([^/]+)\/?$/;
const FAIR_PLAY_PATH = /^\/fair-play\/?$/;

export const ROOM_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normalizeCode(text) {
  return String(text ?? '').trim().toUpperCase();
}

export function isValidCode(code) {
  return code.length === 6 && Array.from(code).every((c) => ROOM_ALPHABET.includes(c));
}

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseRoute(pathname = location.pathname, search = location.search) {
  const room = ROOM_PATH.exec(pathname);
  if (room) return { name: 'room', code: normalizeCode(decode(room[1])) };
  if (LEADERBOARDS_PATH.test(pathname)) return { name: 'leaderboards', query: new URLSearchParams(search) };
  const player = PLAYER_PATH.exec(pathname);
  if (player) return { name: 'player', playerId: decode(player[1]) };
  if (COHORT_NEW_PATH.test(pathname)) return { name: 'cohort-new' };
  const cohort = COHORT_PATH.exec(pathname);
  if (cohort) return { name: cohort[2] ? 'cohort-console' : 'cohort', code: normalizeCode(decode(cohort[1])) };
  if (FAIR_PLAY_PATH.test(pathname)) return { name: 'fair-play' };
  const replay = REPLAY_PATH.exec(pathname);
  if (replay) return { name: 'replay', raceId: decode(replay[1]) };
  return { name: 'home' };
}

export function roomPath(code) {
  return `/r/${encodeURIComponent(code)}`;
}

export function playerPath(playerId) {
  return `/p/${encodeURIComponent(playerId)}`;
}

/** "/leaderboards?scope=guide&guide=..." from a board choice (see leaderboard-choice.js). */
export function leaderboardsPath(params) {
  const query = new URLSearchParams(params).toString();
  return query ? `/leaderboards?${query}` : '/leaderboards';
}

export function replayPath(raceId) {
  return `/replay/${encodeURIComponent(raceId)}`;
}

export function cohortPath(code) {
  return `/c/${encodeURIComponent(code)}`;
}

export function cohortConsolePath(code) {
  return `${cohortPath(code)}/console`;
}

export function roomLink(code) {
  return `${location.origin}${roomPath(code)}`;
}

let listener = () => {};

export function onRouteChange(fn) {
  listener = fn;
  window.addEventListener('popstate', () => listener(parseRoute()));
  // Same-origin links marked data-link navigate without a reload.
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-link]');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  });
}

export function navigate(path, { replace = false } = {}) {
  if (path !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }
  listener(parseRoute());
}

/** Changes the address (for example a board's query string) without showing another page. */
export function replacePath(path) {
  if (path !== location.pathname + location.search) history.replaceState(null, '', path);
}

/**
 * Shows the current page again, built anew (after a language switch): the same address, no history entry. A page
 * holding what a rebuild would lose (holdsUnsaved) is left as it is.
 */
export function redraw() {
  listener(parseRoute(), { redraw: true });
}
