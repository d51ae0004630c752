// The member list shown in the lobby and on the results screen.

import { h } from './dom.js';
import { displayName } from './format.js';
import { t } from './i18n.js';

/** A mark beside a member: `textKey` its words, `labelKey` its title. */
function badge(textKey, kind, labelKey) {
  return h('span', { class: `badge badge-${kind}`, 'data-badge': kind, title: t(labelKey) }, t(textKey));
}

/**
 * @param {object} view room view
 * @param {object} options
 * @param {string} options.youId
 * @param {(member: object) => void} [options.onKick] shown when the viewer is the host
 */
export function memberList(view, { youId, onKick }) {
  const isHost = view.hostId === youId;
  const items = (view.members ?? []).map((member) => {
    const you = member.playerId === youId;
    const host = member.playerId === view.hostId;
    const marks = [
      host ? badge('members.host', 'host', 'members.hostTitle') : null,
      member.role === 'spectator' ? badge('members.spectator', 'spectator', 'members.spectatorTitle') : null,
      member.isBot ? badge('members.bot', 'bot', 'members.botTitle') : null,
      member.isGhost ? badge('format.ghost', 'ghost', 'members.ghostTitle') : null,
      member.ready ? badge('members.ready', 'ready', 'members.readyTitle') : null,
      member.connected === false ? badge('members.disconnected', 'offline', 'members.disconnectedTitle') : null,
    ];
    const kick = isHost && !you && onKick
      ? h('button', {
        type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'kick', 'data-focus-key': `kick-${member.playerId}`,
        'aria-label': t('members.kickName', { name: displayName(member.name, member.tag) }), text: t('members.kick'), onclick: () => onKick(member),
      })
      : null;
    return h('li', {
      class: `member${you ? ' you' : ''}${member.connected === false ? ' offline' : ''}`,
      'data-testid': 'member',
      'data-player-id': member.playerId,
      'data-role': member.role,
      'data-ready': String(!!member.ready),
      'data-host': String(host),
      'data-bot': String(!!member.isBot),
      'data-ghost': String(!!member.isGhost),
      'data-connected': String(member.connected !== false),
    },
    h('span', { class: 'member-name' }, displayName(member.name, member.tag), you ? h('span', { class: 'you-mark', text: t('common.you') }) : null),
    h('span', { class: 'member-marks' }, marks),
    kick);
  });
  return h('ul', { class: 'member-list', 'data-testid': 'member-list', 'aria-label': t('common.members') }, items);
}

/** Re-renders while keeping keyboard focus on the "same" control. */
export function replaceKeepingFocus(oldEl, newEl) {
  const key = document.activeElement?.dataset?.focusKey;
  oldEl.replaceWith(newEl);
  if (key) newEl.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
  return newEl;
}
