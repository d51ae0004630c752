// A row of mutually exclusive choices (radio buttons drawn as one control).

import { h } from './dom.js';

let groupCount = 0;

/**
 * @param {object} options
 * @param {string} options.legend what is chosen ("Period")
 * @param {string} options.testid each option's label gets data-testid `${testid}-${value}`
 * @param {{value: string, label: string}[]} options.options
 * @param {(value: string) => void} options.onChange
 */
export function segmented({ legend, testid, options, onChange }) {
  const name = `segment-${++groupCount}`;
  const inputs = new Map();
  const labels = options.map((option) => {
    const input = h('input', {
      type: 'radio', name, value: option.value, class: 'segment-input',
      onchange: () => { if (input.checked) onChange(option.value); },
    });
    inputs.set(option.value, input);
    return h('label', { class: 'segment', 'data-testid': `${testid}-${option.value}`, 'data-value': option.value },
      input, h('span', { class: 'segment-text', text: option.label }));
  });
  const el = h('fieldset', { class: 'segmented', 'data-testid': testid },
    h('legend', { text: legend }),
    h('div', { class: 'segments' }, labels));
  return {
    el,
    /** Shows `value` as chosen without firing onChange. */
    set(value) {
      for (const [key, input] of inputs) input.checked = key === value;
      el.dataset.value = value;
    },
  };
}
