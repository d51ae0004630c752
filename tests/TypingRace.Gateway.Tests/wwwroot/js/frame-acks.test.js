// Acks of TypeKeys batches, which get no answer: the racer's entry in a progress frame, or a keysRefused event.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeTimeouts } from './fake-timers.js';
import { ACK_TIMEOUT_MS, FrameAcks } from '../../../../src/TypingRace.Gateway/wwwroot/js/frame-acks.js';
import { connectionLost, HubError } from '../../../../src/TypingRace.Gateway/wwwroot/js/connection.js';
import {
  ACK_TIMEOUT, CONNECTION_LOST, RATE_LIMITED,
} from '../../../../src/TypingRace.Gateway/wwwroot/js/error-codes.js';

const ME = 'me';
const RACE = 3;

/** Waits for `seqs` on a fresh FrameAcks, each with what became of it so far. */
function waiting(t, ...seqs) {
  const clock = fakeTimeouts(t);
  const acks = new FrameAcks({ playerId: ME, raceNumber: RACE });
  const outcomes = new Map(seqs.map((seq) => [seq, watch(acks.wait(seq))]));
  return { clock, acks, outcomes, of: (seq) => outcomes.get(seq) };
}

function watch(promise) {
  const outcome = { status: 'pending' };
  promise.then(
    (value) => Object.assign(outcome, { status: 'resolved', value }),
    (error) => Object.assign(outcome, { status: 'rejected', error }));
  return outcome;
}

/** Lets the promise callbacks run. */
const settle = () => new Promise((resolve) => { setImmediate(resolve); });

const entry = (playerId, seq, figures = {}) => ({
  playerId, seq, position: 4 * seq, errorLength: 0, wpm: 60, accuracy: 1, finished: false, storedSeq: 0, ...figures,
});
const frame = (racers, raceNumber = RACE) => ({ code: 'K7MQ2D', raceNumber, serverTime: 1, racers });

describe('progress frames', () => {
  test('the own entry acknowledges every batch up to its seq, with its figures', async (t) => {
    const { acks, of, clock } = waiting(t, 1, 2, 3);
    acks.seeFrame(frame([entry('other', 9), entry(ME, 2, { position: 7, errorLength: 2, accuracy: 0.875, storedSeq: 1 })]));
    await settle();
    const ack = { seq: 2, position: 7, errorLength: 2, finished: false, wpm: 60, accuracy: 0.875, storedSeq: 1 };
    assert.deepEqual(of(1), { status: 'resolved', value: ack });
    assert.deepEqual(of(2), { status: 'resolved', value: ack });
    assert.equal(of(3).status, 'pending', 'not accepted yet');
    assert.equal(clock.pending, 1, "only batch 3's timeout is left");

    acks.seeFrame(frame([entry(ME, 3, { finished: true, accuracy: null })]));
    await settle();
    assert.equal(of(3).value.finished, true);
    assert.equal(of(3).value.accuracy, null);
    assert.equal(clock.pending, 0);
  });

  test("another race's frame, other racers' entries or an entry without seq acknowledge nothing", async (t) => {
    const { acks, of } = waiting(t, 1);
    acks.seeFrame(frame([entry(ME, 5)], RACE - 1));
    acks.seeFrame(frame([entry('other', 5)]));
    acks.seeFrame(frame([{ ...entry(ME, 5), seq: undefined }]));
    acks.seeFrame(frame([entry(ME, 0)]));
    acks.seeFrame(frame(undefined));
    await settle();
    assert.equal(of(1).status, 'pending');
  });
});

describe('refusals', () => {
  test('keysRefused rejects the wait for its seq with its code and message; the others wait on', async (t) => {
    const { acks, of } = waiting(t, 4, 5);
    acks.refuse({ room: 'K7MQ2D', seq: 4, code: RATE_LIMITED, message: 'At most 40 key batches per second.' });
    await settle();
    assert.equal(of(4).status, 'rejected');
    assert.ok(of(4).error instanceof HubError, 'the error an invoke would have thrown');
    assert.equal(of(4).error.code, RATE_LIMITED);
    assert.equal(of(4).error.message, 'At most 40 key batches per second.');
    assert.equal(of(5).status, 'pending');
  });

  test('a refusal of a batch nobody waits for changes nothing', async (t) => {
    const { acks, of } = waiting(t, 1);
    acks.refuse({ room: 'K7MQ2D', seq: 7, code: RATE_LIMITED, message: '' });
    await settle();
    assert.equal(of(1).status, 'pending');
  });

  test('a batch that could not be sent fails with the send\'s error', async (t) => {
    const { acks, of, clock } = waiting(t, 1);
    acks.fail(1, connectionLost());
    await settle();
    assert.equal(of(1).error.code, CONNECTION_LOST);
    assert.equal(clock.pending, 0);
  });
});

describe('no answer', () => {
  test(`after ${ACK_TIMEOUT_MS} ms without an ack the wait fails with ack-timeout`, async (t) => {
    const { clock, of } = waiting(t, 1);
    clock.tick(ACK_TIMEOUT_MS - 1);
    await settle();
    assert.equal(of(1).status, 'pending');
    clock.tick(1);
    await settle();
    assert.equal(of(1).error.code, ACK_TIMEOUT);
  });

  test('the same batch waited for again: the first wait ends as the second, with one timeout', async (t) => {
    const { clock, acks, of } = waiting(t, 2);
    const again = watch(acks.wait(2));
    assert.equal(clock.pending, 1);
    acks.seeFrame(frame([entry(ME, 2)]));
    await settle();
    assert.equal(again.value.seq, 2);
    assert.deepEqual(of(2), again);
  });
});

describe('ending the waits', () => {
  test('failAll rejects every wait with the error given and stops their timeouts', async (t) => {
    const { clock, acks, of } = waiting(t, 1, 2);
    acks.failAll(connectionLost());
    await settle();
    assert.deepEqual([of(1).error.code, of(2).error.code], [CONNECTION_LOST, CONNECTION_LOST]);
    assert.equal(clock.pending, 0);
  });

  test('clear drops every wait: nothing settles them later, no timeout is left', async (t) => {
    const { clock, acks, of } = waiting(t, 1, 2);
    acks.clear();
    assert.equal(clock.pending, 0);
    acks.seeFrame(frame([entry(ME, 2)]));
    acks.refuse({ seq: 1, code: RATE_LIMITED, message: '' });
    clock.tick(ACK_TIMEOUT_MS * 2);
    await settle();
    assert.deepEqual([of(1).status, of(2).status], ['pending', 'pending']);
  });
});
