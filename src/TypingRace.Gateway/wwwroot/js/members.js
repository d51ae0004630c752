// The member list shown in the lobby and on the results screen.

import { h } from './dom.js';
import { displayName } from './format.js';

function badge(text, kind, label = text) {
  return h('span', { class: `badge badge-${kind}`, 'data-badge': kind, title: label }, text);
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
      host ? badge('★ host', 'host', 'Host') : null,
      member.role === 'spectator' ? badge('spectator', 'spectator', 'Watching; races next time') : null,
      member.isBot ? badge('bot', 'bot', 'Bot') : null,
      member.isGhost ? badge('ghost', 'ghost', 'A stored run typed again; never placed or ranked') : null,
      member.ready ? badge('✓ ready', 'ready', 'Ready') : null,
      member.connected === false ? badge('disconnected', 'offline', 'Disconnected') : null,
    ];
    const kick = isHost && !you && onKick
      ? h('button', {
        type: 'button', class: 'btn btn-small btn-quiet', 'data-testid': 'kick', 'data-focus-key': `kick-${member.playerId}`,
        'aria-label': `Kick ${displayName(member.name, member.tag)}`, text: 'Kick', onclick: () => onKick(member),
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
    h('span', { class: 'member-name' }, displayName(member.name, member.tag), you ? h('span', { class: 'you-mark', text: ' (you)' }) : null),
    h('span', { class: 'member-marks' }, marks),
    kick);
  });
  return h('ul', { class: 'member-list', 'data-testid': 'member-list', 'aria-label': 'Members' }, items);
}

/** Re-renders while keeping keyboard focus on the "same" control. */
export function replaceKeepingFocus(oldEl, newEl) {
  const key = document.activeElement?.dataset?.focusKey;
  oldEl.replaceWith(newEl);
  if (key) newEl.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
  return newEl;
}
