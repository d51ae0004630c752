// The player page (/p/{playerId}): totals, a WPM chart over the recent races,
// the recent races and the personal bests, from GET /api/players/{id}/stats,
// and the keys they miss most, from GET /api/players/{id}/weak-spots.

import { h, setText } from './dom.js';
import { currentToken, signOutEverywhere } from './identity.js';
import { api } from './api.js';
import { state } from './state.js';
import { displayName, formatWpm, formatAccuracy, formatDate, formatDateTime, formatNumber, formatPercent } from './format.js';
import { leaderboardsPath, replayPath } from './router.js';
import { guideList, describePassage, parsePassageId, passageLabel, passagePlace } from './guide-lookup.js';
import { choiceParams, DEFAULT_CHOICE } from './leaderboard-choice.js';
import { wpmChart } from './wpm-chart.js';
import { fairPlayRules, flagNote } from './fair-play.js';
import { t, tn, tParts, errorMessage } from './i18n.js';
import { PLAYER_NOT_FOUND } from './error-codes.js';

/** A key as it shows in a weak spot: a space, a new line or a tab drawn as a glyph, not as nothing. */
function visibleKey(text) {
  return text.replace(/ /g, '␣').replace(/\n/g, '↵').replace(/\t/g, '→');
}

/** A result's fair-play flags by name: the stats give them as a list, or as one "pasted, tooFast" string. */
function flagsOf(flags) {
  if (Array.isArray(flags)) return flags;
  if (!flags || flags === 'none' || typeof flags !== 'string') return [];
  return flags.split(',').map((flag) => flag.trim()).filter((flag) => flag && flag !== 'none');
}

function stat(label, value, testid, unit) {
  return h('div', { class: 'stat' },
    h('dt', { text: label }),
    h('dd', {}, h('span', { 'data-testid': testid, text: value }), unit ? h('span', { class: 'stat-unit', text: ` ${unit}` }) : null));
}

function table(caption, columns, rows, testid) {
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'results-table stats-table', 'data-testid': testid },
      h('caption', { class: 'visually-hidden', text: caption }),
      h('thead', {}, h('tr', {}, columns.map(([label, cls]) => h('th', { scope: 'col', class: cls, text: label })))),
      h('tbody', {}, rows)));
}

function boardLink(params, text, testid) {
  return h('a', { href: leaderboardsPath(choiceParams({ ...DEFAULT_CHOICE, ...params })), 'data-link': true, 'data-testid': testid, text });
}

export class PlayerScreen {
  constructor({ playerId }) {
    this.playerId = playerId;
    this.destroyed = false;
    this.el = h('section', { class: 'screen player-screen', 'data-testid': 'player-page', 'data-state': 'loading', 'aria-busy': 'true' },
      h('p', { class: 'loading', text: t('common.loading') }));
  }

  mount(container) {
    container.appendChild(this.el);
    this.load();
  }

  destroy() {
    this.destroyed = true;
    this.el.remove();
  }

  async load() {
    this.setState('loading');
    let answer;
    try {
      answer = await api.getPlayerStats(this.playerId);
    } catch (error) {
      if (!this.destroyed) this.renderError(error);
      return;
    }
    const stats = answer.stats ?? {};
    // Names for guides and passages; the guide calls are cached, so this is one call per guide.
    const [guides, recent, passageBests, flagRules, weakSpots] = await Promise.all([
      guideList(),
      Promise.all((stats.recent ?? []).map(async (r) => ({ result: r, passage: await describePassage(r) }))),
      Promise.all((stats.passageBests ?? []).map(async (best) => {
        const parsed = parsePassageId(best.id);
        return { best, passage: parsed ? await describePassage(parsed) : null };
      })),
      fairPlayRules(),
      // The page stands without them: weak spots are a nicety beside the stats.
      api.getWeakSpots(this.playerId).catch(() => null),
    ]);
    if (this.destroyed) return;
    this.flagRules = flagRules;
    this.render(answer, stats, { guides, recent, passageBests, weakSpots });
  }

  setState(value) {
    this.el.dataset.state = value;
    this.el.setAttribute('aria-busy', String(value === 'loading'));
  }

  render(player, stats, { guides, recent, passageBests, weakSpots }) {
    const you = player.playerId === state.player?.playerId;
    const name = displayName(player.name || t('common.unnamed'), player.tag);
    const shownName = h('span', { 'data-testid': 'player-name' }, player.name || t('common.unnamed'), h('span', { class: 'tag', text: `#${player.tag}` }));
    document.title = `${name} · TypingRace`;
    const races = Number(stats.races ?? 0);
    const recentAverage = stats.recentAverageWpm;

    this.el.replaceChildren(
      h('div', { class: 'page-head' },
        h('h1', {}, shownName, you ? h('span', { class: 'you-mark', text: t('common.you') }) : null),
        h('p', { class: 'muted', text: races ? tn('player.racesRecorded', races) : t('player.noRaces') })),
      h('dl', { class: 'stats player-stats', 'data-testid': 'player-totals' },
        stat(t('player.races'), String(races), 'stat-races'),
        stat(t('player.averageWpm'), formatWpm(stats.averageWpm), 'stat-average-wpm', 'wpm'),
        stat(t('player.averageAccuracy'), formatAccuracy(stats.averageAccuracy), 'stat-average-accuracy'),
        stat(t('player.last10'), recentAverage === null || recentAverage === undefined ? '–' : formatWpm(recentAverage), 'stat-recent-average-wpm', 'wpm')),
      // replaceChildren writes a null as the text "null"; h() would skip it.
      ...(you ? [this.deviceCard()] : []),
      this.chartCard(recent),
      ...(weakSpots ? [this.weakSpotsCard(weakSpots)] : []),
      this.bestsCard(stats.guideBests ?? [], passageBests, guides),
      this.recentCard(recent));
    this.setState('ready');
  }

