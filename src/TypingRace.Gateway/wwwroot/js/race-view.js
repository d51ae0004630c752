// Draws the passage one span per code point: typed text dim, the player's
// caret on the current character, the error run marked (red and underlined)
// with what was typed shown small above it, so the text to type stays
// readable; code in a monospace block with "↵" before every newline, and the
// other racers' cursors as coloured markers labelled with their names.

import { h, clear } from './dom.js';
import { typingText } from './typing-model.js';

const NEWLINE_GLYPH = '↵';

function glyph(ch) {
  return ch === '\n' ? `${NEWLINE_GLYPH}\n` : ch;
}

/** How a wrong character is shown above the expected one. */
function wrongGlyph(ch) {
  if (ch === '\n') return NEWLINE_GLYPH;
  if (ch === '\t') return '→';
  return ch;
}

/** Segments sorted and clipped; gaps (joining spaces/newlines) belong to the block before them. */
function blocksOf(passage, length) {
  const segments = (passage.segments ?? [])
    .filter((s) => Number.isInteger(s?.start) && s.start >= 0 && s.start < length)
    .sort((a, b) => a.start - b.start);
  if (segments.length === 0) {
    return [{ start: 0, end: length, kind: 'prose', paragraphIndex: passage.firstParagraphIndex ?? 0 }];
  }
  return segments.map((segment, i) => ({
    start: i === 0 ? 0 : segment.start,
    end: i + 1 < segments.length ? segments[i + 1].start : length,
    kind: segment.kind ?? 'prose',
    paragraphIndex: segment.paragraphIndex,
  }));
}

export class PassageView {
  constructor() {
    this.el = h('div', { class: 'passage', 'data-testid': 'passage', lang: 'und' });
    this.cursorLayer = h('div', { class: 'cursor-layer', 'aria-hidden': 'true' });
    this.root = h('div', { class: 'passage-wrap' }, this.el, this.cursorLayer);
    this.chars = [];
    this.spans = [];
    this.blocks = [];
    this.typing = { position: 0, errors: [] };
    this.painted = { position: 0, errorLength: 0 };
    this.cursors = [];
    this.markers = new Map();
    /** Spectators have no cursor of their own in the text. */
    this.ownCaret = true;
    this.resizeObserver = new ResizeObserver(() => this.placeCursors());
    this.resizeObserver.observe(this.el);
  }

  /**
   * @param {object} passage the room view's passage (with text)
   * @param {object} [guide] GET /api/guides/{id}, for section titles between paragraphs
   */
  setPassage(passage, guide) {
    this.passage = passage;
    ({ chars: this.chars, filled: this.filled } = typingText(passage?.text, passage?.autoFilled));
    this.blocks = blocksOf(passage ?? {}, this.chars.length);
    this.spans = new Array(this.chars.length);
    clear(this.el);

    let lastSection = null;
    let lastBlockEl = this.el;
    for (const [i, block] of this.blocks.entries()) {
      const section = guide?.paragraphs?.[block.paragraphIndex]?.section ?? (i === 0 ? passage?.section : lastSection);
      if (section && section !== lastSection) this.el.appendChild(h('h3', { class: 'passage-section', text: section }));
      lastSection = section ?? lastSection;

      const isCode = block.kind === 'code';
      const blockEl = h(isCode ? 'pre' : 'p', { class: `passage-block kind-${block.kind}` });
      const frag = document.createDocumentFragment();
      for (let index = block.start; index < block.end; index++) {
        const span = document.createElement('span');
        span.className = this.chars[index] === '\n' ? 'ch nl' : 'ch';
        span.textContent = glyph(this.chars[index]);
        this.spans[index] = span;
        frag.appendChild(span);
      }
      blockEl.appendChild(frag);
      this.el.appendChild(blockEl);
      lastBlockEl = blockEl;
    }
    this.overflow = h('span', { class: 'ch err overflow', hidden: true });
    lastBlockEl.appendChild(this.overflow);

    this.painted = { position: 0, errorLength: 0 };
    const typing = this.typing;
    this.typing = { position: 0, errors: [] };
    this.repaintAll(typing);
    this.placeCursors();
  }

  repaintAll(typing) {
    this.typing = typing;
    for (let i = 0; i < this.chars.length; i++) this.paint(i);
    this.paintOverflow();
    this.painted = { position: typing.position, errorLength: typing.errors.length };
    this.el.dataset.position = String(typing.position);
    this.el.dataset.errorLength = String(typing.errors.length);
  }

  /** Shows the player's own typing state; only the spans that changed are touched. */
  showTyping(typing) {
    const before = this.painted;
    this.typing = typing;
    const from = Math.max(0, Math.min(before.position, typing.position));
    const to = Math.min(this.chars.length - 1,
      Math.max(before.position + before.errorLength, typing.position + typing.errors.length) + 1);
    for (let i = from; i <= to; i++) this.paint(i);
    this.paintOverflow();
    this.painted = { position: typing.position, errorLength: typing.errors.length };
    this.el.dataset.position = String(typing.position);
    this.el.dataset.errorLength = String(typing.errors.length);
  }

