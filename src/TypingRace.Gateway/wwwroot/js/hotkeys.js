// The room's one hotkey, Ctrl+Enter (⌘+Enter on a Mac): it presses the screen's
// main control (start, race again, ready) from anywhere on the page, and the
// screen says so. It is not a key a racer types, so it never reaches a race.

import { h } from './dom.js';
import { t } from './i18n.js';

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform ?? '');

export function isRoomHotkey(e) {
  return e.key === 'Enter' && (isMac() ? e.metaKey : e.ctrlKey) && !e.altKey && !e.shiftKey;
}

/** "Ctrl + Enter  race again", shown beside the control it presses. */
export function hotkeyHint(action) {
  const modifier = isMac() ? '⌘' : 'Ctrl';
  return h('p', { class: 'hotkey-hint muted', 'data-testid': 'hotkey-hint', hidden: !action },
    h('kbd', { text: modifier }), ' + ', h('kbd', { text: 'Enter' }), ' ', action ? t('hotkeys.does', { action }) : '');
}
