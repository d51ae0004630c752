// Home: name entry, create a room, join with a code, and a way back into the
// room the server says this player is still in.

import { h, setText } from './dom.js';
import { api } from './api.js';
import { state } from './state.js';
import { showError } from './banner.js';
import { displayName } from './format.js';
import { currentToken, hasIdentity, saveName, recoverFromUnauthorized, signInWithCode } from './identity.js';
import { navigate, normalizeCode, isValidCode, roomPath } from './router.js';
import { PassagePicker } from './passage-picker.js';
import { GuideImportCard } from './guide-import.js';
import { QuickRaceCard } from './quick-race.js';
import { t, tParts, errorMessage } from './i18n.js';

const MAX_NAME = 24;

/** Mirrors the server's rule so most mistakes are caught before a round trip. */
export function checkName(raw) {
  const name = String(raw ?? '').trim();
  if (!name) return { error: t('home.enterName') };
  if (Array.from(name).length > MAX_NAME) return { error: t('home.nameTooLong', { max: MAX_NAME }) };
  if (/\p{Cc}/u.test(name)) return { error: t('home.nameControl') };
  return { name };
}

function nameForm({ onSaved, submitLabel }) {
  const input = h('input', {
    id: 'name-input', 'data-testid': 'name-input', type: 'text', autocomplete: 'nickname',
    required: true, 'aria-describedby': 'name-help', value: state.player?.name ?? '',
  });
  const help = h('p', { id: 'name-help', class: 'field-help', 'data-testid': 'name-help' });
  const save = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'save-name', text: submitLabel });
  const current = h('p', { class: 'current-name', 'data-testid': 'current-name' });
  const showCurrent = () => setText(current, state.player
    ? t('home.racingAs', { name: displayName(state.player.name, state.player.tag) })
    : t('home.pickName'));
  showCurrent();

  const form = h('form', {
    class: 'name-form',
    onsubmit: async (e) => {
      e.preventDefault();
      const checked = checkName(input.value);
      input.setAttribute('aria-invalid', String(!!checked.error));
      setText(help, checked.error ?? '');
      if (checked.error) { input.focus(); return; }
      save.disabled = true;
      try {
        await saveName(checked.name);
        input.value = state.player.name;
        setText(help, t('home.saved'));
        showCurrent();
        onSaved?.();
      } catch (error) {
        setText(help, errorMessage(error));
        showError(error);
      } finally {
        save.disabled = false;
      }
    },
  },
  h('label', { for: 'name-input', text: t('home.displayName') }),
  h('div', { class: 'inline-field' }, input, save),
  help,
  current);
  return { form, input, help, showCurrent };
}

/** Registers from the name box when the player acts before saving a name. */
async function ensurePlayer(nameField) {
  if (hasIdentity()) return true;
  const checked = checkName(nameField.input.value);
  if (checked.error) {
    setText(nameField.help, t('home.needName', { error: checked.error }));
    nameField.input.setAttribute('aria-invalid', 'true');
    nameField.input.focus();
    return false;
  }
  await saveName(checked.name);
  return true;
}

