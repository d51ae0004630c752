// REST calls (see docs/protocol.md). Errors become ApiError with the server's code.

import { NETWORK, REPLAY_PENDING, UNAUTHORIZED, httpStatusCode } from './error-codes.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * One REST call. `headers` adds to the usual ones (the cohort console sends its
 * instructor key so); `raw` answers the Response itself, for downloads.
 */
export async function request(method, path, { body, token, headers: extra, raw = false } = {}) {
  const headers = { Accept: 'application/json', ...extra };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, NETWORK, 'Cannot reach the server. Check your connection and try again.');
  }

  if (!response.ok) {
    let payload = null;
    try { payload = await response.json(); } catch { /* not JSON */ }
    const code = payload?.code ?? (response.status === 401 ? UNAUTHORIZED : httpStatusCode(response.status));
    const message = payload?.message ?? `The server answered ${response.status} ${response.statusText}.`.trim();
    throw new ApiError(response.status, code, message);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

// A race that ended a moment ago still has its last keys on the way to the store.
const PENDING_TRIES = 5;
const PENDING_RETRY_MS = 1_000;

/**
 * Calls `call` again while the server answers `replay-pending` (a race's last
 * keys are still being stored): a few tries, a second apart. `stopped` ends
 * the waiting early, for a page that was left.
 */
export async function whileKeysPending(call, { stopped = () => false } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (error.code !== REPLAY_PENDING || attempt >= PENDING_TRIES || stopped()) throw error;
      await new Promise((resolve) => { setTimeout(resolve, PENDING_RETRY_MS); });
    }
  }
}

let guidesPromise = null;
const guideDetails = new Map();

/** Retries a cached request next time if it failed. */
function cached(map, key, load) {
  if (!map.has(key)) {
    const promise = load().catch((error) => { map.delete(key); throw error; });
    map.set(key, promise);
  }
  return map.get(key);
}

export const api = {
  registerPlayer: (name) => request('POST', '/api/players', { body: { name } }),
  getMe: (token) => request('GET', '/api/players/me', { token }),
  /** A one-time code that signs this player in on another device. */
  issueDeviceCode: (token) => request('POST', '/api/players/me/device-code', { token }),
  signInWithCode: (code) => request('POST', '/api/players/device', { body: { code } }),
  /** Every other device's token stops working; this one gets a new token. */
  signOutEverywhere: (token) => request('POST', '/api/players/me/sign-out-everywhere', { token }),
  renameMe: (token, name) => request('PUT', '/api/players/me/name', { token, body: { name } }),

  /** The shipped guides, and with a token the player's imported ones too. */
  listGuides(token) {
    if (!guidesPromise) {
      guidesPromise = request('GET', '/api/guides', { token }).catch((error) => { guidesPromise = null; throw error; });
    }
    return guidesPromise;
  },
  /** What an import would save, for review; nothing is saved. */
  previewGuide: (token, importRequest) => request('POST', '/api/guides/preview', { token, body: importRequest }),
  async importGuide(token, importRequest) {
    const saved = await request('POST', '/api/guides', { token, body: importRequest });
    guidesPromise = null; // the list now has it
    return saved;
  },
  getGuide: (id) => cached(guideDetails, id, () => request('GET', `/api/guides/${encodeURIComponent(id)}`)),

  createRoom: (token, { guideId, paragraphIndex, length }) =>
    request('POST', '/api/rooms', { token, body: { guideId, paragraphIndex, length } }),
  getRoom: (code) => request('GET', `/api/rooms/${encodeURIComponent(code)}`),

  /** @param {{scope: string, id?: string, period: string, ranking: string, top?: number}} board */
  getLeaderboard: (board) => request('GET', `/api/leaderboards?${boardQuery(board, { top: board.top })}`),
  getRank: (board, playerId) => request('GET', `/api/leaderboards/rank?${boardQuery(board, { playerId })}`),
  /** A finished race to play again (docs/protocol.md, "Replays"); refusals carry `replay-pending` while its keys are stored. */
  getReplay: (raceId) => request('GET', `/api/races/${encodeURIComponent(raceId)}/replay`),
  getPlayerStats: (playerId) => request('GET', `/api/players/${encodeURIComponent(playerId)}/stats`),
  getWeakSpots: (playerId) => request('GET', `/api/players/${encodeURIComponent(playerId)}/weak-spots`),
};

function boardQuery({ scope, id, period, ranking }, extra) {
  const query = new URLSearchParams({ scope, period, ranking });
  if (id) query.set('id', id);
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== null) query.set(key, String(value));
  }
  return query.toString();
}
