// Turns browser input into protocol keys. A visually hidden <textarea> takes
// the keyboard; it is emptied after every key so nothing accumulates.
//
//   Backspace        -> "\b"   (keydown, default prevented)
//   Enter            -> "\n"   (keydown, default prevented)
//   Tab              -> hint   (keydown, default prevented)
//   Escape           -> leaves the typing box (so the page stays keyboard-usable)
//   a character      -> that character (input event; a paste is one long key)
//   IME composition  -> the committed text as one key at compositionend;
//                       partial compositions are never sent

import { h } from './dom.js';
import { t } from './i18n.js';

function normalize(text) {
  return text.replace(/\r\n?/g, '\n').normalize('NFC');
}

export class TypingInput {
  /**
   * @param {object} handlers
   * @param {(key: string, options?: {wholeRun?: boolean}) => void} handlers.onKey
   * @param {() => void} handlers.onHint
   * @param {(text: string|null) => void} handlers.onCompose text being composed, null when done
   * @param {(focused: boolean) => void} handlers.onFocusChange
   */
  constructor({ onKey, onHint, onCompose, onFocusChange }) {
    Object.assign(this, { onKey, onHint, onCompose, onFocusChange });
    this.enabled = false;
    this.composing = false;
    // Characters already sent from the current textarea value (during IME runs
    // the value cannot be cleared without breaking the next composition).
    this.consumed = 0;
    this.el = h('textarea', {
      class: 'typing-input',
      'data-testid': 'typing-input',
      autocomplete: 'off',
      autocorrect: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      rows: '1',
      'aria-disabled': 'true',
    });
    this.relabel();
    this.el.addEventListener('keydown', (e) => this.handleKeydown(e));
    this.el.addEventListener('beforeinput', (e) => this.handleBeforeInput(e));
    this.el.addEventListener('input', (e) => this.handleInput(e));
    this.el.addEventListener('compositionstart', () => this.handleCompositionStart());
    this.el.addEventListener('compositionupdate', (e) => this.onCompose(e.data ?? ''));
    this.el.addEventListener('compositionend', (e) => this.handleCompositionEnd(e));
    this.el.addEventListener('focus', () => this.onFocusChange(true));
    this.el.addEventListener('blur', () => this.onFocusChange(false));
    this.el.addEventListener('paste', (e) => { if (!this.enabled) e.preventDefault(); });
    this.el.addEventListener('drop', (e) => e.preventDefault());
  }

  /** The box's name, in the current language (again after a switch: the race screen calls this). */
  relabel() {
    this.el.setAttribute('aria-label', t('race.typingBox'));
  }

  enable() {
    this.enabled = true;
    this.el.readOnly = false;
    this.el.setAttribute('aria-disabled', 'false');
  }

  disable() {
    this.enabled = false;
    this.el.readOnly = true;
    this.el.setAttribute('aria-disabled', 'true');
    this.reset();
  }

  focus() {
    this.el.focus({ preventScroll: true });
  }

  get focused() {
    return document.activeElement === this.el;
  }

  reset() {
    this.el.value = '';
    this.consumed = 0;
  }

  handleKeydown(e) {
    if (e.isComposing || e.keyCode === 229) return; // the IME owns this key
    switch (e.key) {
      case 'Tab':
        // Only a live typing box keeps Tab; otherwise it moves focus as usual.
        if (!this.enabled || e.altKey || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        this.onHint();
        return;
      case 'Escape':
        e.preventDefault();
        this.el.blur();
        return;
      case 'Backspace':
        e.preventDefault();
        if (this.enabled) this.onKey('\b', { wholeRun: e.ctrlKey || e.altKey || e.metaKey });
        return;
      case 'Enter':
        e.preventDefault();
        if (this.enabled && !e.ctrlKey && !e.metaKey && !e.altKey) this.onKey('\n');
        return;
      case 'Delete':
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'ArrowUp':
      case 'ArrowDown':
      case 'Home':
      case 'End':
        e.preventDefault(); // there is nothing to move through: keys only go forward
        return;
      default:
    }
  }

  // Reached when keydown did not handle the edit, e.g. soft keyboards that
  // report every key as 229.
  handleBeforeInput(e) {
    if (!this.enabled) { e.preventDefault(); return; }
    if (this.composing || e.isComposing) return;
    switch (e.inputType) {
      case 'insertLineBreak':
      case 'insertParagraph':
        e.preventDefault();
        this.onKey('\n');
        return;
      case 'deleteContentBackward':
      case 'deleteWordBackward':
      case 'deleteSoftLineBackward':
      case 'deleteHardLineBackward':
        e.preventDefault();
        this.onKey('\b', { wholeRun: e.inputType !== 'deleteContentBackward' });
        return;
      default:
        if (e.inputType?.startsWith('delete') || e.inputType?.startsWith('history') || e.inputType?.startsWith('format')) {
          e.preventDefault();
        }
    }
  }

  handleInput(e) {
    if (this.composing || e.isComposing) return;
    const text = this.el.value.slice(this.consumed);
    this.reset();
    if (!this.enabled || !text) return;
    this.onKey(normalize(text));
  }

  handleCompositionStart() {
    this.composing = true;
    this.onCompose('');
  }

  handleCompositionEnd(e) {
    this.composing = false;
    this.onCompose(null);
    const committed = e.data ?? this.el.value.slice(this.consumed);
    this.consumed = this.el.value.length;
    if (this.enabled && committed) this.onKey(normalize(committed));
    // Clear after the browser has finished its own composition bookkeeping,
    // unless a new composition (the next Hangul syllable) already started.
    setTimeout(() => { if (!this.composing) this.reset(); }, 0);
  }

  destroy() {
    this.el.remove();
  }
}
