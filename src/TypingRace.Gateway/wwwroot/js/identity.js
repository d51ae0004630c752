// Who this browser is: registers a player once, keeps the token, re-registers
// if the stored token stops working (for example after the server forgot it).

import { api, ApiError } from './api.js';
import { loadPlayer, savePlayer, clearPlayer } from './storage.js';
import { state } from './state.js';
import { tagOf } from './format.js';
import { INVALID_NAME } from './error-codes.js';

let token = null;
const listeners = new Set();

export function currentToken() {
  return token;
}

export function onIdentityChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function adopt({ playerId, name, tag }, newToken) {
  const tokenChanged = newToken !== token;
  token = newToken;
  state.player = { playerId, name, tag: tag ?? tagOf(playerId) };
  savePlayer({ playerId, token, name });
  for (const fn of listeners) fn(state.player, tokenChanged);
}

/**
 * Checks the stored identity with GET /api/players/me.
 * @returns {Promise<{roomCode: string|null} | null>} the "me" answer, or null when there is no player yet.
 */
export async function restoreIdentity() {
  const stored = loadPlayer();
  if (!stored) return null;
  try {
    const me = await api.getMe(stored.token);
    adopt(me, stored.token);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return reRegister(stored.name);
    }
    if (error instanceof ApiError && error.status === 0) {
      // Offline for now: keep the stored identity; calls will fail visibly.
      adopt({ playerId: stored.playerId, name: stored.name }, stored.token);
      return { ...state.player, roomCode: null };
    }
    throw error;
  }
}

async function reRegister(name) {
  if (!name) {
    clearPlayer();
    return null;
  }
  try {
    await register(name);
    return { ...state.player, roomCode: null };
  } catch (error) {
    if (error instanceof ApiError && error.code === INVALID_NAME) {
      clearPlayer();
      return null;
    }
    throw error;
  }
}

/**
 * After a 401 anywhere else. Another tab may have renewed the token (signing other devices out does): take the
 * stored one if it is newer and works; only a token nobody renewed means a new player.
 */
export async function recoverFromUnauthorized() {
  const stored = loadPlayer();
  if (stored?.token && stored.token !== token) {
    try {
      const me = await api.getMe(stored.token);
      adopt(me, stored.token);
      return { ...state.player, roomCode: me.roomCode ?? null };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
  }
  return reRegister(state.player?.name ?? stored?.name ?? '');
}

/** Becomes the player of another device, with a token of this device's own (docs/protocol.md, "Other devices"). */
export async function signInWithCode(code) {
  const signedIn = await api.signInWithCode(code);
  adopt(signedIn, signedIn.token);
  return state.player;
}

/** Signs every other device out (a lost phone, a lab computer); this browser stays this player with a new token. */
export async function signOutEverywhere() {
  const renewed = await api.signOutEverywhere(token);
  adopt(renewed, renewed.token);
  return state.player;
}

export async function register(name) {
  const created = await api.registerPlayer(name);
  adopt(created, created.token);
  return state.player;
}

/** Registers on first use, renames afterwards. */
export async function saveName(name) {
  if (!token) return register(name);
  try {
    const me = await api.renameMe(token, name);
    adopt(me, token);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return register(name);
    throw error;
  }
  return state.player;
}

export function hasIdentity() {
  return !!token && !!state.player;
}
