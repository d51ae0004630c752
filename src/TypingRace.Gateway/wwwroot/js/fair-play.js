// What the fair-play flags mean, in the server's words (GET /api/fair-play):
// a flag on the results screen or the player page opens to its explanation
// (click, Enter, or hover for its title), and /fair-play lists every rule.

import { h } from './dom.js';
import { request } from './api.js';
import { serverWords, t } from './i18n.js';

let rules = null;

/** The flags' explanations by flag name, fetched once; an empty map when the server cannot be asked. */
export function fairPlayRules() {
  rules ??= request('GET', '/api/fair-play')
    .then((answer) => new Map((answer?.flags ?? []).map((rule) => [rule.flag, rule])))
    .catch(() => {
      rules = null;
      return new Map();
    });
  return rules;
}

/** A flag with its reason one click, key or hover away, and the way to the rules. */
export function flagNote(flag, known, { warn = true } = {}) {
  const rule = known?.get(flag);
  const className = warn ? 'flag flag-warn' : 'flag';
  if (!rule) return h('span', { class: className, 'data-flag': flag, text: String(flag) });
  return h('details', { class: 'flag-explained', 'data-testid': 'flag-note', 'data-flag': flag, title: rule.explanation },
    h('summary', { class: className, text: serverWords('flags', flag) ?? rule.label }),
    h('p', { class: 'flag-explanation', 'data-testid': 'flag-explanation' },
      rule.explanation, ' ', h('a', { href: '/fair-play', 'data-link': true, text: t('fairPlay.rulesLink') })));
}

/** /fair-play: every flag and what sets it, and how anyone can have a result proved. */
export class FairPlayScreen {
  constructor() {
    this.list = h('dl', { class: 'fair-play-rules', 'data-testid': 'fair-play-rules' });
    this.el = h('section', { class: 'screen fair-play-screen', 'aria-labelledby': 'fair-play-title' },
      h('div', { class: 'card' },
        h('h1', { id: 'fair-play-title', text: t('fairPlay.title') }),
        h('p', { text: t('fairPlay.intro') }),
        this.list,
        h('p', { class: 'muted', text: t('fairPlay.proof') })));
  }

  async mount(container) {
    container.appendChild(this.el);
    document.title = t('fairPlay.pageTitle');
    const known = await fairPlayRules();
    this.list.replaceChildren(...[...known.values()].flatMap((rule) => [
      h('dt', { 'data-flag': rule.flag, text: serverWords('flags', rule.flag) ?? rule.label }),
      h('dd', { 'data-testid': 'fair-play-rule', 'data-flag': rule.flag, text: rule.explanation }),
    ]));
  }

  destroy() {
    this.el.remove();
  }
}
