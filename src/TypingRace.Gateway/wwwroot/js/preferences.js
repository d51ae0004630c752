// How the page looks, as the player chose it and kept in this browser: the
// theme (the system's, light or dark) and the caret (line, block, underline).
// Both are attributes on <html> (data-theme, data-caret) that app.css reads.

import { h } from './dom.js';
import { t, onLanguageChange } from './i18n.js';

const THEME_KEY = 'typingrace.theme';
const CARET_KEY = 'typingrace.caret';
const THEMES = Object.freeze(['system', 'light', 'dark']);
const CARETS = Object.freeze(['line', 'block', 'underline']);

function load(key, allowed) {
  try {
    const value = localStorage.getItem(key);
    return allowed.includes(value) ? value : allowed[0];
  } catch {
    return allowed[0];
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}

const systemDark = window.matchMedia?.('(prefers-color-scheme: dark)');

function applyTheme(choice) {
  const dark = choice === 'dark' || (choice === 'system' && !!systemDark?.matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', dark ? 'dark' : 'light');
}

function setTheme(choice) {
  save(THEME_KEY, choice);
  applyTheme(choice);
}

function setCaret(style) {
  save(CARET_KEY, style);
  document.documentElement.dataset.caret = style;
}

/** A labelled select over <values>, relabelled when the language changes until <stop> is called. */
function choiceSelect({ testId, className, labelKey, optionKey, values, current, onChange }) {
  const select = h('select', { 'data-testid': testId }, values.map((value) => h('option', { value })));
  const label = h('span', { class: 'visually-hidden' });
  const relabel = () => {
    label.textContent = t(labelKey);
    for (const option of select.options) option.textContent = t(`${optionKey}.${option.value}`);
  };
  relabel();
  select.value = current;
  select.addEventListener('change', () => onChange(select.value));
  return { el: h('label', { class: className }, label, select), stop: onLanguageChange(relabel) };
}

/** The header's theme switch, for the life of the page. */
export function themeSwitch() {
  return choiceSelect({
    testId: 'theme-switch', className: 'theme-switch', labelKey: 'prefs.theme', optionKey: 'prefs.themes',
    values: THEMES, current: load(THEME_KEY, THEMES), onChange: setTheme,
  });
}

/** The race screen's caret style choice; the screen calls its stop() when it goes. */
export function caretSwitch() {
  return choiceSelect({
    testId: 'caret-switch', className: 'caret-switch', labelKey: 'prefs.caret', optionKey: 'prefs.carets',
    values: CARETS, current: load(CARET_KEY, CARETS), onChange: setCaret,
  });
}

/** Applies the saved choices, and follows the system's theme while the player leaves it to the system. */
export function initPreferences() {
  applyTheme(load(THEME_KEY, THEMES));
  document.documentElement.dataset.caret = load(CARET_KEY, CARETS);
  systemDark?.addEventListener?.('change', () => applyTheme(load(THEME_KEY, THEMES)));
}
