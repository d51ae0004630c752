// The browser's copy of the typing rule, as a player sees it before the server's ack.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKSPACE, ENTER, applyKey, applyKeys, initialTyping, isFinished, reconcile, skipFilled, typingText,
} from '../../../../src/TypingRace.Gateway/wwwroot/js/typing-model.js';

const type = (text, keys, from = initialTyping()) => applyKeys(text, from, keys);

describe('typing the passage', () => {
  const text = typingText('the cat', [], 8);

  test('correct keys move the cursor on', () => {
    assert.deepEqual(type(text, ['t', 'h', 'e']), { position: 3, errors: [] });
  });

  test('a wrong key starts an error run, and the right key after it is wrong too', () => {
    assert.deepEqual(type(text, ['t', 'x', 'h']), { position: 1, errors: ['x', 'h'] });
  });

  test('Enter types the newline', () => {
    assert.deepEqual(type(typingText('a\nb'), ['a', ENTER, 'b']), { position: 3, errors: [] });
  });

  test('keys may be the protocol\'s { k, t } objects', () => {
    assert.deepEqual(type(text, [{ k: 't', t: 0 }, { k: 'h', t: 90 }]), { position: 2, errors: [] });
  });
});

describe('the error-run cap comes from the server', () => {
  test('typingText keeps the passage\'s cap', () => {
    assert.equal(typingText('abc', [], 3).errorRunCap, 3);
    assert.equal(typingText('abc').errorRunCap, null);
    // A view from a server that sends no cap reads 0: no cap, rather than a run that can hold nothing.
    assert.equal(typingText('abc', [], 0).errorRunCap, null);
  });

  test('wrong keys past the cap are ignored', () => {
    const text = typingText('abcdef', [], 3);
    assert.deepEqual(type(text, ['a', 'x', 'y', 'z', 'w', 'v']), { position: 1, errors: ['x', 'y', 'z'] });
  });

  test('a cap of 8 keeps 8, a cap of 12 keeps 12', () => {
    const wrong = Array(20).fill('#');
    assert.equal(type(typingText('abc', [], 8), wrong).errors.length, 8);
    assert.equal(type(typingText('abc', [], 12), wrong).errors.length, 12);
  });

  test('without a cap nothing is capped: the ack corrects the screen', () => {
    const wrong = Array(20).fill('#');
    assert.equal(type(typingText('abc'), wrong).errors.length, 20);
    assert.equal(type(typingText('abc', [], undefined), wrong).errors.length, 20);
  });

  test('after a backspace at the cap a wrong key counts again', () => {
    const text = typingText('abc', [], 2);
    assert.deepEqual(type(text, ['x', 'y', 'z', BACKSPACE, 'w']), { position: 0, errors: ['x', 'w'] });
  });
});

describe('backspace', () => {
  const text = typingText('hello', [], 8);

  test('takes back wrong characters, newest first', () => {
    assert.deepEqual(type(text, ['h', 'x', 'y', BACKSPACE]), { position: 1, errors: ['x'] });
    assert.deepEqual(type(text, ['h', 'x', 'y', BACKSPACE, BACKSPACE, 'e']), { position: 2, errors: [] });
  });

  test('leaves correct text typed', () => {
    const typed = type(text, ['h', 'e']);
    assert.equal(applyKey(text, typed, BACKSPACE), typed);
  });
});

describe('auto-filled characters', () => {
  // After "if x:\n" the editor fills in four spaces of indentation.
  const text = typingText('if x:\n    y', [{ start: 6, length: 4 }], 8);

  test('the cursor skips them after a correct key', () => {
    assert.deepEqual(type(text, Array.from('if x:\n')), { position: 10, errors: [] });
    assert.ok(isFinished(text, type(text, Array.from('if x:\ny'))));
  });

  test('typing them is a mistake', () => {
    assert.deepEqual(type(text, [...Array.from('if x:\n'), ' ']), { position: 10, errors: [' '] });
  });

  test('skipFilled finds the first character to type', () => {
    const opening = typingText('  ab', [{ start: 0, length: 2 }]);
    assert.equal(skipFilled(opening, 0), 2);
    assert.equal(skipFilled(opening, 3), 3);
  });

  test('ranges past the end of the text are clipped', () => {
    assert.deepEqual(typingText('ab', [{ start: 1, length: 5 }]).filled, [false, true]);
  });
});

describe('IME commits of several code points', () => {
  test('a commit is judged code point by code point', () => {
    const text = typingText('日本語', [], 8);
    assert.deepEqual(type(text, ['日本']), { position: 2, errors: [] });
    assert.deepEqual(type(text, ['日x語']), { position: 1, errors: ['x', '語'] });
  });

  test('a character outside the BMP is one code point', () => {
    const text = typingText('a😀b', [], 8);
    assert.equal(text.chars.length, 3);
    assert.deepEqual(type(text, ['a', '😀']), { position: 2, errors: [] });
  });

  test('the cap applies inside one commit', () => {
    assert.deepEqual(type(typingText('abc', [], 2), ['xyzw']), { position: 0, errors: ['x', 'y'] });
  });
});

describe('finishing', () => {
  const text = typingText('ok', [], 8);

  test('the last correct key finishes, with no error left', () => {
    assert.equal(isFinished(text, type(text, ['o'])), false);
    assert.equal(isFinished(text, type(text, ['o', 'k'])), true);
  });

  test('keys after the end change nothing', () => {
    assert.deepEqual(type(text, ['o', 'k', 'x', 'k']), { position: 2, errors: [] });
  });
});

describe('reconciling with the server\'s ack', () => {
  test('the ack\'s position and error count win', () => {
    const predicted = { position: 3, errors: ['x'] };
    assert.deepEqual(reconcile(predicted, { position: 5, errorLength: 2 }), { position: 5, errors: [null, null] });
  });

  test('at the same place the predicted wrong characters are kept', () => {
    const predicted = { position: 3, errors: ['x', 'y', 'z'] };
    assert.deepEqual(reconcile(predicted, { position: 3, errorLength: 2 }), { position: 3, errors: ['x', 'y'] });
    assert.deepEqual(reconcile(predicted, { position: 3, errorLength: 4 }), { position: 3, errors: ['x', 'y', 'z', null] });
  });

  test('a missing error count is none', () => {
    assert.deepEqual(reconcile({ position: 1, errors: ['x'] }, { position: 1 }), { position: 1, errors: [] });
  });

  test('after a reconnect the wrong characters are unknown but counted', () => {
    assert.deepEqual(initialTyping(4, 2), { position: 4, errors: [null, null] });
    // Backspace still takes one back.
    assert.deepEqual(applyKey(typingText('abcdefgh'), initialTyping(4, 2), BACKSPACE), { position: 4, errors: [null] });
  });
});
