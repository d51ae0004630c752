// The client's error codes are the ones the server documents, each spelled once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as codes from '../../../../src/TypingRace.Gateway/wwwroot/js/error-codes.js';

const doc = (name) => readFileSync(new URL(`../../../../docs/${name}`, import.meta.url), 'utf8');
// Made up by the client for failures that never reached the server.
const CLIENT_OWN = new Set(['ACK_TIMEOUT', 'CONNECTION_LOST', 'NETWORK', 'UNKNOWN']);
const constants = Object.entries(codes).filter(([, value]) => typeof value === 'string');

test('every server code the client uses is in docs/protocol.md or docs/cohorts.md', () => {
  const docs = doc('protocol.md') + doc('cohorts.md');
  const undocumented = constants
    .filter(([name, code]) => !CLIENT_OWN.has(name) && !docs.includes(`\`${code}\``))
    .map(([name]) => name);
  assert.deepEqual(undocumented, []);
});

test('each constant is named after its code, and no two share one', () => {
  for (const [name, code] of constants) assert.equal(code, name.toLowerCase().replaceAll('_', '-'));
  assert.equal(new Set(constants.map(([, code]) => code)).size, constants.length);
});

test('a REST answer without a code gets one from its status', () => {
  assert.equal(codes.httpStatusCode(502), 'http-502');
});
