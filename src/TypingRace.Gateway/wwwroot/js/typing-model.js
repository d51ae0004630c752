// A local copy of the server's typing rule (the TypeRacer rule), used only to
// predict what the screen shows before the server's ack arrives. The ack wins.
//
// A typing state is { position, errors }: `position` counts correct code points,
// `errors` holds the wrong code points typed since (null where unknown, e.g.
// after a reconnect the server tells only how many there are).
//
// The rule's numbers are the server's (Rooms:ErrorRunCap is configurable), so
// they come with the passage and are never copied here.

export const BACKSPACE = '\b';
export const ENTER = '\n';

export function initialTyping(position = 0, errorLength = 0) {
  return { position, errors: new Array(Math.max(0, errorLength)).fill(null) };
}

/**
 * The passage as the typing rule needs it: its code points, which of them
 * the server fills in (the room view's `autoFilled` ranges: a new line's
 * indentation, characters with no key), and the room's cap on an error run
 * (the passage's `errorRunCap`). The rules for those are the server's; here
 * they are only read.
 */
export function typingText(text, autoFilled = [], errorRunCap = null) {
  const chars = Array.from(text ?? '');
  const filled = new Array(chars.length).fill(false);
  for (const { start, length } of autoFilled ?? []) {
    for (let i = Math.max(0, start); i < Math.min(chars.length, start + length); i++) filled[i] = true;
  }
  // A cap below one is no rule the engine allows: a view without one (an older server) reads 0.
  return { chars, filled, errorRunCap: errorRunCap > 0 ? errorRunCap : null };
}

/** The first position at or after <position> the racer types. */
export function skipFilled(text, position) {
  let at = position;
  while (at < text.chars.length && text.filled[at]) at += 1;
  return at;
}

/** Applies one protocol key ("\b", "\n", a character, or an IME commit) to a typingText. */
export function applyKey(text, typing, key) {
  const { chars } = text;
  if (key === BACKSPACE) {
    // Backspace only takes back wrong characters; correct text stays typed.
    if (typing.errors.length === 0) return typing;
    return { position: typing.position, errors: typing.errors.slice(0, -1) };
  }
  // Without the server's cap nothing is capped here: its ack puts the screen right.
  const errorRunCap = text.errorRunCap ?? Infinity;
  let { position } = typing;
  let errors = typing.errors;
  for (const ch of Array.from(key)) {
    if (position >= chars.length && errors.length === 0) break; // finished
    if (errors.length === 0 && chars[position] === ch) {
      position = skipFilled(text, position + 1);
    } else if (errors.length < errorRunCap) {
      errors = [...errors, ch];
    }
  }
  return { position, errors };
}

export function applyKeys(text, typing, keys) {
  let result = typing;
  for (const key of keys) result = applyKey(text, result, key.k ?? key);
  return result;
}

/**
 * Takes the server's word for position and error count, keeping the wrong
 * characters we predicted where the counts agree.
 */
export function reconcile(predicted, ack) {
  const errorLength = Math.max(0, ack.errorLength ?? 0);
  const samePlace = predicted.position === ack.position;
  const errors = new Array(errorLength).fill(null);
  if (samePlace) {
    for (let i = 0; i < errorLength && i < predicted.errors.length; i++) errors[i] = predicted.errors[i];
  }
  return { position: ack.position, errors };
}

export function isFinished(text, typing) {
  return typing.position >= text.chars.length && typing.errors.length === 0;
}
