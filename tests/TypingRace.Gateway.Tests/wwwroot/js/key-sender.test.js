// The key sender over a fake SendKeys: what reaches the server, in which batches, and what the player sees.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeTimeouts } from './fake-timers.js';
import { KeySender, MAX_CHARS_PER_KEY, MAX_KEYS_PER_BATCH } from '../../../../src/TypingRace.Gateway/wwwroot/js/key-sender.js';
import { typingText } from '../../../../src/TypingRace.Gateway/wwwroot/js/typing-model.js';
import {
  ACK_TIMEOUT, NOT_IN_ROOM, RACE_NOT_STARTED, RACE_OVER, RATE_LIMITED, ROOM_UNAVAILABLE,
} from '../../../../src/TypingRace.Gateway/wwwroot/js/error-codes.js';

/** A SendKeys whose every call waits until the test answers it. */
function fakeHub() {
  const calls = [];
  const send = (batch) => new Promise((resolve, reject) => { calls.push({ batch, resolve, reject }); });
  return { calls, send, get last() { return calls[calls.length - 1]; } };
}

/** Lets the sender handle an answer: its promise callbacks run before the next macrotask. */
const settle = () => new Promise((resolve) => { setImmediate(resolve); });

function sender(passage = 'the quick brown fox', callbacks = {}) {
  const hub = fakeHub();
  const events = { acks: [], resyncs: [], stops: [], errors: [] };
  const keys = new KeySender({
    text: typingText(passage, [], 8),
    send: hub.send,
    onAck: (ack) => events.acks.push(ack),
    onResyncNeeded: (error) => events.resyncs.push(error),
    onStopped: (error) => events.stops.push(error),
    onError: (error) => events.errors.push(error),
    ...callbacks,
  });
  return { hub, keys, events };
}

const typeAll = (keys, text, t = 0) => { for (const k of Array.from(text)) keys.push(k, t); };
const keysOf = (batch) => batch.keys.map((key) => key.k).join('');
const ack = (position, { errorLength = 0, storedSeq = 0, finished = false } = {}) =>
  ({ position, errorLength, storedSeq, finished });
const hubError = (code) => Object.assign(new Error(code), { code });

describe('batches', () => {
  test('one batch is in flight at a time; keys typed meanwhile go in the next', async () => {
    const { hub, keys } = sender();
    keys.push('t', 10);
    assert.equal(hub.calls.length, 1);
    assert.deepEqual(hub.last.batch, { seq: 1, keys: [{ k: 't', t: 10 }] });

    keys.push('h', 20);
    keys.push('e', 30);
    assert.equal(hub.calls.length, 1, 'nothing more is sent before the ack');

    hub.last.resolve(ack(1));
    await settle();
    assert.equal(hub.calls.length, 2);
    assert.deepEqual(hub.last.batch, { seq: 2, keys: [{ k: 'h', t: 20 }, { k: 'e', t: 30 }] });

    hub.last.resolve(ack(3));
    await settle();
    assert.equal(hub.calls.length, 2, 'nothing is left to send');

    keys.push(' ', 40);
    assert.equal(hub.last.batch.seq, 3);
  });

  test('a batch holds at most 50 keys', async () => {
    const { hub, keys } = sender('a'.repeat(200));
    keys.push('a', 0);
    for (let i = 0; i < 120; i++) keys.push('a', i);
    const sizes = [];
    for (let position = 0; hub.calls.length > sizes.length; ) {
      sizes.push(hub.last.batch.keys.length);
      position += hub.last.batch.keys.length;
      hub.last.resolve(ack(position));
      await settle();
    }
    assert.equal(MAX_KEYS_PER_BATCH, 50);
    assert.deepEqual(sizes, [1, 50, 50, 20]);
    assert.deepEqual(hub.calls.map((call) => call.batch.seq), [1, 2, 3, 4]);
  });

  test('a paste longer than the server\'s key limit is split', () => {
    const { hub, keys } = sender('b'.repeat(500));
    keys.push('b'.repeat(450), 5);
    assert.deepEqual(hub.last.batch.keys.map((key) => Array.from(key.k).length), [MAX_CHARS_PER_KEY, MAX_CHARS_PER_KEY, 50]);
  });

  test('times are whole, non-negative milliseconds', () => {
    const { hub, keys } = sender();
    keys.push('t', -3.2);
    assert.equal(hub.last.batch.keys[0].t, 0);
  });
});

describe('what the player sees', () => {
  test('typed keys show before the ack, and the ack\'s count of errors wins', async () => {
    const { hub, keys, events } = sender('the cat');
    typeAll(keys, 'thx');
    assert.deepEqual(keys.display, { position: 2, errors: ['x'] });
    assert.equal(keys.unackedCount, 3);

    hub.last.resolve(ack(1));
    await settle();
    hub.last.resolve(ack(2, { errorLength: 1 }));
    await settle();
    assert.deepEqual(keys.display, { position: 2, errors: ['x'] });
    assert.equal(keys.unackedCount, 0);
    assert.equal(events.acks.length, 2);
  });

  test('finishing stops the sender; later keys are not sent', async () => {
    const { hub, keys } = sender('ok');
    typeAll(keys, 'ok');
    assert.ok(keys.finished);
    hub.last.resolve(ack(1));
    await settle();
    hub.last.resolve(ack(2, { finished: true }));
    await settle();
    assert.ok(keys.stopped);
    keys.push('!', 0);
    assert.equal(hub.calls.length, 2);
  });
});

