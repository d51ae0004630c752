// Sends keys to the hub in batches (race.js: TypeKeys, acknowledged by progress
// frames, frame-acks.js): one batch in flight at a time, seq 1, 2, 3...,
// keys typed meanwhile wait for the next batch (at most 50).
// Keeps the server-acknowledged typing state and predicts the rest locally.
// Keeps every batch the room has not stored yet (seq above the last storedSeq)
// and, after a failover, sends again those the room lost (docs/protocol.md).

import { applyKeys, initialTyping, reconcile, isFinished } from './typing-model.js';
import {
  ACK_TIMEOUT, CONNECTION_LOST, DUPLICATE_BATCH, NOT_IN_ROOM, NOT_RACING, OUT_OF_ORDER, RACE_NOT_STARTED, RACE_OVER,
  RATE_LIMITED, ROOM_UNAVAILABLE,
} from './error-codes.js';

export const MAX_KEYS_PER_BATCH = 50;
export const MAX_CHARS_PER_KEY = 200;

// Errors after which the same batch (same seq) may simply be sent again:
// the server changed nothing.
const RETRY_DELAYS = { [RACE_NOT_STARTED]: 150, [RATE_LIMITED]: 400 };
// The race is over for this player: stop sending.
const STOP_CODES = new Set([RACE_OVER, NOT_RACING, NOT_IN_ROOM]);
// Expected on the way to a resync: nothing to tell the player. (An ack that never came may have been taken
// over by a room view; JoinRoom says whether the batch arrived.)
const QUIET_RESYNC_CODES = new Set([ACK_TIMEOUT, CONNECTION_LOST, DUPLICATE_BATCH, OUT_OF_ORDER, ROOM_UNAVAILABLE]);

export class KeySender {
  /**
   * @param {object} options
   * @param {{chars: string[], filled: boolean[]}} options.text the passage as typingText() makes it
   * @param {(batch: {seq: number, keys: {k: string, t: number}[]}) => Promise<object>} options.send
   * @param {() => void} options.onChange the displayed state changed
   * @param {(ack: object) => void} options.onAck
   * @param {(error: Error) => void} options.onResyncNeeded the server state must be fetched again (JoinRoom)
   * @param {(error: Error) => void} options.onStopped the server will not take more keys
   * @param {(error: Error) => void} options.onError a problem worth telling the player
   */
  constructor({ text, send, onChange, onAck, onResyncNeeded, onStopped, onError }) {
    Object.assign(this, { text, send, onChange, onAck, onResyncNeeded, onStopped, onError });
    this.reset({ lastSeq: 0, position: 0, errorLength: 0 });
  }

  /**
   * Starts over from the server's state (`you` of a JoinRoom answer). With `resume`, the batches the server does
   * not hold (seq above its lastSeq) are sent again, and the keys typed meanwhile after them, all marked resent;
   * otherwise (a new race) everything unacknowledged is dropped.
   */
  reset({ lastSeq = 0, position = 0, errorLength = 0, storedSeq = 0 } = {}, { resume = false } = {}) {
    const held = resume
      ? [...(this.unstored ?? []), ...(this.resend ?? []), ...(this.inFlight ? [this.inFlight] : [])]
      : [];
    const lost = [...new Map(held.filter((b) => b.seq > lastSeq).map((b) => [b.seq, b])).values()]
      .sort((a, b) => a.seq - b.seq);
    this.generation = (this.generation ?? 0) + 1;
    this.resend = lost.map((b) => ({ ...b, resent: true }));
    // Keys typed while the room was away go out marked resent too: they were typed before they could arrive, so
    // the server times them by `t`, not by their arrival.
    let seq = lost.length ? lost[lost.length - 1].seq : lastSeq;
    const waiting = resume ? this.pending ?? [] : [];
    for (let i = 0; i < waiting.length; i += MAX_KEYS_PER_BATCH) {
      this.resend.push({ seq: ++seq, keys: waiting.slice(i, i + MAX_KEYS_PER_BATCH), resent: true });
    }
    this.unstored = held.filter((b) => b.seq > storedSeq && b.seq <= lastSeq);
    this.nextSeq = seq + 1;
    this.lastAckedSeq = lastSeq;
    this.acked = initialTyping(position, errorLength);
    this.inFlight = null;
    this.pending = [];
    this.stopped = false;
    this.paused = false;
    clearTimeout(this.retryTimer);
    this.onChange?.();
    if (resume) this.pump();
  }

