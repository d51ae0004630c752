// "Bring your own guide": a file or pasted text, previewed as the server would
// split it, reviewed (delete a paragraph, join one with the next) and saved.
// The splitting is the server's alone: this page only shows what it answers.

import { h, setText, clear } from './dom.js';
import { t, errorMessage } from './i18n.js';

const FORMAT_OF_EXTENSION = { md: 'markdown', markdown: 'markdown', txt: 'text', text: 'text' };
// The keys of the badges of each kind of paragraph the server splits out.
const KIND_LABEL = { prose: 'import.kindProse', listItem: 'import.kindListItem', tableRow: 'import.kindTableRow', code: 'import.kindCode' };

export class GuideImportCard {
  /** Text or a title the player has given and not saved yet. */
  hasDraft() {
    return !!(this.contentInput.value.trim() || this.titleInput.value.trim());
  }

  /**
   * The same review wherever a guide is imported; only where it is saved differs (a player's guides, a cohort's).
   * @param {object} options
   * @param {(request: object) => Promise<object|null>} options.preview the server's split of the text; null to do nothing
   * @param {(request: object) => Promise<object>} options.save saves the reviewed guide, answering it
   * @param {(guide: object) => void} [options.onSaved]
   * @param {string} [options.heading] already in the page's language
   * @param {'h2'|'h3'} [options.headingLevel] h3 inside a card that has its own h2
   * @param {string} [options.intro]
   * @param {(guide: object) => string} [options.savedText]
   */
  constructor({ preview, save, onSaved, heading = t('import.heading'), headingLevel = 'h2', intro, savedText }) {
    this.fetchPreview = preview;
    this.saveGuide = save;
    this.onSaved = onSaved;
    this.savedText = savedText ?? ((guide) => t('import.saved', { title: guide.title, count: guide.paragraphCount }));
    this.preview = null;

    this.titleInput = h('input', { id: 'import-title', 'data-testid': 'import-title', type: 'text', maxlength: '120', required: true });
    this.fileInput = h('input', {
      id: 'import-file', 'data-testid': 'import-file', type: 'file', accept: '.md,.markdown,.txt,text/plain,text/markdown',
      onchange: () => this.readFile(),
    });
    this.formatSelect = h('select', { id: 'import-format', 'data-testid': 'import-format', onchange: () => this.forgetPreview() },
      h('option', { value: '', text: t('import.formatGuess') }),
      h('option', { value: 'markdown', text: t('import.formatMarkdown') }),
      h('option', { value: 'text', text: t('import.formatText') }));
    this.contentInput = h('textarea', {
      id: 'import-content', 'data-testid': 'import-content', rows: '8', spellcheck: 'false',
      placeholder: t('import.placeholder'), oninput: () => this.forgetPreview(),
    });
    this.status = h('p', { class: 'field-help', 'data-testid': 'import-status', 'aria-live': 'polite' });
    this.previewButton = h('button', { type: 'submit', class: 'btn', 'data-testid': 'import-preview', text: t('import.preview') });
    this.saveButton = h('button', { type: 'button', class: 'btn btn-primary', 'data-testid': 'import-save', text: t('import.save'), hidden: true, onclick: () => this.save() });
    this.review = h('ol', { class: 'import-review', 'data-testid': 'import-review', hidden: true });

    this.el = h('form', { class: 'card guide-import', 'aria-labelledby': 'import-heading', onsubmit: (e) => { e.preventDefault(); this.showPreview(); } },
      h(headingLevel, { id: 'import-heading', text: heading }),
      h('p', { class: 'muted', text: intro ?? t('import.intro') }),
      h('div', { class: 'field' }, h('label', { for: this.titleInput.id, text: t('import.title') }), this.titleInput),
      h('div', { class: 'field-row' },
        h('div', { class: 'field' }, h('label', { for: this.fileInput.id, text: t('import.file') }), this.fileInput),
        h('div', { class: 'field' }, h('label', { for: this.formatSelect.id, text: t('import.format') }), this.formatSelect)),
      h('div', { class: 'field' }, h('label', { for: this.contentInput.id, text: t('import.paste') }), this.contentInput),
      h('div', { class: 'actions' }, this.previewButton, this.saveButton),
      this.status,
      this.review);
  }

