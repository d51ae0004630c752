// The room's running tally of the evening (room view `tally`): each person's
// races, wins, average and best WPM, and the best run so far. Shown in the
// lobby and on the results, once the first race is over.

import { h } from './dom.js';
import { displayName, formatWpm } from './format.js';
import { t, tn } from './i18n.js';
import { state } from './state.js';

/** The tally card, or an empty placeholder before the first race ends (so it can be replaced in place). */
export function tallyCard(tally) {
  if (!tally?.lines?.length) return h('div', { hidden: true });
  const youId = state.player?.playerId;
  const best = tally.best;
  return h('section', { class: 'card tally', 'data-testid': 'tally', 'aria-labelledby': 'tally-title' },
    h('h3', { id: 'tally-title', text: t('tally.title') }),
    h('p', { class: 'muted', 'data-testid': 'tally-races', text: tn('tally.races', tally.races) }),
    best ? h('p', { class: 'tally-best', 'data-testid': 'tally-best',
      text: t('tally.best', { name: displayName(best.name, best.tag), wpm: formatWpm(best.wpm), race: best.raceNumber }) }) : null,
    h('div', { class: 'table-scroll' },
      h('table', { class: 'results-table tally-table' },
        h('caption', { class: 'visually-hidden', text: t('tally.title') }),
        h('thead', {}, h('tr', {}, ['tally.racer', 'tally.racesColumn', 'tally.wins', 'tally.average', 'tally.bestColumn']
          .map((key) => h('th', { scope: 'col', text: t(key) })))),
        h('tbody', {}, tally.lines.map((line) => h('tr', {
          class: line.playerId === youId ? 'own' : null, 'data-testid': 'tally-row', 'data-player-id': line.playerId,
        },
        h('td', {}, displayName(line.name, line.tag), line.playerId === youId ? h('span', { class: 'you-mark', text: t('common.you') }) : null),
        h('td', { class: 'num', text: String(line.races) }),
        h('td', { class: 'num', 'data-testid': 'tally-wins', text: String(line.wins) }),
        h('td', { class: 'num', 'data-testid': 'tally-average', text: line.averageWpm === null || line.averageWpm === undefined ? '–' : formatWpm(line.averageWpm) }),
        h('td', { class: 'num', 'data-testid': 'tally-best-wpm', text: line.bestWpm ? formatWpm(line.bestWpm) : '–' })))))));
}
