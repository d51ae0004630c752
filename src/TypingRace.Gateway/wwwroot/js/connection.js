// The SignalR hub connection (/hubs/race). signalr.min.js is loaded as a
// classic script before the modules and defines the global `signalR`.

import { CONNECTION_LOST, UNKNOWN } from './error-codes.js';

export class HubError extends Error {
  constructor(code, message, cause) {
    super(message);
    this.name = 'HubError';
    this.code = code;
    this.cause = cause;
  }
}

const CODE_PREFIX = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*): ([\s\S]*)$/;

/**
 * Hub errors are "code: message". ASP.NET Core wraps a HubException as
 * "An unexpected error occurred invoking 'X' on the server. HubException: code: message",
 * so the code is looked for after that prefix too.
 */
export function parseHubError(error) {
  const raw = String(error?.message ?? error ?? '');
  const marker = 'HubException: ';
  const at = raw.indexOf(marker);
  const body = (at >= 0 ? raw.slice(at + marker.length) : raw).trim();
  const match = CODE_PREFIX.exec(body);
  if (match) return new HubError(match[1], match[2], error);
  if (/connection being closed|connection was stopped|not in the 'Connected' State|WebSocket closed/i.test(raw)) {
    return connectionLost(error);
  }
  return new HubError(UNKNOWN, body || 'The server could not do that.', error);
}

export function connectionLost(cause) {
  return new HubError(CONNECTION_LOST, 'The connection to the server was lost.', cause);
}

/** A hub call's promise, any failure turned into a HubError. */
async function hubCall(call) {
  try {
    return await call();
  } catch (error) {
    throw parseHubError(error);
  }
}

export function isUnauthorizedStart(error) {
  return error?.statusCode === 401 || /\b401\b|Unauthorized/i.test(String(error?.message ?? ''));
}

// Keep trying for two minutes, backing off to 10 s between attempts.
const reconnectPolicy = {
  nextRetryDelayInMilliseconds({ previousRetryCount, elapsedMilliseconds }) {
    if (elapsedMilliseconds > 120_000) return null;
    return Math.min(10_000, previousRetryCount === 0 ? 0 : 500 * 2 ** previousRetryCount);
  },
};

export class RaceConnection {
  /**
   * @param {object} options
   * @param {() => string} options.token
   * @param {(view: object) => void} options.onRoomChanged
   * @param {(frame: object) => void} options.onProgress
   * @param {(refusal: {room: string, seq: number, code: string, message: string}) => void} options.onKeysRefused
   *   a batch sent with TypeKeys was refused
   * @param {(status: string, error?: Error) => void} options.onStatus
   *   'connecting' | 'connected' | 'reconnecting' | 'reconnected' | 'closed'
   * @param {(reconnectWithinMs: number) => void} [options.onDraining] the gateway is shutting down: move
   */
  constructor({ token, onRoomChanged, onProgress, onKeysRefused, onStatus, onDraining }) {
    const signalR = globalThis.signalR;
    if (!signalR) throw new Error('The SignalR client (/lib/signalr/signalr.min.js) did not load.');
    this.onStatus = onStatus;
    this.stopping = false;
    this.hub = new signalR.HubConnectionBuilder()
      // WebSockets only, with no negotiate request: behind a load balancer the negotiate call and the socket
      // could otherwise land on different gateways.
      .withUrl('/hubs/race', {
        accessTokenFactory: () => token(),
        skipNegotiation: true,
        transport: signalR.HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect(reconnectPolicy)
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    this.hub.on('roomChanged', (view) => onRoomChanged(view));
    this.hub.on('progress', (frame) => onProgress(frame));
    this.hub.on('keysRefused', (refusal) => onKeysRefused?.(refusal));
    this.hub.on('draining', (reconnectWithinMs) => onDraining?.(reconnectWithinMs));
    this.hub.onreconnecting((error) => onStatus('reconnecting', error));
    this.hub.onreconnected(() => onStatus('reconnected'));
    this.hub.onclose((error) => { if (!this.stopping) onStatus('closed', error); });
    this.starting = null;
  }

  get connected() {
    return this.hub.state === globalThis.signalR.HubConnectionState.Connected;
  }

  /** Starts the connection once; concurrent callers share the attempt. */
  start() {
    if (this.connected) return Promise.resolve();
    if (!this.starting) {
      this.onStatus('connecting');
      this.starting = this.hub.start()
        .then(() => this.onStatus('connected'))
        .finally(() => { this.starting = null; });
    }
    return this.starting;
  }

  /** Invokes a hub method; a server error rejects with a HubError. */
  invoke(method, ...args) {
    return hubCall(() => this.hub.invoke(method, ...args));
  }

  /**
   * Sends to a hub method without waiting for its completion (the server answers none): resolves once the
   * message is out; a connection that is not open rejects with connection-lost.
   */
  send(method, ...args) {
    return hubCall(() => this.hub.send(method, ...args));
  }

  async stop() {
    this.stopping = true;
    try { await this.hub.stop(); } catch { /* already stopped */ }
  }
}