export class HomeScreen {
  constructor({ onIdentity }) {
    this.nameField = nameForm({ submitLabel: t('home.saveName'), onSaved: () => { onIdentity?.(); this.checkRoom(); } });
    this.returnOffer = h('div', { class: 'card return-offer', 'data-testid': 'return-offer', hidden: true });

    this.picker = new PassagePicker();
    this.createButton = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'create-room', text: t('home.createRoom') });
    this.randomButton = h('button', {
      type: 'button', class: 'btn', 'data-testid': 'create-random', text: t('home.createRandom'),
      onclick: async () => { await this.picker.randomParagraph(); this.createRoom(); },
    });
    this.practiceButton = h('button', {
      type: 'button', class: 'btn btn-primary btn-large', 'data-testid': 'practice', text: t('home.practice'),
      onclick: () => this.practice(),
    });
    const createForm = h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); this.createRoom(); } },
      h('h2', { text: t('home.createTitle') }),
      h('p', { class: 'muted', text: t('home.createIntro') }),
      this.picker.el,
      h('div', { class: 'actions' }, this.createButton, this.randomButton));

    this.codeInput = h('input', {
      id: 'join-code', 'data-testid': 'join-code-input', type: 'text', autocomplete: 'off', autocapitalize: 'characters',
      spellcheck: 'false', maxlength: '12', placeholder: 'K7MQ2D', 'aria-describedby': 'join-help',
    });
    this.joinHelp = h('p', { id: 'join-help', class: 'field-help' });
    const joinForm = h('form', { class: 'card', onsubmit: (e) => { e.preventDefault(); this.joinRoom(); } },
      h('h2', { text: t('home.joinTitle') }),
      h('label', { for: 'join-code', text: t('common.roomCode') }),
      h('div', { class: 'inline-field' }, this.codeInput,
        h('button', { type: 'submit', class: 'btn', 'data-testid': 'join-room', text: t('home.joinRoom') })),
      this.joinHelp);

    this.el = h('section', { class: 'screen home-screen', 'aria-labelledby': 'home-title' },
      h('div', { class: 'hero' },
        h('h1', { id: 'home-title', text: t('home.title') }),
        h('p', { class: 'muted', text: t('home.intro') }),
        h('div', { class: 'actions' }, this.practiceButton, h('span', { class: 'muted', text: t('home.practiceHint') }))),
      h('div', { class: 'card' }, h('h2', { text: t('home.yourName') }), this.nameField.form, this.deviceForm(onIdentity)),
      this.returnOffer,
      (this.quickRace = new QuickRaceCard({ ensurePlayer: () => ensurePlayer(this.nameField) })).el,
      h('div', { class: 'home-grid' }, createForm, joinForm),
      (this.importCard = new GuideImportCard({
        preview: async (request) => (await ensurePlayer(this.nameField) ? api.previewGuide(currentToken(), request) : null),
        save: (request) => api.importGuide(currentToken(), request),
        savedText: (guide) => t('home.importSaved', { title: guide.title, count: guide.paragraphCount }),
        onSaved: async (guide) => {
          await this.picker.reload(guide.id);
          this.createButton.focus();
        },
      })).el);
  }

  holdsUnsaved() {
    return this.importCard.hasDraft();
  }

  mount(container) {
    container.appendChild(this.el);
    // The next step: a name for a newcomer, a race for someone who has one (Enter practises at once).
    if (!hasIdentity()) this.nameField.input.focus();
    else this.practiceButton.focus({ preventScroll: true });
    this.checkRoom();
  }

  /** Signing in with a code from the player's other device, instead of becoming a new player here. */
  deviceForm(onIdentity) {
    const input = h('input', {
      id: 'device-code-input', 'data-testid': 'device-code-input', type: 'text', autocomplete: 'one-time-code',
      autocapitalize: 'characters', spellcheck: 'false', maxlength: '12', placeholder: 'K7MQ2DXP',
    });
    const help = h('p', { class: 'field-help', 'data-testid': 'device-code-help', 'aria-live': 'polite' });
    return h('details', { class: 'device-sign-in' },
      h('summary', { text: t('home.deviceSignIn') }),
      h('form', {
        class: 'inline-form',
        onsubmit: async (e) => {
          e.preventDefault();
          try {
            const player = await signInWithCode(input.value);
            this.nameField.input.value = player.name;
            this.nameField.showCurrent();
            setText(help, t('home.signedIn', { name: displayName(player.name, player.tag) }));
            onIdentity?.();
            this.checkRoom();
          } catch (error) {
            setText(help, errorMessage(error));
          }
        },
      },
      h('p', { class: 'muted', text: t('home.deviceIntro') }),
      h('label', { for: input.id, text: t('home.deviceCode') }),
      h('div', { class: 'inline-field' }, input, h('button', { type: 'submit', class: 'btn', 'data-testid': 'device-code-sign-in', text: t('home.signIn') })),
      help));
  }

  /** Offers a way back when the server says we are still in a room. */
  async checkRoom() {
    const token = currentToken();
    if (!token) return;
    let me;
    try {
      me = await api.getMe(token);
    } catch (error) {
      if (error.status === 401) await recoverFromUnauthorized().catch(() => {});
      return;
    }
    if (!me?.roomCode) { this.returnOffer.hidden = true; return; }
    this.returnOffer.replaceChildren(
      h('p', {}, tParts('home.stillInRoom', { code: h('strong', { text: me.roomCode }) })),
      h('div', { class: 'actions' },
        h('a', { class: 'btn btn-primary', href: roomPath(me.roomCode), 'data-link': true, 'data-testid': 'return-to-room', text: t('home.returnToRoom', { code: me.roomCode }) })));
    this.returnOffer.hidden = false;
  }

  /** One click to a race alone: a random paragraph of the chosen guide, and the race starts at once. */
  async practice() {
    await this.picker.randomParagraph();
    await this.createRoom({ startAtOnce: true });
  }

  async createRoom({ startAtOnce = false } = {}) {
    let choice;
    try {
      choice = this.picker.value();
    } catch (error) {
      showError(error);
      return;
    }
    this.createButton.disabled = true;
    try {
      if (!(await ensurePlayer(this.nameField))) return;
      let created;
      try {
        created = await api.createRoom(currentToken(), choice);
      } catch (error) {
        if (error.status !== 401) throw error;
        await recoverFromUnauthorized();
        created = await api.createRoom(currentToken(), choice);
      }
      if (startAtOnce) state.startOnArrival = created.code;
      navigate(roomPath(created.code));
    } catch (error) {
      showError(error);
    } finally {
      this.createButton.disabled = false;
    }
  }

  async joinRoom() {
    const code = normalizeCode(this.codeInput.value).replace(/[\s-]/g, '');
    if (!isValidCode(code)) {
      setText(this.joinHelp, t('home.badCode'));
      this.codeInput.setAttribute('aria-invalid', 'true');
      this.codeInput.focus();
      return;
    }
    this.codeInput.setAttribute('aria-invalid', 'false');
    setText(this.joinHelp, '');
    try {
      if (!(await ensurePlayer(this.nameField))) return;
      navigate(roomPath(code));
    } catch (error) {
      showError(error);
    }
  }

  destroy() {
    this.quickRace.destroy();
    this.el.remove();
  }
}

/** Shown on a share link when this browser has no player yet. */
export class NamePromptScreen {
  constructor({ code, onDone }) {
    this.nameField = nameForm({ submitLabel: t('home.joinRoom'), onSaved: onDone });
    this.el = h('section', { class: 'screen name-screen', 'aria-labelledby': 'name-title' },
      h('div', { class: 'card narrow' },
        h('h1', { id: 'name-title' }, tParts('home.joinRoomHeading', { code: h('span', { class: 'room-code inline', text: code }) })),
        h('p', { class: 'muted', text: t('home.chooseNameFirst') }),
        this.nameField.form,
        h('p', {}, h('a', { href: '/', 'data-link': true, text: t('common.backHome') }))));
  }

  mount(container) {
    container.appendChild(this.el);
    this.nameField.input.focus();
  }

  destroy() {
    this.el.remove();
  }
}