describe('refusals', () => {
  /** "t" sent and refused with <code>, "h" typed while it was out; the clock is the test's. */
  async function refused(t, code) {
    const clock = fakeTimeouts(t);
    const setup = sender();
    setup.keys.push('t', 0);
    setup.keys.push('h', 5);
    setup.hub.last.reject(hubError(code));
    await settle();
    return { ...setup, clock };
  }

  for (const code of [RATE_LIMITED, RACE_NOT_STARTED]) {
    test(`${code}: the same batch is sent again a moment later`, async (t) => {
      const { hub, events, clock } = await refused(t, code);
      assert.equal(hub.calls.length, 1, 'not at once');

      clock.tick(1_000);
      assert.equal(hub.calls.length, 2);
      assert.deepEqual(hub.last.batch, hub.calls[0].batch, 'the same seq and keys');

      hub.last.resolve(ack(1));
      await settle();
      assert.deepEqual(hub.last.batch, { seq: 2, keys: [{ k: 'h', t: 5 }] });
      assert.deepEqual(events.errors, []);
    });
  }

  for (const code of [RACE_OVER, NOT_IN_ROOM]) {
    test(`${code}: sending stops and the keys are dropped`, async (t) => {
      const { hub, keys, events, clock } = await refused(t, code);
      clock.tick(10_000);
      keys.push('e', 10);
      assert.equal(hub.calls.length, 1);
      assert.deepEqual(events.stops.map((error) => error.code), [code]);
      assert.equal(keys.unackedCount, 0);
    });
  }

  // ack-timeout: the ack never came in a frame (a room view took its place); JoinRoom tells whether it arrived.
  for (const code of [ROOM_UNAVAILABLE, ACK_TIMEOUT]) {
    test(`${code} holds everything for a resync, quietly`, async () => {
      const { hub, keys, events } = sender();
      keys.push('t', 0);
      hub.last.reject(hubError(code));
      await settle();
      keys.push('h', 5);
      assert.equal(hub.calls.length, 1, 'paused until the resync');
      assert.deepEqual(events.resyncs.map((error) => error.code), [code]);
      assert.deepEqual(events.errors, []);
      assert.deepEqual(keys.display, { position: 2, errors: [] }, 'the keys stay on screen');
    });
  }

  test('an unexpected refusal is also told to the player', async () => {
    const { hub, keys, events } = sender();
    keys.push('t', 0);
    hub.last.reject(hubError('something-new'));
    await settle();
    assert.equal(events.resyncs.length, 1);
    assert.deepEqual(events.errors.map((error) => error.code), ['something-new']);
  });
});

describe('after a failover', () => {
  /** Batch 1 acked but not stored, batch 2 lost in flight, " q" typed while the room was away. */
  async function roomLostTwoBatches() {
    const setup = sender();
    const { hub, keys } = setup;
    typeAll(keys, 'the');
    hub.last.resolve(ack(1));
    await settle();
    hub.last.reject(hubError(ROOM_UNAVAILABLE));
    await settle();
    typeAll(keys, ' q');
    return setup;
  }

  test('the batches the room lost go again with their seq, marked resent; then the keys typed meanwhile', async () => {
    const { hub, keys } = await roomLostTwoBatches();
    const before = hub.calls.length;
    // JoinRoom on the room's new silo: it stored nothing.
    keys.reset({ lastSeq: 0, storedSeq: 0, position: 0, errorLength: 0 }, { resume: true });

    const sent = [];
    for (let position = 0; hub.calls.length > before + sent.length; ) {
      const { batch } = hub.last;
      sent.push(batch);
      position += batch.keys.length;
      hub.last.resolve(ack(position));
      await settle();
    }
    assert.deepEqual(sent.map((batch) => [batch.seq, keysOf(batch), batch.resent]), [
      [1, 't', true],
      [2, 'he', true],
      [3, ' q', true],
    ]);
    assert.deepEqual(keys.display, { position: 5, errors: [] });

    keys.push('u', 99);
    assert.deepEqual(hub.last.batch, { seq: 4, keys: [{ k: 'u', t: 99 }] }, 'new keys are not resent');
  });

  test('a batch the room had stored is not sent again', async () => {
    const { hub, keys } = await roomLostTwoBatches();
    keys.reset({ lastSeq: 1, storedSeq: 1, position: 1, errorLength: 0 }, { resume: true });
    assert.deepEqual([hub.last.batch.seq, keysOf(hub.last.batch), hub.last.batch.resent], [2, 'he', true]);
  });

  test('an answer to a batch sent before the reset is ignored', async () => {
    const { hub, keys, events } = sender();
    keys.push('t', 0);
    const stale = hub.last;
    keys.reset({ lastSeq: 0, position: 0, errorLength: 0 });
    stale.resolve(ack(1));
    await settle();
    assert.deepEqual(events.acks, []);
    assert.equal(keys.unackedCount, 0, 'a new race drops what was not acked');
  });
});
