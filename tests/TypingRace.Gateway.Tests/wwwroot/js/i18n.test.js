// The UI's words and numbers in both languages: what a missing figure reads, Korean ordinals, the fall-backs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLanguage, t, tn, serverWords, errorMessage } from '../../../../src/TypingRace.Gateway/wwwroot/js/i18n.js';
import { formatAccuracy, ordinal, formatPercent } from '../../../../src/TypingRace.Gateway/wwwroot/js/format.js';
import en from '../../../../src/TypingRace.Gateway/wwwroot/js/i18n/en.js';
import ko from '../../../../src/TypingRace.Gateway/wwwroot/js/i18n/ko.js';

test('an accuracy not known yet reads as a dash, never 0 %', () => {
  setLanguage('en');
  assert.equal(formatAccuracy(null), '–');
  assert.equal(formatAccuracy(undefined), '–');
  assert.equal(formatAccuracy(0.976), '97.6%');
  assert.equal(formatAccuracy(0), '0.0%');
});

test('places and shares are written the language\'s way', () => {
  setLanguage('en');
  assert.deepEqual([1, 2, 3, 11, 22].map(ordinal), ['1st', '2nd', '3rd', '11th', '22nd']);
  setLanguage('ko');
  assert.equal(ordinal(1), '1위');
  assert.equal(formatPercent(42.9), '42%');
  setLanguage('en');
});

test('Korean falls back to English for a key it lacks, and a key English lacks shows itself', () => {
  setLanguage('ko');
  assert.equal(t('no.such.key'), 'no.such.key');
  assert.equal(tn('tally.races', 3), '지금까지 3판.');
  setLanguage('en');
  assert.equal(tn('tally.races', 1), '1 race so far.');
  assert.equal(tn('tally.races', 3), '3 races so far.');
});

test('words for what the server names in English come from the Korean dictionary only', () => {
  setLanguage('en');
  assert.equal(serverWords('flags', 'tooFast'), undefined);
  assert.equal(errorMessage({ code: 'room-full', message: 'The room K7MQ2D is full.' }), 'The room K7MQ2D is full.');
  setLanguage('ko');
  assert.equal(serverWords('flags', 'tooFast'), '너무 빠름');
  assert.notEqual(errorMessage({ code: 'room-full', message: 'The room K7MQ2D is full.' }), 'The room K7MQ2D is full.');
  setLanguage('en');
});

test('both dictionaries have the same keys, but for the Korean words for the server\'s names', () => {
  const serverNamed = (key) => key.startsWith('errors.') || key.startsWith('flags.');
  assert.deepEqual(Object.keys(ko).filter((k) => !serverNamed(k)).sort(), Object.keys(en).sort());
});
