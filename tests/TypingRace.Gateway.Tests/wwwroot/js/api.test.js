// Waiting for a race's last keys to be stored: a few tries a second apart, and no more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeTimeouts } from './fake-timers.js';
import { ApiError, whileKeysPending } from '../../../../src/TypingRace.Gateway/wwwroot/js/api.js';
import { RACE_NOT_FOUND, REPLAY_PENDING } from '../../../../src/TypingRace.Gateway/wwwroot/js/error-codes.js';

const settle = () => new Promise((resolve) => { setImmediate(resolve); });

/** Answers `replay-pending` <pending> times, then the replay. */
function replayStoredAfter(pending) {
  let calls = 0;
  const call = async () => {
    calls += 1;
    if (calls <= pending) throw new ApiError(409, REPLAY_PENDING, 'Still storing.');
    return { raceId: 'r1' };
  };
  return { call, calls: () => calls };
}

test('replay-pending is asked again until the replay is there', async (t) => {
  const clock = fakeTimeouts(t);
  const server = replayStoredAfter(2);
  const answer = whileKeysPending(server.call);
  for (let i = 0; i < 2; i++) { await settle(); clock.tick(1_000); }
  assert.deepEqual(await answer, { raceId: 'r1' });
  assert.equal(server.calls(), 3);
});

test('it gives up after a few tries', async (t) => {
  const clock = fakeTimeouts(t);
  const server = replayStoredAfter(Infinity);
  const answer = whileKeysPending(server.call);
  const outcome = assert.rejects(answer, { code: REPLAY_PENDING });
  for (let i = 0; i < 10; i++) { await settle(); clock.tick(1_000); }
  await outcome;
  assert.equal(server.calls(), 5);
});

test('any other refusal is not waited on', async () => {
  const call = async () => { throw new ApiError(404, RACE_NOT_FOUND, 'No such race.'); };
  await assert.rejects(whileKeysPending(call), { code: RACE_NOT_FOUND });
});
