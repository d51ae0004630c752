// The instructor console (/c/{CODE}/console): members and who is online,
// removing a student, building a competition from rounds, starting and
// aborting rounds, their heats and results, standings and the CSV exports.
// Every call carries the instructor key in its header, never in the URL.

import { h, setText, announce } from './dom.js';
import { api } from './api.js';
import { showError, hideError } from './banner.js';
import { currentToken } from './identity.js';
import { cohortPath } from './router.js';
import { replaceKeepingFocus } from './members.js';
import { cohortApi, loadInstructorKey, saveInstructorKey, forgetInstructorKey, saveBlob, isCohortCode } from './cohort-api.js';
import {
  Poller, personName, cohortLink, copyField, guideTitles, roundLabel, stateBadge, standingsTable, resultsTable,
} from './cohort-page.js';

const POLL_MS = 2_000;
const LENGTHS = [['short', 'Short'], ['medium', 'Medium'], ['long', 'Long']];

function slug(text) {
  return String(text ?? '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'competition';
}

/** The rows of the "new competition" form; each row is one round. */
class RoundRows {
  constructor() {
    this.guides = [];
    this.rows = [];
    this.count = 0;
    this.list = h('ol', { class: 'round-rows', 'data-testid': 'round-rows' });
    this.ready = this.loadGuides();
  }

  async loadGuides() {
    try {
      this.guides = (await api.listGuides(currentToken())) ?? [];
    } catch (error) {
      showError(error);
      this.guides = [];
    }
    for (const row of this.rows) this.fillGuides(row);
    if (!this.rows.length) this.add();
  }

  fillGuides(row) {
    const keep = row.guide.value || row.wantedGuide;
    row.guide.replaceChildren(...(this.guides.length
      ? this.guides.map((g) => h('option', { value: g.id, text: g.title }))
      : [h('option', { value: '', text: 'No guides available' })]));
    if (this.guides.some((g) => g.id === keep)) row.guide.value = keep;
    this.limit(row);
  }

  limit(row) {
    const guide = this.guides.find((g) => g.id === row.guide.value);
    if (guide) row.paragraph.max = String(guide.paragraphCount);
    setText(row.suffix, guide ? `of ${guide.paragraphCount}` : '');
  }

  /** A new row starts where the previous one left off: same guide, next paragraph. */
  add() {
    const previous = this.rows.at(-1);
    const id = `round-row-${++this.count}`;
    const row = {
      wantedGuide: previous?.guide.value ?? '',
      guide: h('select', { id: `${id}-guide`, 'data-testid': 'round-guide', required: true }),
      paragraph: h('input', {
        id: `${id}-paragraph`, 'data-testid': 'round-paragraph', type: 'number', inputmode: 'numeric', min: '1', required: true,
        value: String(previous ? (Number.parseInt(previous.paragraph.value, 10) || 0) + 1 : 1),
      }),
      suffix: h('span', { class: 'field-suffix', 'aria-hidden': 'true' }),
      length: h('select', { id: `${id}-length`, 'data-testid': 'round-length' },
        LENGTHS.map(([value, text]) => h('option', { value, text }))),
    };
    row.length.value = previous?.length.value ?? 'short';
    row.guide.addEventListener('change', () => this.limit(row));
    row.title = h('span', { class: 'round-row-title' });
    row.remove = h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'remove-round', onclick: () => this.remove(row) }, 'Remove');
    row.el = h('li', { class: 'round-row', 'data-testid': 'round-row' },
      h('div', { class: 'round-row-head' }, row.title, row.remove),
      h('div', { class: 'field-row' },
        h('div', { class: 'field' }, h('label', { for: row.guide.id, text: 'Guide' }), row.guide),
        h('div', { class: 'field field-paragraph' }, h('label', { for: row.paragraph.id, text: 'Paragraph' }),
          h('span', { class: 'field-with-suffix' }, row.paragraph, row.suffix)),
        h('div', { class: 'field' }, h('label', { for: row.length.id, text: 'Length' }), row.length)));
    this.rows.push(row);
    this.list.appendChild(row.el);
    this.fillGuides(row);
    this.renumber();
    return row;
  }

  remove(row) {
    if (this.rows.length <= 1) return;
    const at = this.rows.indexOf(row);
    this.rows.splice(at, 1);
    row.el.remove();
    this.renumber();
    (this.rows[at] ?? this.rows.at(-1)).guide.focus();
  }

  renumber() {
    this.rows.forEach((row, i) => {
      setText(row.title, `Round ${i + 1}`);
      row.remove.setAttribute('aria-label', `Remove round ${i + 1}`);
      row.remove.hidden = this.rows.length <= 1;
      row.el.setAttribute('aria-label', `Round ${i + 1}`);
    });
  }

  /** The rounds as the API takes them, or throws a message naming the faulty row. */
  value() {
    return this.rows.map((row, i) => {
      const guide = this.guides.find((g) => g.id === row.guide.value);
      if (!guide) throw Object.assign(new Error(`Round ${i + 1}: choose a guide.`), { field: row.guide });
      const number = Number.parseInt(row.paragraph.value, 10);
      if (!Number.isInteger(number) || number < 1 || number > guide.paragraphCount) {
        throw Object.assign(new Error(`Round ${i + 1}: the paragraph must be a number from 1 to ${guide.paragraphCount}.`), { field: row.paragraph });
      }
      return { guideId: guide.id, paragraphIndex: number - 1, length: row.length.value };
    });
  }

  reset() {
    for (const row of this.rows.splice(0)) row.el.remove();
    this.add();
  }
}

