// A local copy of the server's typing rule (the TypeRacer rule), used only to
// predict what the screen shows before the server's ack arrives. The ack wins.
//
// A typing state is { position, errors }: `position` counts correct code points,
// `errors` holds the wrong code points typed since (null where unknown, e.g.
// after a reconnect the server tells only how many there are).

export const MAX_ERROR_RUN = 8;
export const BACKSPACE = '\b';
export const ENTER = '\n';

export function initialTyping(position = 0, errorLength = 0) {
  return { position, errors: new Array(Math.max(0, errorLength)).fill(null) };
}

function isIndent(ch) {
  return ch === ' ' || ch === '\t';
}

/** Applies one protocol key ("\b", "\n", a character, or an IME commit). */
export function applyKey(chars, typing, key) {
  if (key === BACKSPACE) {
    // Backspace only takes back wrong characters; correct text stays typed.
    if (typing.errors.length === 0) return typing;
    return { position: typing.position, errors: typing.errors.slice(0, -1) };
  }
  let { position } = typing;
  let errors = typing.errors;
  for (const ch of Array.from(key)) {
    if (position >= chars.length && errors.length === 0) break; // finished
    if (errors.length === 0 && chars[position] === ch) {
      position += 1;
      if (ch === ENTER) {
        // Auto-indent: the next line's leading indentation is filled in.
        while (position < chars.length && isIndent(chars[position])) position += 1;
      }
    } else if (errors.length < MAX_ERROR_RUN) {
      errors = [...errors, ch];
    }
  }
  return { position, errors };
}

export function applyKeys(chars, typing, keys) {
  let result = typing;
  for (const key of keys) result = applyKey(chars, result, key.k ?? key);
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

export function isFinished(chars, typing) {
  return typing.position >= chars.length && typing.errors.length === 0;
}