  paint(i) {
    const span = this.spans[i];
    if (!span) return;
    const expected = this.chars[i];
    const { position, errors } = this.typing;
    let className = expected === '\n' ? 'ch nl' : 'ch';
    // Filled in by the server (indentation, a character with no key): shown, never typed.
    if (this.filled?.[i]) className += ' auto';
    let text = glyph(expected);
    let typed = null;
    if (i < position) {
      className += ' typed';
    } else if (i < position + errors.length) {
      className += ' err';
      // The expected character stays; the wrong one is drawn above it (after a reconnect only the count is known).
      typed = errors[i - position] ?? null;
      if (typed !== null) typed = wrongGlyph(typed);
    } else if (i === position + errors.length && this.ownCaret) {
      className += ' cur';
    }
    if (span.className !== className) span.className = className;
    if (span.textContent !== text) span.textContent = text;
    if (typed === null) delete span.dataset.typed;
    else if (span.dataset.typed !== typed) span.dataset.typed = typed;
  }

  /** Wrong characters typed past the end of the passage. */
  paintOverflow() {
    if (!this.overflow) return;
    const { position, errors } = this.typing;
    const extra = errors.slice(Math.max(0, this.chars.length - position)).map((c) => wrongGlyph(c ?? '?'));
    this.overflow.hidden = extra.length === 0;
    this.overflow.textContent = extra.join('');
  }

  /** The box of the character at `index` (or just after the end), relative to the wrapper. */
  boxAt(index) {
    const rootRect = this.root.getBoundingClientRect();
    const lineHeight = parseFloat(getComputedStyle(this.el).lineHeight) || 24;
    if (this.chars.length === 0) return { left: 0, top: 0, height: lineHeight };
    const atEnd = index >= this.chars.length;
    const span = this.spans[Math.min(Math.max(index, 0), this.chars.length - 1)];
    const rect = span.getClientRects()[0] ?? span.getBoundingClientRect();
    return {
      left: (atEnd ? rect.right : rect.left) - rootRect.left,
      top: rect.top - rootRect.top,
      height: rect.height || lineHeight,
    };
  }

  caretBox() {
    return this.boxAt(this.typing.position + this.typing.errors.length);
  }

  /** Keeps the current character on screen in long passages. */
  ensureCaretVisible() {
    const span = this.spans[Math.min(this.typing.position, this.chars.length - 1)];
    if (!span) return;
    const rect = span.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight - 48) span.scrollIntoView({ block: 'center' });
  }

  /**
   * @param {{playerId: string, position: number, color: string, label: string, name: string}[]} cursors
   */
  showCursors(cursors) {
    this.cursors = cursors;
    const seen = new Set();
    for (const cursor of cursors) {
      seen.add(cursor.playerId);
      let marker = this.markers.get(cursor.playerId);
      if (!marker) {
        marker = h('span', { class: 'opp-cursor', 'data-testid': 'opponent-cursor', 'data-player-id': cursor.playerId },
          h('span', { class: 'opp-label' }));
        this.markers.set(cursor.playerId, marker);
        this.cursorLayer.appendChild(marker);
      }
      marker.style.setProperty('--racer-color', cursor.color);
      marker.title = cursor.name;
      marker.dataset.position = String(cursor.position);
      const label = marker.firstChild;
      if (label.textContent !== cursor.label) label.textContent = cursor.label;
    }
    for (const [id, marker] of this.markers) {
      if (!seen.has(id)) { marker.remove(); this.markers.delete(id); }
    }
    this.placeCursors();
  }

  placeCursors() {
    if (this.placeQueued) return;
    this.placeQueued = true;
    requestAnimationFrame(() => {
      this.placeQueued = false;
      const stacked = new Map();
      for (const cursor of this.cursors) {
        const marker = this.markers.get(cursor.playerId);
        if (!marker) continue;
        const box = this.boxAt(cursor.position);
        // Racers at the same spot get their labels stacked instead of hidden.
        const depth = stacked.get(cursor.position) ?? 0;
        stacked.set(cursor.position, depth + 1);
        marker.style.transform = `translate(${Math.round(box.left)}px, ${Math.round(box.top)}px)`;
        marker.style.height = `${Math.round(box.height)}px`;
        marker.style.setProperty('--stack', String(depth));
        // On a block's first line under a section title, a label above would cover the title: it goes below.
        marker.classList.toggle('label-below', this.underTitle(cursor.position, box));
      }
    });
  }

  /** Whether the character at <index> is on the first line of a block that a section title sits right above. */
  underTitle(index, box) {
    const span = this.spans[Math.min(Math.max(index, 0), this.chars.length - 1)];
    const block = span?.closest('.passage-block');
    if (!block || !block.previousElementSibling?.classList.contains('passage-section')) return false;
    const blockTop = block.getBoundingClientRect().top - this.root.getBoundingClientRect().top;
    return box.top - blockTop < box.height;
  }

  destroy() {
    this.resizeObserver.disconnect();
    this.root.remove();
  }
}
