// Hub errors as the race screen reads them: the server's code, or the client's own; and the connection's calls and
// events over a fake SignalR client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHubError, RaceConnection } from '../../../../src/TypingRace.Gateway/wwwroot/js/connection.js';
import { CONNECTION_LOST, RATE_LIMITED, ROOM_FULL, UNKNOWN } from '../../../../src/TypingRace.Gateway/wwwroot/js/error-codes.js';

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

/**
 * The global `signalR` of signalr.min.js with a hub that records what is sent and keeps the handlers; a send on a
 * hub that is not connected fails as SignalR's own does. Removed again when the test ends.
 */
function fakeSignalR(t) {
  const hub = {
    state: 'Connected',
    handlers: new Map(),
    sent: [],
    on(name, handler) { this.handlers.set(name, handler); },
    onreconnecting() {},
    onreconnected() {},
    onclose() {},
    send(...args) {
      if (this.state !== 'Connected') {
        return Promise.reject(new Error("Cannot send data if the connection is not in the 'Connected' State."));
      }
      this.sent.push(args);
      return Promise.resolve();
    },
  };
  class HubConnectionBuilder {
    withUrl() { return this; }
    withAutomaticReconnect() { return this; }
    configureLogging() { return this; }
    build() { return hub; }
  }
  globalThis.signalR = {
    HubConnectionBuilder,
    HttpTransportType: { WebSockets: 1 },
    LogLevel: { Warning: 3 },
    HubConnectionState: { Connected: 'Connected' },
  };
  t.after(() => { delete globalThis.signalR; });
  return hub;
}

const connection = (options = {}) => new RaceConnection({
  token: () => 'token', onRoomChanged() {}, onProgress() {}, onStatus() {}, ...options,
});

test('send hands the message to the hub and waits for no answer', async (t) => {
  const hub = fakeSignalR(t);
  const batch = { seq: 1, keys: [{ k: 'a', t: 5 }] };
  assert.equal(await connection().send('TypeKeys', 'K7MQ2D', batch), undefined);
  assert.deepEqual(hub.sent, [['TypeKeys', 'K7MQ2D', batch]]);
});

test('a send on a closed connection rejects with connection-lost', async (t) => {
  const hub = fakeSignalR(t);
  hub.state = 'Disconnected';
  await assert.rejects(connection().send('TypeKeys', 'K7MQ2D', { seq: 1, keys: [] }), { code: CONNECTION_LOST });
  assert.deepEqual(hub.sent, []);
});

test('keysRefused events reach onKeysRefused as they came', (t) => {
  const hub = fakeSignalR(t);
  const refusals = [];
  connection({ onKeysRefused: (refusal) => refusals.push(refusal) });
  const refusal = { room: 'K7MQ2D', seq: 3, code: RATE_LIMITED, message: 'At most 40 key batches per second.' };
  hub.handlers.get('keysRefused')(refusal);
  assert.deepEqual(refusals, [refusal]);
});