  /** A one-time code for this player's other device, so a marathon goes on wherever they are. */
  deviceCard() {
    const code = h('p', { class: 'device-code', 'data-testid': 'device-code', 'aria-live': 'polite' });
    const get = h('button', {
      type: 'button', class: 'btn', 'data-testid': 'get-device-code', text: t('player.getCode'),
      onclick: async () => {
        get.disabled = true;
        try {
          const issued = await api.issueDeviceCode(currentToken());
          code.replaceChildren(...tParts('player.codeIssued', {
            code: h('strong', { class: 'room-code inline', text: issued.code }),
            until: formatDateTime(issued.expiresAt),
          }));
        } catch (error) {
          setText(code, errorMessage(error));
        } finally {
          get.disabled = false;
        }
      },
    });
    const signedOut = h('p', { class: 'field-help', 'data-testid': 'sign-out-status', 'aria-live': 'polite' });
    const signOut = h('button', {
      type: 'button', class: 'btn', 'data-testid': 'sign-out-everywhere', text: t('player.signOutEverywhere'),
      onclick: async () => {
        signOut.disabled = true;
        try {
          await signOutEverywhere();
          setText(signedOut, t('player.signedOutEverywhere'));
        } catch (error) {
          setText(signedOut, errorMessage(error));
        } finally {
          signOut.disabled = false;
        }
      },
    });
    return h('div', { class: 'card', 'data-testid': 'device-card' },
      h('h2', { text: t('player.deviceTitle') }),
      h('p', { class: 'muted', text: t('player.deviceIntro') }),
      h('div', { class: 'actions' }, get, signOut),
      code, signedOut);
  }

  /** The characters missed most for how often they came, and the bigrams missed most (keybr's strength). */
  weakSpotsCard(spots) {
    const card = h('div', { class: 'card weak-spots', 'data-testid': 'weak-spots' }, h('h2', { text: t('player.weakSpotsTitle') }));
    if (!spots.characters?.length && !spots.bigrams?.length) {
      card.appendChild(h('p', { class: 'muted', 'data-testid': 'weak-spots-empty', text: t('player.weakSpotsEmpty') }));
      return card;
    }
    const key = (text) => h('kbd', { class: 'weak-key', 'data-testid': 'weak-key', 'data-key': text, text: visibleKey(text) });
    card.append(
      h('p', { class: 'muted', text: tn('player.weakSpotsFrom', spots.results ?? 0) }),
      h('div', { class: 'weak-spots-grid' },
        h('div', {},
          h('h3', { text: t('player.weakCharacters') }),
          h('ol', { class: 'weak-list', 'data-testid': 'weak-characters' }, (spots.characters ?? []).map((k) => h('li', { 'data-key': k.key },
            key(k.key), ' ', t('player.missedOf', { misses: formatNumber(k.misses), attempts: formatNumber(k.attempts), share: formatPercent((100 * k.misses) / k.attempts) }))))),
        h('div', {},
          h('h3', { text: t('player.weakBigrams') }),
          h('ol', { class: 'weak-list', 'data-testid': 'weak-bigrams' }, (spots.bigrams ?? []).map((k) => h('li', { 'data-key': k.key },
            key(k.key), ' ', tn('player.missedTimes', k.misses)))))));
    return card;
  }

  chartCard(recent) {
    const card = h('div', { class: 'card chart-card' }, h('h2', { text: t('player.chartTitle') }));
    if (!recent.length) {
      card.appendChild(h('p', { class: 'muted', 'data-testid': 'chart-empty', text: t('player.chartEmpty') }));
      return card;
    }
    const points = [...recent].reverse().map(({ result, passage }) => ({
      wpm: result.wpm,
      title: `${formatWpm(result.wpm)} WPM · ${formatAccuracy(result.accuracy)} · ${passageLabel(passage)} · ${formatDateTime(result.at)}`,
    }));
    card.append(
      h('div', { class: 'chart-wrap' }, wpmChart(points)),
      h('p', { class: 'muted chart-note', text: tn('player.chartNote', points.length) }));
    return card;
  }

