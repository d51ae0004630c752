// Two kinds of pages: "/" (home) and "/r/{CODE}" (a room). The server serves
// index.html for both, so navigation is done with the History API.

const ROOM_PATH = /^\/r\/([^/]+)\/?$/;

export const ROOM_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normalizeCode(text) {
  return String(text ?? '').trim().toUpperCase();
}

export function isValidCode(code) {
  return code.length === 6 && Array.from(code).every((c) => ROOM_ALPHABET.includes(c));
}

export function parseRoute(pathname = location.pathname) {
  const match = ROOM_PATH.exec(pathname);
  if (match) return { name: 'room', code: normalizeCode(decodeURIComponent(match[1])) };
  return { name: 'home' };
}

export function roomPath(code) {
  return `/r/${encodeURIComponent(code)}`;
}

export function roomLink(code) {
  return `${location.origin}${roomPath(code)}`;
}

let listener = () => {};

export function onRouteChange(fn) {
  listener = fn;
  window.addEventListener('popstate', () => listener(parseRoute()));
  // Same-origin links marked data-link navigate without a reload.
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-link]');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
  });
}

export function navigate(path, { replace = false } = {}) {
  if (path !== location.pathname) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }
  listener(parseRoute());
}
