// The client's shared state. Screens read it; only the controllers write it.
// A copy is exposed as window.typingRace.state for debugging and browser tests.

export const state = {
  /** {playerId, name, tag}; the token is kept out of here on purpose. */
  player: null,
  /** 'home' | 'name' | 'lobby' | 'countdown' | 'racing' | 'results' | 'error' | 'leaderboards' | 'player' */
  screen: 'home',
  /** 'disconnected' | 'connecting' | 'connected' | 'reconnecting' */
  connection: 'disconnected',
  /** The latest room view (docs/protocol.md "Room view"). */
  room: null,
  /** `you` from the latest JoinRoom answer. */
  you: null,
  /** A room this player just made to practise alone: its lobby starts the race as soon as it opens. */
  startOnArrival: null,
  /** The latest progress frame of the current race. */
  progress: null,
  /** Server clock minus local clock, in ms, measured when a view arrives. */
  clockOffset: 0,
  /** Own race state: what the screen shows (server ack + keys not yet acked). */
  own: {
    position: 0,
    errorLength: 0,
    serverPosition: 0,
    serverErrorLength: 0,
    lastAckedSeq: 0,
    unackedKeys: 0,
    hints: 0,
    wpm: 0,
    accuracy: null,
    finished: false,
  },
};

export function serverNow() {
  return Date.now() + state.clockOffset;
}

export function noteServerTime(serverTime) {
  if (Number.isFinite(serverTime)) state.clockOffset = serverTime - Date.now();
}

export function resetOwn(values = {}) {
  Object.assign(state.own, {
    position: 0, errorLength: 0, serverPosition: 0, serverErrorLength: 0,
    lastAckedSeq: 0, unackedKeys: 0, hints: 0, wpm: 0, accuracy: null, finished: false,
  }, values);
}

export function exposeForDebugging() {
  const api = Object.freeze({
    get state() {
      // A copy, so poking at it from the console cannot corrupt the game.
      return Object.freeze(structuredClone(state));
    },
  });
  try {
    Object.defineProperty(window, 'typingRace', { value: api, writable: false, configurable: false });
  } catch {
    // Already defined (module evaluated twice); keep the first.
  }
}
