// REST calls of the cohort pages (docs/cohorts.md). Instructor calls carry
// the cohort's key in a header of their own.

import { request } from './api.js';

const KEY_HEADER = 'X-Instructor-Key';

function send(method, path, { body, token, key, accept } = {}) {
  const headers = {};
  if (key) headers[KEY_HEADER] = key;
  if (accept) headers.Accept = accept;
  return request(method, path, { body, token, headers, raw: true });
}

function json(method, path, { body, token, key } = {}) {
  return request(method, path, { body, token, headers: key ? { [KEY_HEADER]: key } : undefined });
}

const cohortUrl = (code) => `/api/cohorts/${encodeURIComponent(code)}`;
const competitionUrl = (code, id) => `${cohortUrl(code)}/competitions/${encodeURIComponent(id)}`;

/** "attachment; filename=x.csv" → "x.csv", so a server-chosen name wins over ours. */
function fileNameOf(disposition) {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

export const cohortApi = {
  create: (token, name) => json('POST', '/api/cohorts', { token, body: { name } }),
  join: (token, code) => json('POST', `${cohortUrl(code)}/join`, { token }),
  presence: (token, code) => json('POST', `${cohortUrl(code)}/presence`, { token }),
  getAsStudent: (token, code) => json('GET', cohortUrl(code), { token }),

  // The console sends the key alone: the key, not whichever player this
  // browser happens to be, is what makes someone the instructor.
  getAsInstructor: (key, code) => json('GET', cohortUrl(code), { key }),
  removeMember: (key, code, playerId) => json('DELETE', `${cohortUrl(code)}/members/${encodeURIComponent(playerId)}`, { key }),
  createCompetition: (key, code, competition) => json('POST', `${cohortUrl(code)}/competitions`, { key, body: competition }),
  // The path counts rounds from 1, as the CSV does; the JSON's `index` counts from 0.
  startRound: (key, code, competitionId, index) =>
    json('POST', `${competitionUrl(code, competitionId)}/rounds/${index + 1}/start`, { key }),
  abortRound: (key, code, competitionId, index) =>
    json('POST', `${competitionUrl(code, competitionId)}/rounds/${index + 1}/abort`, { key }),
  endCompetition: (key, code, competitionId) => json('POST', `${competitionUrl(code, competitionId)}/end`, { key }),

  /** @param {'standings'|'rounds'} which */
  csv: (key, code, competitionId, which) => downloadCsv(key, `${competitionUrl(code, competitionId)}/${which}.csv`),

  // A cohort's guides: the import of /api/guides (same request, same review), under the instructor key.
  previewGuide: (key, code, importRequest) => json('POST', `${cohortUrl(code)}/guides/preview`, { key, body: importRequest }),
  importGuide: (key, code, importRequest) => json('POST', `${cohortUrl(code)}/guides`, { key, body: importRequest }),

  openMarathon: (key, code, { guideId, length }) => json('POST', `${cohortUrl(code)}/marathon`, { key, body: { guideId, length } }),
  marathonCsv: (key, code) => downloadCsv(key, `${cohortUrl(code)}/marathon.csv`),
  /** Answers `{ step, roomCode }`: the room of the caller's first step without a result. */
  nextStep: (token, code) => json('POST', `${cohortUrl(code)}/marathon/next`, { token }),

  /** The running round heat by heat, or null (204) when none runs. */
  live: (key, code) => json('GET', `${cohortUrl(code)}/live`, { key }),
  // The player's token, not a key, is what lets the creator or a co-instructor back in after losing the key.
  /** Answers `{ instructorKey }`; the key that worked until now stops working. */
  newInstructorKey: (token, code) => json('POST', `${cohortUrl(code)}/instructor-key`, { token }),
  addInstructor: (key, code, playerId) => json('POST', `${cohortUrl(code)}/instructors`, { key, body: { playerId } }),
};

async function downloadCsv(key, path) {
  const response = await send('GET', path, { key, accept: 'text/csv' });
  const blob = await response.blob();
  return { blob, fileName: fileNameOf(response.headers.get('Content-Disposition')) };
}

// The key is shown once by the server, so the browser that created the cohort
// keeps it; anyone else types it into the console.
const keyName = (code) => `typingrace.instructorKey.${code}`;

export function loadInstructorKey(code) {
  try {
    return localStorage.getItem(keyName(code));
  } catch {
    return null;
  }
}

export function saveInstructorKey(code, key) {
  try {
    localStorage.setItem(keyName(code), key);
  } catch {
    // Storage can be disabled; the key then has to be typed on each visit.
  }
}

export function forgetInstructorKey(code) {
  try {
    localStorage.removeItem(keyName(code));
  } catch {
    // See saveInstructorKey.
  }
}

/** Saves a blob as a file through a temporary link; the key stays in the request header, out of any URL. */
export function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked a moment later: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Cohort codes come from the server; this only rejects what cannot be one. */
export function isCohortCode(code) {
  return /^[A-Z0-9]{4,16}$/.test(code);
}