export class CohortConsoleScreen {
  constructor({ code }) {
    this.code = code;
    this.key = loadInstructorKey(code);
    this.cohort = null;
    this.titles = new Map();
    this.drawn = { head: '', members: '', competitions: '' };
    this.busy = new Set();
    this.confirmAbort = null;
    this.destroyed = false;
    this.poller = new Poller(() => this.refresh(), POLL_MS);
    this.body = h('div', {}, h('p', { class: 'loading', text: 'Loading…' }));
    this.el = h('section', { class: 'screen cohort-console', 'data-testid': 'cohort-console', 'data-state': 'loading', 'aria-labelledby': 'console-title' }, this.body);
  }

  mount(container) {
    container.appendChild(this.el);
    document.title = `Console ${this.code} · TypingRace`;
    if (!isCohortCode(this.code)) {
      this.message('Not a cohort code', `"${this.code}" is not a cohort code.`, 'cohort-bad-code');
      return;
    }
    if (this.key) this.open(this.key);
    else this.askKey();
  }

  destroy() {
    this.destroyed = true;
    this.poller.stop();
    this.el.remove();
  }

  setState(value) {
    this.el.dataset.state = value;
  }

  askKey(problem) {
    this.setState('key');
    this.layout = null;
    const input = h('input', {
      id: 'instructor-key-input', 'data-testid': 'instructor-key-input', type: 'password', autocomplete: 'off',
      spellcheck: 'false', required: true, 'aria-describedby': 'instructor-key-help', 'aria-invalid': problem ? 'true' : null,
    });
    const help = h('p', { id: 'instructor-key-help', class: 'field-help', text: problem ?? '' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'unlock-console', text: 'Open console' });
    const form = h('form', {
      onsubmit: async (e) => {
        e.preventDefault();
        const key = input.value.trim();
        if (!key) { setText(help, 'Enter the instructor key.'); input.setAttribute('aria-invalid', 'true'); input.focus(); return; }
        submit.disabled = true;
        await this.open(key);
        submit.disabled = false;
      },
    },
    h('label', { for: input.id, text: 'Instructor key' }),
    h('div', { class: 'inline-field' }, input, submit),
    help);
    this.body.replaceChildren(h('div', { class: 'card narrow' },
      h('h1', { id: 'console-title' }, 'Instructor console ', h('span', { class: 'room-code inline', text: this.code })),
      h('p', { class: 'muted', text: 'Enter the key you were shown when the cohort was created. This browser remembers it afterwards.' }),
      form));
    input.focus();
  }

  /** The first call with a key: it is kept only once the server has taken it. */
  async open(key) {
    let cohort;
    try {
      cohort = await cohortApi.getAsInstructor(key, this.code);
    } catch (error) {
      if (this.destroyed) return;
      if (error.code === 'instructor-key-required') {
        forgetInstructorKey(this.code);
        this.key = null;
        showError(error);
        this.askKey('That key does not open this cohort.');
      } else if (error.code === 'cohort-not-found') {
        this.message('Cohort not found', `There is no cohort with the code ${this.code}.`, 'cohort-not-found');
      } else {
        showError(error);
        if (!this.layout) this.askKey(error.message);
      }
      return;
    }
    if (this.destroyed) return;
    hideError();
    this.key = key;
    saveInstructorKey(this.code, key);
    this.titles = await guideTitles();
    if (this.destroyed) return;
    this.build();
    this.show(cohort);
    this.poller.start({ now: false });
  }

