// Hub errors as the race screen reads them: the server's code, or the client's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHubError } from '../../../../src/TypingRace.Gateway/wwwroot/js/connection.js';
import { CONNECTION_LOST, ROOM_FULL, UNKNOWN } from '../../../../src/TypingRace.Gateway/wwwroot/js/error-codes.js';

test('the code after SignalR\'s own sentence is the server\'s', () => {
  const error = parseHubError(new Error(
    "An unexpected error occurred invoking 'JoinRoom' on the server. HubException: room-full: The room K7MQ2D already has 10 members."));
  assert.equal(error.code, ROOM_FULL);
  assert.equal(error.message, 'The room K7MQ2D already has 10 members.');
});

test('a closed connection is connection-lost', () => {
  assert.equal(parseHubError(new Error('Invocation canceled due to the underlying connection being closed.')).code, CONNECTION_LOST);
});

test('anything else is unknown, with its text kept', () => {
  const error = parseHubError(new Error('Something odd'));
  assert.equal(error.code, UNKNOWN);
  assert.equal(error.message, 'Something odd');
});
