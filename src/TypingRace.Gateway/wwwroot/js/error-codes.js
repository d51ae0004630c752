// The error codes the client acts on, in one place so that a code is spelled
// once: a typo in a comparison would silently never match.

// The server's, from the table in docs/protocol.md ("Errors").
export const UNAUTHORIZED = 'unauthorized';
export const INVALID_NAME = 'invalid-name';
export const RACE_NOT_FOUND = 'race-not-found';
export const REPLAY_PENDING = 'replay-pending';
export const BAD_ROOM_CODE = 'bad-room-code';
export const ROOM_NOT_FOUND = 'room-not-found';
export const ROOM_FULL = 'room-full';
export const NOT_IN_ROOM = 'not-in-room';
export const NOT_RACING = 'not-racing';
export const RACE_NOT_STARTED = 'race-not-started';
export const RACE_OVER = 'race-over';
export const DUPLICATE_BATCH = 'duplicate-batch';
export const OUT_OF_ORDER = 'out-of-order';
export const RATE_LIMITED = 'rate-limited';
export const ROOM_UNAVAILABLE = 'room-unavailable';
export const PLAYER_NOT_FOUND = 'player-not-found';

// The server's for cohorts, from docs/cohorts.md.
export const COHORT_NOT_FOUND = 'cohort-not-found';
export const NOT_A_MEMBER = 'not-a-member';
export const INSTRUCTOR_KEY_REQUIRED = 'instructor-key-required';
export const MARATHON_STARTED = 'marathon-started';
export const MARATHON_DONE = 'marathon-done';
export const NO_MARATHON = 'no-marathon';

// The client's own, for failures that never reached the server or came back without a code.
export const CONNECTION_LOST = 'connection-lost';
/** A batch sent with TypeKeys got neither an ack in a progress frame nor a refusal in time (frame-acks.js). */
export const ACK_TIMEOUT = 'ack-timeout';
export const NETWORK = 'network';
export const UNKNOWN = 'unknown';
/** A REST answer that carried no code of its own. */
export const httpStatusCode = (status) => `http-${status}`;
