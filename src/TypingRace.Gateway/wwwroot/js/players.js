// How racers are told apart on screen: colour, and a short label on their cursor.

import { displayName, tagOf } from './format.js';

// Dark enough for white label text and visible on the light passage background.
const PALETTE = ['#c2185b', '#00796b', '#6a1b9a', '#e65100', '#1565c0', '#2e7d32', '#ad1457', '#4527a0', '#00838f', '#8d6e00'];

function hash(text) {
  let value = 2166136261;
  for (const ch of String(text)) {
    value ^= ch.codePointAt(0);
    value = Math.imul(value, 16777619);
  }
  return value >>> 0;
}

/**
 * Colours for a set of players. Each prefers the colour its id hashes to, so
 * every browser agrees; clashes take the next free colour in id order.
 */
export function assignColors(playerIds) {
  const colors = new Map();
  const taken = new Set();
  for (const id of [...new Set(playerIds)].sort()) {
    let index = hash(id) % PALETTE.length;
    for (let tries = 0; tries < PALETTE.length && taken.has(index); tries++) index = (index + 1) % PALETTE.length;
    taken.add(index);
    colors.set(id, PALETTE[index]);
  }
  return colors;
}

/** A name's first word, cut to <max> code points with an ellipsis. */
function shortName(name, max = 8) {
  const first = Array.from(String(name ?? '').trim().split(/\s+/)[0] ?? '');
  if (first.length === 0) return '?';
  return first.length > max ? `${first.slice(0, max - 1).join('')}…` : first.join('');
}

/**
 * The label on a racer's cursor in the passage: a person's first name ("Bob"),
 * a bot's speed behind a robot ("🤖70" for "Bot 70"), and a ghost marked as one
 * with whose run it is ("Ghost of Ada" → "👻Ada"). Initials told Bob from a
 * bot only by a digit ("B" and "B7").
 */
export function cursorLabel({ name, isGhost, isBot }) {
  if (isGhost) {
    const whose = /\bof\s+(\S+)/u.exec(String(name ?? ''));
    return `👻${whose ? shortName(whose[1], 6) : ''}`;
  }
  if (isBot) return `🤖${String(name ?? '').replace(/^Bot\s*/u, '') || ''}`;
  return shortName(name);
}

/** Remembers names seen in any room view, so racers who left keep a label. */
const knownNames = new Map();

export function rememberMembers(members) {
  for (const member of members ?? []) {
    knownNames.set(member.playerId, { name: member.name, tag: member.tag ?? tagOf(member.playerId), isBot: !!member.isBot, isGhost: !!member.isGhost });
  }
}

export function playerLabel(playerId) {
  const known = knownNames.get(playerId);
  return known ? displayName(known.name, known.tag) : `#${tagOf(playerId)}`;
}

export function playerInfo(playerId) {
  return knownNames.get(playerId) ?? { name: `#${tagOf(playerId)}`, tag: tagOf(playerId), isBot: false, isGhost: false };
}