  async refresh() {
    try {
      const cohort = await cohortApi.getAsInstructor(this.key, this.code);
      if (!this.destroyed) this.show(cohort);
    } catch (error) {
      if (this.destroyed) return;
      if (error.code === 'instructor-key-required') {
        this.poller.stop();
        forgetInstructorKey(this.code);
        this.key = null;
        showError(error);
        this.askKey('The server no longer accepts the stored key.');
        return;
      }
      showError(error);
    }
  }

  message(title, text, testid) {
    this.setState('error');
    this.layout = null;
    this.body.replaceChildren(h('div', { class: 'card narrow message-card' },
      h('h1', { id: 'console-title', text: title }),
      h('p', { class: 'message', 'data-testid': testid, text }),
      h('div', { class: 'actions' }, h('a', { class: 'btn', href: '/c', 'data-link': true, text: 'Cohorts' }))));
  }

  /** The parts that polling redraws, and the competition form, which it must never reset. */
  build() {
    this.drawn = { head: '', members: '', competitions: '' };
    this.layout = {
      head: h('div'),
      members: h('div'),
      competitions: h('div'),
      form: this.competitionForm(),
    };
    this.body.replaceChildren(
      this.layout.head,
      h('div', { class: 'console-grid' },
        h('section', { class: 'card', 'aria-labelledby': 'members-title' }, h('h2', { id: 'members-title', text: 'Members' }), this.layout.members),
        this.layout.form),
      h('h2', { class: 'console-section-title', text: 'Competitions' }),
      this.layout.competitions);
    this.setState('ready');
  }

  show(cohort) {
    this.cohort = cohort;
    if (!this.layout) return;
    this.draw('head', { name: cohort.name, code: cohort.code }, () => this.renderHead(cohort));
    this.draw('members', cohort.members ?? [], () => this.renderMembers(cohort.members ?? []));
    this.draw('competitions', { competitions: cohort.competitions ?? [], members: cohort.members ?? [], busy: [...this.busy], confirm: this.confirmAbort },
      () => this.renderCompetitions(cohort));
  }

  /** Redraws a part only when what it shows has changed, keeping keyboard focus. */
  draw(part, data, render) {
    const json = JSON.stringify(data);
    if (json === this.drawn[part]) return;
    this.drawn[part] = json;
    this.layout[part] = replaceKeepingFocus(this.layout[part], render());
  }

  redraw() {
    this.drawn.competitions = '';
    if (this.cohort) this.show(this.cohort);
  }

  renderHead(cohort) {
    return h('div', { class: 'page-head console-head' },
      h('h1', { id: 'console-title' }, h('span', { 'data-testid': 'cohort-name', text: cohort.name }), h('span', { class: 'muted console-kind', text: ' · instructor console' })),
      h('p', { class: 'muted' }, 'Cohort ', h('span', { class: 'room-code inline', 'data-testid': 'cohort-code', text: cohort.code })),
      copyField({ id: 'console-cohort-link', label: 'Link for your students', value: cohortLink(cohort.code), testid: 'cohort-link', buttonText: 'Copy link', buttonTestid: 'copy-cohort-link' }));
  }

  renderMembers(members) {
    const online = members.filter((m) => m.online).length;
    const count = h('p', { class: 'muted', 'data-testid': 'online-count', 'data-online': String(online), 'data-members': String(members.length),
      text: `${online} of ${members.length} online` });
    if (!members.length) {
      return h('div', {}, count, h('p', { class: 'muted', 'data-testid': 'no-members' },
        'Nobody has joined yet. Give your students the link: ', h('a', { href: cohortPath(this.code), text: cohortLink(this.code) })));
    }
    const items = [...members]
      .sort((a, b) => Number(b.online) - Number(a.online) || String(a.name).localeCompare(String(b.name)))
      .map((m) => {
        const name = personName(m.playerId, m.name);
        return h('li', { class: `member${m.online ? '' : ' offline'}`, 'data-testid': 'cohort-member', 'data-player-id': m.playerId, 'data-online': String(!!m.online) },
          h('span', { class: `online-dot${m.online ? ' on' : ''}`, 'aria-hidden': 'true' }),
          h('span', { class: 'member-name', text: name }),
          h('span', { class: 'member-marks' }, h('span', { class: 'visually-hidden', text: m.online ? 'online' : 'offline' }),
            m.online ? null : h('span', { class: 'badge badge-offline', 'aria-hidden': 'true', text: 'offline' })),
          h('button', {
            type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'remove-member', 'data-focus-key': `remove-${m.playerId}`,
            'aria-label': `Remove ${name}`, text: 'Remove', onclick: (e) => this.removeMember(m, e.currentTarget),
          }));
      });
    return h('div', {}, count, h('ul', { class: 'member-list', 'data-testid': 'cohort-members', 'aria-label': 'Members' }, items));
  }

