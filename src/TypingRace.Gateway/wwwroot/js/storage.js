// The player's identity lives in localStorage so a reload or a share link
// keeps the same player (and so the same room seat).

const KEY = 'typingrace.player';

/** @returns {{playerId: string, token: string, name: string} | null} */
export function loadPlayer() {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw);
    if (typeof value?.playerId !== 'string' || typeof value?.token !== 'string') return null;
    return { playerId: value.playerId, token: value.token, name: typeof value.name === 'string' ? value.name : '' };
  } catch {
    return null;
  }
}

export function savePlayer({ playerId, token, name }) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ playerId, token, name }));
  } catch {
    // Storage can be disabled (private mode); the game still works for this tab.
  }
}

export function clearPlayer() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // See savePlayer.
  }
}

const LANGUAGE_KEY = 'typingrace.language';

/** The language the player chose in the header, or null when they never chose. */
export function loadLanguage() {
  try {
    return localStorage.getItem(LANGUAGE_KEY);
  } catch {
    return null;
  }
}

export function saveLanguage(language) {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // See savePlayer: without storage the choice lasts for this page only.
  }
}
