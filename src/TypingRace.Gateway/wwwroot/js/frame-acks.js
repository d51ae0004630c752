// The acknowledgements of key batches sent with TypeKeys, which get no answer of their own: a progress frame's
// entry for this racer says the last batch the room accepted (`seq`) with the figures after it, and a refusal
// comes as a keysRefused event (docs/protocol.md). One FrameAcks serves one racer in one race.

import { HubError } from './connection.js';
import { ACK_TIMEOUT } from './error-codes.js';

// A batch's ack rides on the next frame, at most 25 ms later while the race runs; but a room view can take the
// frame's place at a phase change, and a frame can be lost with a gateway. After this long, JoinRoom is asked
// where we are (the key sender resyncs quietly on ack-timeout), well past a slow ack under load (under 1 s).
export const ACK_TIMEOUT_MS = 3000;

export class FrameAcks {
  /**
   * @param {object} options
   * @param {string} options.playerId whose entries acknowledge
   * @param {number} options.raceNumber whose frames count
   * @param {number} [options.timeoutMs]
   */
  constructor({ playerId, raceNumber, timeoutMs = ACK_TIMEOUT_MS }) {
    Object.assign(this, { playerId, raceNumber, timeoutMs });
    /** seq -> { resolve, reject, timer } */
    this.waits = new Map();
  }

  /** Resolves to the ack of batch `seq` (a key ack's fields), or rejects with its refusal as a HubError. */
  wait(seq) {
    const previous = this.settle(seq);
    const acked = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(seq, new HubError(ACK_TIMEOUT, 'The server did not acknowledge the keys in time.'));
      }, this.timeoutMs);
      this.waits.set(seq, { resolve, reject, timer });
    });
    // The same batch waited for again (sent again after a resync): the first wait ends as the second does.
    previous?.resolve(acked);
    return acked;
  }

  /** A progress frame of the room: resolves every wait up to the seq the room has accepted from this racer. */
  seeFrame(frame) {
    if (frame?.raceNumber !== this.raceNumber) return;
    const own = frame.racers?.find((racer) => racer.playerId === this.playerId);
    if (!Number.isFinite(own?.seq)) return;
    const { seq, position, errorLength, finished, wpm, accuracy, storedSeq } = own;
    const ack = { seq, position, errorLength, finished, wpm, accuracy, storedSeq };
    for (const waited of [...this.waits.keys()]) {
      if (waited <= seq) this.settle(waited).resolve(ack);
    }
  }

  /** A keysRefused event `{ room, seq, code, message }` (the room already matched): rejects the wait for its seq. */
  refuse({ seq, code, message } = {}) {
    this.fail(seq, new HubError(code, message));
  }

  /** Rejects the wait for `seq`, if any (a refusal, a send that never left, the timeout). */
  fail(seq, error) {
    this.settle(seq)?.reject(error);
  }

  /** Rejects every wait (the connection dropped: each batch's fate is for JoinRoom to tell). */
  failAll(error) {
    for (const seq of [...this.waits.keys()]) this.fail(seq, error);
  }

  /** Drops every wait unsettled, for a new start whose sender no longer listens to them (its generation moved on). */
  clear() {
    for (const seq of [...this.waits.keys()]) this.settle(seq);
  }

  /** Takes the wait for `seq` out, its timer stopped: its { resolve, reject }, or undefined if there is none. */
  settle(seq) {
    const wait = this.waits.get(seq);
    if (!wait) return undefined;
    this.waits.delete(seq);
    clearTimeout(wait.timer);
    return wait;
  }
}