  competitionForm() {
    this.roundRows = new RoundRows();
    this.competitionName = h('input', {
      id: 'competition-name', 'data-testid': 'competition-name-input', type: 'text', required: true, autocomplete: 'off',
      maxlength: '60', placeholder: 'Warm-up', 'aria-describedby': 'competition-help',
    });
    this.competitionHelp = h('p', { id: 'competition-help', class: 'field-help', role: 'status' });
    this.createButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'create-competition', text: 'Create competition' });
    return h('form', { class: 'card competition-form', 'aria-labelledby': 'competition-form-title', onsubmit: (e) => { e.preventDefault(); this.createCompetition(); } },
      h('h2', { id: 'competition-form-title', text: 'New competition' }),
      h('div', { class: 'field' }, h('label', { for: 'competition-name', text: 'Name' }), this.competitionName),
      h('fieldset', { class: 'round-fieldset' }, h('legend', { text: 'Rounds' }), this.roundRows.list),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'btn', 'data-testid': 'add-round', text: 'Add round', onclick: () => this.roundRows.add().guide.focus() }),
        this.createButton),
      this.competitionHelp);
  }

  async createCompetition() {
    const name = this.competitionName.value.trim();
    if (!name) {
      setText(this.competitionHelp, 'Enter a name for the competition.');
      this.competitionName.setAttribute('aria-invalid', 'true');
      this.competitionName.focus();
      return;
    }
    this.competitionName.setAttribute('aria-invalid', 'false');
    let rounds;
    try {
      rounds = this.roundRows.value();
    } catch (error) {
      setText(this.competitionHelp, error.message);
      error.field?.focus();
      return;
    }
    this.createButton.disabled = true;
    try {
      const competition = await cohortApi.createCompetition(this.key, this.code, { name, rounds });
      this.competitionName.value = '';
      this.roundRows.reset();
      setText(this.competitionHelp, `Created “${competition?.name ?? name}” with ${rounds.length} ${rounds.length === 1 ? 'round' : 'rounds'}.`);
      await this.refresh();
    } catch (error) {
      setText(this.competitionHelp, error.message);
      showError(error);
    } finally {
      this.createButton.disabled = false;
    }
  }

  renderCompetitions(cohort) {
    const competitions = cohort.competitions ?? [];
    if (!competitions.length) {
      return h('div', { class: 'card empty-state', 'data-testid': 'no-competitions' },
        h('p', { class: 'empty-title', text: 'No competition yet' }),
        h('p', { class: 'muted', text: 'Create one with the form above; its rounds start when you say.' }));
    }
    const names = new Map((cohort.members ?? []).map((m) => [m.playerId, personName(m.playerId, m.name)]));
    return h('div', {}, competitions.map((c) => this.competitionCard(c, names)));
  }

  competitionCard(competition, names) {
    const rounds = competition.rounds ?? [];
    const running = rounds.some((r) => r.state === 'running');
    const next = running ? null : rounds.find((r) => r.state === 'pending');
    return h('section', { class: 'card competition', 'data-testid': 'competition', 'data-competition-id': competition.id, 'aria-label': competition.name },
      h('div', { class: 'board-head' },
        h('h3', { class: 'competition-title', text: competition.name }),
        h('div', { class: 'actions csv-actions' },
          this.csvButton(competition, 'standings', 'Download standings CSV'),
          this.csvButton(competition, 'rounds', 'Download rounds CSV'))),
      h('ol', { class: 'round-list console-rounds', 'aria-label': `Rounds of ${competition.name}` },
        rounds.map((round) => this.roundItem(competition, round, { next: round === next, names }))),
      h('h4', { text: 'Standings' }),
      standingsTable(competition, { details: true }));
  }

  roundItem(competition, round, { next, names }) {
    const busyKey = `${competition.id}:${round.index}`;
    const busy = this.busy.has(busyKey);
    const label = roundLabel(round, this.titles);
    const controls = [];
    if (next) {
      controls.push(h('button', {
        type: 'button', class: 'btn btn-primary btn-small', 'data-testid': 'start-round', 'data-focus-key': `start-${busyKey}`,
        'aria-label': `Start round ${round.index + 1}`, disabled: busy, text: 'Start round',
        onclick: () => this.roundAction(competition, round, 'start'),
      }));
    }
    if (round.state === 'running') {
      if (this.confirmAbort === busyKey) {
        controls.push(
          h('span', { class: 'abort-question', role: 'status', text: 'Abort? Its heats end and score no points.' }),
          h('button', { type: 'button', class: 'btn btn-small btn-danger', 'data-testid': 'confirm-abort', 'data-focus-key': `confirm-${busyKey}`, disabled: busy, text: 'Yes, abort',
            onclick: () => this.roundAction(competition, round, 'abort') }),
          h('button', { type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'cancel-abort', text: 'Keep racing',
            onclick: () => { this.confirmAbort = null; this.redraw(); } }));
      } else {
        controls.push(h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'abort-round', 'data-focus-key': `confirm-${busyKey}`,
          'aria-label': `Abort round ${round.index + 1}`, text: 'Abort',
          onclick: () => { this.confirmAbort = busyKey; this.redraw(); },
        }));
      }
    }
    const heats = round.state === 'running' && round.heats?.length
      ? h('ol', { class: 'heat-list', 'data-testid': 'heats', 'aria-label': `Heats of round ${round.index + 1}` },
        round.heats.map((heat, i) => h('li', { class: 'heat', 'data-testid': 'heat', 'data-room-code': heat.roomCode, 'data-finished': String(!!heat.finished) },
          h('span', { class: 'heat-title', text: `Heat ${i + 1}` }), ' · room ',
          h('span', { class: 'room-code inline', 'data-testid': 'heat-room', text: heat.roomCode }), ' · ',
          h('span', { 'data-testid': 'heat-names', text: (heat.playerIds ?? []).map((id) => names.get(id) ?? personName(id, '')).join(', ') }),
          heat.finished ? h('span', { class: 'flag', text: 'finished' }) : null)))
      : null;
    return h('li', { class: 'round', 'data-testid': 'round', 'data-index': String(round.index), 'data-state': round.state },
      h('div', { class: 'round-line' },
        h('span', { class: 'round-label', text: label }),
        stateBadge(round.state),
        controls.length ? h('span', { class: 'round-controls' }, controls) : null),
      heats,
      round.results?.length ? resultsTable(round) : null);
  }

  async roundAction(competition, round, action) {
    const busyKey = `${competition.id}:${round.index}`;
    if (this.busy.has(busyKey)) return;
    this.busy.add(busyKey);
    this.redraw();
    try {
      const call = action === 'start' ? cohortApi.startRound : cohortApi.abortRound;
      await call(this.key, this.code, competition.id, round.index);
      announce(action === 'start' ? `Round ${round.index + 1} started.` : `Round ${round.index + 1} aborted.`);
    } catch (error) {
      showError(error);
    } finally {
      this.busy.delete(busyKey);
      if (action === 'abort') this.confirmAbort = null;
      await this.refresh();
      this.redraw();
    }
  }

  async removeMember(member, button) {
    button.disabled = true;
    try {
      await cohortApi.removeMember(this.key, this.code, member.playerId);
      announce(`${personName(member.playerId, member.name)} removed.`);
      await this.refresh();
    } catch (error) {
      showError(error);
      button.disabled = false;
    }
  }

  csvButton(competition, which, text) {
    return h('button', {
      type: 'button', class: 'btn btn-small', 'data-testid': `download-${which}`, 'data-focus-key': `csv-${which}-${competition.id}`, text,
      onclick: async (e) => {
        const button = e.currentTarget;
        button.disabled = true;
        try {
          const { blob, fileName } = await cohortApi.csv(this.key, this.code, competition.id, which);
          saveBlob(blob, fileName ?? `${this.code}-${slug(competition.name)}-${which}.csv`);
        } catch (error) {
          showError(error);
        } finally {
          button.disabled = false;
        }
      },
    });
  }
}
