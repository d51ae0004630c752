// node:test's mock timers on the Node.js a fresh Debian 12 has (18.19, which takes a list of timers) and on later
// ones (20.11 on, which take { apis }), so the client's tests run on either.
export function fakeTimeouts(t) {
  try {
    t.mock.timers.enable({ apis: ['setTimeout'] });
  } catch {
    t.mock.timers.enable(['setTimeout']);
  }
}
