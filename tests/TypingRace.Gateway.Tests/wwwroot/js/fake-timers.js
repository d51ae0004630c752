// A test's own clock for setTimeout: node:test's mock timers differ between Node.js 18 (a fresh Debian 12's) and
// 20, and on 18 they did not fire the key sender's retry, so the tests keep time themselves. mock.method puts the
// real setTimeout back when the test ends.
export function fakeTimeouts(t) {
  let now = 0;
  let nextId = 1;
  const pending = new Map();
  t.mock.method(globalThis, 'setTimeout', (fn, ms = 0, ...args) => {
    const id = nextId++;
    pending.set(id, { at: now + Math.max(0, Number(ms) || 0), fn, args });
    return id;
  });
  t.mock.method(globalThis, 'clearTimeout', (id) => { pending.delete(id); });
  return {
    /** How many timeouts are set and not yet run or cleared (a leak shows here). */
    get pending() { return pending.size; },
    /** Runs every timeout due within <ms>, in the order they fall due, as the time passes. */
    tick(ms) {
      const until = now + ms;
      for (;;) {
        const [id, due] = [...pending].filter(([, timer]) => timer.at <= until).sort(([a, x], [b, y]) => x.at - y.at || a - b)[0] ?? [];
        if (!due) break;
        pending.delete(id);
        now = due.at;
        due.fn(...due.args);
      }
      now = until;
    },
  };
}