  /** The typing state to draw: the last ack plus every key not yet acked. */
  get display() {
    const afterFlight = this.inFlight ? applyKeys(this.text, this.acked, this.inFlight.keys) : this.acked;
    const afterResend = this.resend.reduce((typing, batch) => applyKeys(this.text, typing, batch.keys), afterFlight);
    return applyKeys(this.text, afterResend, this.pending);
  }

  get unackedCount() {
    return (this.inFlight?.keys.length ?? 0) + this.resend.reduce((n, b) => n + b.keys.length, 0) + this.pending.length;
  }

  get finished() {
    return isFinished(this.text, this.display);
  }

  /** Queues one key; `t` is ms since the race start on this client. */
  push(k, t) {
    if (this.stopped || !k || this.finished) return;
    // A key longer than the server's limit is split; it is pasted text anyway.
    const points = Array.from(k);
    for (let i = 0; i < points.length; i += MAX_CHARS_PER_KEY) {
      this.pending.push({ k: points.slice(i, i + MAX_CHARS_PER_KEY).join(''), t: Math.max(0, Math.round(t)) });
    }
    this.onChange?.();
    this.pump();
  }

  /** Resolves once every queued key is acked (or after `timeoutMs`). */
  whenIdle(timeoutMs = 1000) {
    const started = Date.now();
    return new Promise((resolve) => {
      const check = () => {
        if (this.unackedCount === 0 || this.stopped || Date.now() - started > timeoutMs) resolve();
        else setTimeout(check, 20);
      };
      check();
    });
  }

  /** Holds sending (e.g. while reconnecting); resume with reset() or resume(). */
  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
    this.pump();
  }

  stop() {
    this.stopped = true;
    this.pending = [];
    this.resend = [];
    clearTimeout(this.retryTimer);
    this.onChange?.();
  }

  pump() {
    if (this.inFlight || this.stopped || this.paused) return;
    let batch = this.resend.shift();
    if (!batch) {
      if (this.pending.length === 0) return;
      batch = { seq: this.nextSeq, keys: this.pending.splice(0, MAX_KEYS_PER_BATCH) };
    }
    this.inFlight = batch;
    this.transmit(batch);
  }

  transmit(batch) {
    const generation = this.generation;
    const wire = { seq: batch.seq, keys: batch.keys.map(({ k, t }) => ({ k, t })) };
    if (batch.resent) wire.resent = true;
    this.send(wire)
      .then((ack) => {
        if (generation !== this.generation) return;
        this.accept(batch, ack);
      })
      .catch((error) => {
        if (generation !== this.generation) return;
        this.fail(batch, error);
      });
  }

  accept(batch, ack) {
    const predicted = applyKeys(this.text, this.acked, batch.keys);
    this.acked = reconcile(predicted, ack ?? { position: predicted.position, errorLength: predicted.errors.length });
    this.lastAckedSeq = batch.seq;
    this.nextSeq = Math.max(this.nextSeq, batch.seq + 1);
    this.inFlight = null;
    // Kept until the room has stored it: a failover before then loses it on the server, not here.
    const stored = ack?.storedSeq ?? 0;
    this.unstored = [...this.unstored, batch].filter((b) => b.seq > stored);
    this.onAck?.(ack ?? {});
    if (ack?.finished) this.stop();
    this.onChange?.();
    this.pump();
  }

  fail(batch, error) {
    const code = error?.code;
    if (code in RETRY_DELAYS) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => {
        if (this.inFlight === batch && !this.stopped) this.transmit(batch);
      }, RETRY_DELAYS[code]);
      return;
    }
    this.inFlight = null;
    if (STOP_CODES.has(code)) {
      this.stop();
      this.onStopped?.(error);
      return;
    }
    // duplicate-batch, out-of-order, room-unavailable, a lost connection or anything unexpected: only the
    // server knows where we are now. Keep the batch as it was and hold everything until a resync resumes us.
    this.resend.unshift(batch);
    this.paused = true;
    this.onChange?.();
    if (!QUIET_RESYNC_CODES.has(code)) this.onError?.(error);
    this.onResyncNeeded?.(error);
  }
}