  async readFile() {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    this.contentInput.value = await file.text();
    const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
    this.formatSelect.value = FORMAT_OF_EXTENSION[extension] ?? '';
    if (!this.titleInput.value.trim()) this.titleInput.value = file.name.replace(/\.[^.]+$/, '');
    this.forgetPreview();
  }

  /** The text changed: the paragraphs reviewed are no longer the ones it would make. */
  forgetPreview() {
    this.preview = null;
    this.review.hidden = true;
    this.saveButton.hidden = true;
    clear(this.review);
  }

  request() {
    return { title: this.titleInput.value, format: this.formatSelect.value || null, content: this.contentInput.value };
  }

  async showPreview() {
    this.previewButton.disabled = true;
    try {
      const preview = await this.fetchPreview(this.request());
      if (!preview) return;
      this.preview = preview;
      this.renderReview();
      setText(this.status, t('import.previewed', { paragraphs: this.preview.paragraphCount, characters: this.preview.characterCount }));
    } catch (error) {
      this.forgetPreview();
      setText(this.status, errorMessage(error));
    } finally {
      this.previewButton.disabled = false;
    }
  }

  renderReview() {
    clear(this.review);
    const last = this.preview.paragraphs.length - 1;
    for (const paragraph of this.preview.paragraphs) {
      const keep = h('input', { type: 'checkbox', checked: true, 'data-testid': 'import-keep', 'aria-label': t('import.keepLabel', { n: paragraph.index + 1 }) });
      const join = h('input', { type: 'checkbox', 'data-testid': 'import-join', 'aria-label': t('import.joinLabel', { n: paragraph.index + 1 }), disabled: paragraph.index === last });
      const text = paragraph.kind === 'code' ? h('pre', { class: 'import-text', text: paragraph.text }) : h('p', { class: 'import-text', text: paragraph.text });
      this.review.appendChild(h('li', { class: 'import-paragraph', 'data-index': String(paragraph.index) },
        h('div', { class: 'import-meta' },
          h('span', { class: 'badge', text: KIND_LABEL[paragraph.kind] ? t(KIND_LABEL[paragraph.kind]) : paragraph.kind }),
          paragraph.section ? h('span', { class: 'muted', text: paragraph.section }) : null,
          h('label', { class: 'import-choice' }, keep, t('import.keep')),
          h('label', { class: 'import-choice' }, join, t('import.join'))),
        text));
    }
    this.review.hidden = false;
    this.saveButton.hidden = false;
  }

  /** The review as the server's edits: indexes of the preview to delete and to join with the next. */
  edits() {
    const remove = [];
    const mergeWithNext = [];
    for (const item of this.review.querySelectorAll('li')) {
      const index = Number(item.dataset.index);
      if (!item.querySelector('[data-testid=import-keep]').checked) remove.push(index);
      if (item.querySelector('[data-testid=import-join]').checked) mergeWithNext.push(index);
    }
    return { delete: remove, mergeWithNext };
  }

  async save() {
    if (!this.preview) return;
    this.saveButton.disabled = true;
    try {
      const guide = await this.saveGuide({ ...this.request(), ...this.edits() });
      this.forgetPreview();
      // Saved: the form is ready for the next guide.
      this.titleInput.value = '';
      this.contentInput.value = '';
      this.fileInput.value = '';
      this.formatSelect.value = '';
      setText(this.status, this.savedText(guide));
      this.onSaved?.(guide);
    } catch (error) {
      setText(this.status, errorMessage(error));
    } finally {
      this.saveButton.disabled = false;
    }
  }
}
