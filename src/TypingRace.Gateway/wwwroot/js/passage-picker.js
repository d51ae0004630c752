// Guide, paragraph and length fields, used to create a room (home) and to
// change the passage (lobby, host only).

import { h, setText, clear } from './dom.js';
import { api } from './api.js';
import { firstWords } from './format.js';
import { currentToken } from './identity.js';
import { t, errorMessage } from './i18n.js';

let pickerCount = 0;

export class PassagePicker {
  /** @param {{guideId?: string, paragraphIndex?: number, length?: string}} initial */
  constructor(initial = {}) {
    const id = `picker-${++pickerCount}`;
    this.initial = initial;
    this.guide = null;
    this.guideSelect = h('select', { id: `${id}-guide`, 'data-testid': 'guide-select', required: true, onchange: () => this.loadGuide() },
      h('option', { value: '', text: t('common.loadingGuides') }));
    this.paragraphInput = h('input', {
      id: `${id}-paragraph`, 'data-testid': 'paragraph-input', type: 'number', inputmode: 'numeric',
      min: '1', value: String((initial.paragraphIndex ?? 0) + 1), required: true,
      'aria-describedby': `${id}-preview`, oninput: () => this.renderPreview(),
    });
    this.paragraphCount = h('span', { class: 'field-suffix', 'aria-hidden': 'true' });
    this.preview = h('p', { id: `${id}-preview`, class: 'paragraph-preview', 'data-testid': 'paragraph-preview', 'aria-live': 'polite' });
    this.lengthSelect = h('select', { id: `${id}-length`, 'data-testid': 'length-select' },
      h('option', { value: 'short', text: t('picker.lengthShort') }),
      h('option', { value: 'medium', text: t('picker.lengthMedium') }),
      h('option', { value: 'long', text: t('picker.lengthLong') }));
    this.lengthSelect.value = initial.length ?? 'short';

    this.el = h('div', { class: 'passage-picker' },
      h('div', { class: 'field' }, h('label', { for: this.guideSelect.id, text: t('common.guide') }), this.guideSelect),
      h('div', { class: 'field-row' },
        h('div', { class: 'field field-paragraph' },
          h('label', { for: this.paragraphInput.id, text: t('common.paragraph') }),
          h('span', { class: 'field-with-suffix' }, this.paragraphInput, this.paragraphCount)),
        h('div', { class: 'field' }, h('label', { for: this.lengthSelect.id, text: t('common.length') }), this.lengthSelect)),
      this.preview);
    this.ready = this.loadGuides();
  }

  async loadGuides() {
    try {
      const guides = await api.listGuides(currentToken());
      clear(this.guideSelect);
      if (!guides?.length) {
        this.guideSelect.appendChild(h('option', { value: '', text: t('common.noGuides') }));
        return;
      }
      for (const guide of guides) {
        const key = guide.imported ? 'picker.guideOptionImported' : 'picker.guideOption';
        this.guideSelect.appendChild(h('option', { value: guide.id, text: t(key, { title: guide.title, count: guide.paragraphCount }) }));
      }
      const wanted = guides.some((g) => g.id === this.initial.guideId) ? this.initial.guideId : guides[0].id;
      this.guideSelect.value = wanted;
      await this.loadGuide({ keepParagraph: true });
    } catch (error) {
      clear(this.guideSelect);
      this.guideSelect.appendChild(h('option', { value: '', text: t('picker.guidesFailed') }));
      setText(this.preview, errorMessage(error));
    }
  }

  /** Lists the guides again (after an import) and picks <guideId>. */
  async reload(guideId) {
    this.initial = { ...this.initial, guideId, paragraphIndex: 0 };
    this.paragraphInput.value = '1';
    await this.loadGuides();
  }

  async loadGuide({ keepParagraph = false } = {}) {
    const id = this.guideSelect.value;
    this.guide = null;
    if (!keepParagraph) this.paragraphInput.value = '1';
    setText(this.preview, t('common.loading'));
    if (!id) return;
    try {
      const guide = await api.getGuide(id);
      if (this.guideSelect.value !== id) return; // changed meanwhile
      this.guide = guide;
      this.paragraphInput.max = String(guide.paragraphCount);
      setText(this.paragraphCount, t('common.paragraphOf', { count: guide.paragraphCount }));
      this.renderPreview();
    } catch (error) {
      setText(this.preview, errorMessage(error));
    }
  }

  renderPreview() {
    const paragraph = this.guide?.paragraphs?.[this.paragraphNumber() - 1];
    if (!paragraph) {
      setText(this.preview, this.guide ? t('picker.chooseParagraph', { count: this.guide.paragraphCount }) : '');
      return;
    }
    const section = paragraph.section ? `${paragraph.section} — ` : '';
    setText(this.preview, `${section}${firstWords(paragraph.text)}`);
  }

  paragraphNumber() {
    return Number.parseInt(this.paragraphInput.value, 10);
  }

  /** @returns {{guideId: string, paragraphIndex: number, length: string}} or throws a message */
  value() {
    const guideId = this.guideSelect.value;
    if (!guideId) throw new Error(t('picker.chooseGuide'));
    const number = this.paragraphNumber();
    const count = this.guide?.paragraphCount;
    if (!Number.isInteger(number) || number < 1 || (count && number > count)) {
      throw new Error(count ? t('picker.paragraphRange', { count }) : t('picker.paragraphFromOne'));
    }
    return { guideId, paragraphIndex: number - 1, length: this.lengthSelect.value };
  }
  /** Picks a paragraph of the chosen guide at random (once its paragraphs are known). */
  async randomParagraph() {
    await this.ready;
    const count = this.guide?.paragraphCount ?? 0;
    if (count > 0) this.paragraphInput.value = String(1 + Math.floor(Math.random() * count));
  }

}