  recentCard(recent) {
    const rows = recent.map(({ result, passage }) => h('tr', {
      class: result.finished ? null : 'dnf',
      'data-testid': 'recent-row',
      'data-guide-id': result.guideId,
      'data-place': String(result.place),
    },
    h('td', { class: 'passage-cell' },
      h('span', { class: 'passage-guide', 'data-testid': 'recent-guide', text: passage.guideTitle }),
      h('span', { class: 'passage-where', 'data-testid': 'recent-passage', text: passagePlace(passage) }),
      result.finished ? null : h('span', { class: 'flag', text: t('common.didNotFinish') }),
      ...flagsOf(result.flags).map((flag) => flagNote(flag, this.flagRules)),
      // A result's id is "{raceId}:{playerId}" (docs/protocol.md): its race plays again at /replay/{raceId}.
      h('a', { class: 'replay-row-link', 'data-testid': 'recent-replay', 'data-link': true, href: replayPath(String(result.resultId ?? '').split(':')[0]), text: t('player.replayLink') })),
    h('td', { class: 'num', 'data-testid': 'recent-wpm', text: formatWpm(result.wpm) }),
    h('td', { class: 'num', text: formatAccuracy(result.accuracy) }),
    h('td', { class: 'num', 'data-testid': 'recent-placement', text: `${result.place} / ${result.racers}` }),
    h('td', { class: 'date', text: formatDateTime(result.at) })));
    return h('div', { class: 'card' },
      h('h2', { text: t('player.recentTitle') }),
      rows.length
        ? table(t('player.recentCaption'), [[t('common.passage')], [t('common.wpm'), 'num'], [t('common.accuracy'), 'num'], [t('common.place'), 'num'], [t('common.date'), 'date']], rows, 'recent-table')
        : h('p', { class: 'muted', 'data-testid': 'recent-empty', text: t('player.noRacesYet') }));
  }

  bestsCard(guideBests, passageBests, guides) {
    const titleOf = (id) => guides.find((g) => g.id === id)?.title ?? id;
    const guideRows = guideBests.map((best) => h('tr', { 'data-testid': 'guide-best-row', 'data-guide-id': best.id },
      h('td', {}, boardLink({ scope: 'guide', guide: best.id }, titleOf(best.id), 'guide-best-link')),
      h('td', { class: 'num', 'data-testid': 'guide-best-wpm', text: formatWpm(best.wpm) }),
      h('td', { class: 'num', text: formatAccuracy(best.accuracy) }),
      h('td', { class: 'date', title: formatDateTime(best.at), text: formatDate(best.at) })));
    const passageRows = passageBests.map(({ best, passage }) => h('tr', { 'data-testid': 'passage-best-row', 'data-passage-id': best.id },
      h('td', { class: 'passage-cell' }, passage?.paragraph
        ? [h('span', { class: 'passage-guide', text: passage.guideTitle }),
          boardLink({ scope: 'passage', guide: passage.guideId, paragraph: passage.paragraph, length: passage.length }, passagePlace(passage), 'passage-best-link')]
        : (passage ? passageLabel(passage) : best.id)),
      h('td', { class: 'num', text: formatWpm(best.wpm) }),
      h('td', { class: 'num', text: formatAccuracy(best.accuracy) }),
      h('td', { class: 'date', title: formatDateTime(best.at), text: formatDate(best.at) })));
    const columns = (first) => [[first], [t('common.wpm'), 'num'], [t('common.accuracy'), 'num'], [t('common.date'), 'date']];
    return h('div', { class: 'card' },
      h('h2', { text: t('player.bestsTitle') }),
      h('p', { class: 'muted', text: t('player.bestsIntro') }),
      h('div', { class: 'bests-grid' },
        h('div', {},
          h('h3', { text: t('player.perGuide') }),
          guideRows.length
            ? table(t('player.bestPerGuide'), columns(t('common.guide')), guideRows, 'guide-bests')
            : h('p', { class: 'muted', 'data-testid': 'guide-bests-empty', text: t('common.noneYet') })),
        h('div', {},
          h('h3', { text: t('player.perPassage') }),
          passageRows.length
            ? table(t('player.bestPerPassage'), columns(t('common.passage')), passageRows, 'passage-bests')
            : h('p', { class: 'muted', text: t('common.noneYet') }))));
  }

  renderError(error) {
    const unknown = error?.code === PLAYER_NOT_FOUND;
    this.el.replaceChildren(h('div', { class: 'card narrow message-card' },
      h('h1', { text: t(unknown ? 'player.notFoundTitle' : 'player.errorTitle') }),
      h('p', { class: 'message', 'data-testid': unknown ? 'player-not-found' : 'player-error',
        text: unknown
          ? t('player.notFound', { id: this.playerId })
          : `${errorMessage(error)}${error?.code ? ` (${error.code})` : ''}` }),
      h('div', { class: 'actions' },
        unknown ? null : h('button', { type: 'button', class: 'btn btn-primary', text: t('common.tryAgain'), onclick: () => this.retry() }),
        h('a', { class: 'btn', href: '/leaderboards', 'data-link': true, text: t('nav.leaderboards') }),
        h('a', { class: 'btn', href: '/', 'data-link': true, text: t('nav.race') }))));
    this.setState(unknown ? 'not-found' : 'error');
  }

  retry() {
    this.el.replaceChildren(h('p', { class: 'loading', text: t('common.loading') }));
    this.load();
  }
}
