// The page around the screens (index.html): its own words, marked
// data-i18n="key" (text) and data-i18n-aria-label="key", and the header's
// language switch. Loaded by index.html next to app.js, so the switch needs
// nothing from the screens: it redraws the current page through the router.

import { t, language, setLanguage, onLanguageChange } from '../i18n.js';
import { redraw, parseRoute } from '../router.js';
import { state } from '../state.js';

function translatePage() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
}

function redrawInPlace() {
  // A room holds a live connection and maybe a race in progress: its screens
  // relabel themselves on onLanguageChange rather than join the room again.
  // Only its name prompt, before any joining, is built anew.
  if (parseRoute().name === 'room' && state.screen !== 'name') return;
  // The page is built anew, which scrolls to the top; the reader stays where they were.
  const { scrollX, scrollY } = window;
  redraw();
  requestAnimationFrame(() => window.scrollTo(scrollX, scrollY));
}

function initSwitch() {
  const select = document.querySelector('[data-testid=language-switch]');
  if (!select) return;
  select.value = language();
  select.addEventListener('change', () => setLanguage(select.value));
  onLanguageChange((lang) => { select.value = lang; });
}

translatePage();
initSwitch();
onLanguageChange(() => {
  translatePage();
  redrawInPlace();
});
