#!/usr/bin/env node
// Checks a Helm chart without helm, which cannot be installed here:
//   node chart-check.mjs <chart-dir> [--bad <folder of values files that must be rejected>]
//
// 1. values.yaml, and each ci/*-values.yaml merged over it as Helm merges values, against values.schema.json (ajv);
// 2. every file in the --bad folder, merged the same way, must be rejected by the schema;
// 3. every .Values.a.b path the templates use exists in values.yaml, and every value in values.yaml is used;
// 4. every key in values.yaml has a comment line above it (keys inside list items excepted);
// 5. in each template, the if/with/range/define/block actions and the end actions pair up.
// Templates are never rendered: that, and all of `helm lint`, needs helm. Prints one line per finding and a summary;
// exits 0 when everything passed, 1 when something did not, 2 on bad arguments.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const args = process.argv.slice(2);
let chartDir;
let badDir;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--bad') badDir = args[++i];
  else if (!chartDir && !args[i].startsWith('-')) chartDir = args[i];
  else usage(`unexpected argument '${args[i]}'`);
}
if (!chartDir) usage('no chart directory');
if (args.includes('--bad') && !badDir) usage('--bad needs a folder');

function usage(message) {
  console.error(`chart-check: ${message}`);
  console.error('usage: node chart-check.mjs <chart-dir> [--bad <folder of values files that must be rejected>]');
  process.exit(2);
}

const show = (file) => relative(process.cwd(), file) || file;
let problems = 0;
const problem = (line) => { problems++; console.log(line); };

const isMap = (value) => value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

// Helm reads values with sigs.k8s.io/yaml, which follows YAML 1.1 (yes/no/on/off are booleans there).
function readYaml(file) {
  const value = parse(readFileSync(file, 'utf8'), { version: '1.1', uniqueKeys: true });
  if (value === null || value === undefined) return {};
  if (!isMap(value)) throw new Error('the top level is not a map');
  return value;
}

// Helm's merge of a user's values over the chart's: maps merge key by key, anything else (lists, scalars) replaces,
// and null deletes the chart's default.
function merge(base, over) {
  const out = structuredClone(base);
  for (const [key, value] of Object.entries(over)) {
    if (value === null) delete out[key];
    else if (isMap(value) && isMap(out[key])) out[key] = merge(out[key], value);
    else out[key] = structuredClone(value);
  }
  return out;
}

for (const needed of ['Chart.yaml', 'values.yaml', 'values.schema.json', 'templates']) {
  if (!existsSync(join(chartDir, needed))) usage(`${show(join(chartDir, needed))} does not exist`);
}

// --- Chart.yaml ----------------------------------------------------------------
const chart = readYaml(join(chartDir, 'Chart.yaml'));
if (chart.apiVersion !== 'v2') problem(`Chart.yaml: apiVersion is ${chart.apiVersion}, not v2`);
if (!/^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(String(chart.version))) {
  problem(`Chart.yaml: version '${chart.version}' is not SemVer 2`);
}
if (chart.name !== basename(chartDir.replace(/\/+$/, ''))) {
  problem(`Chart.yaml: name '${chart.name}' differs from the chart's folder name`);
}
if (typeof chart.appVersion !== 'string') problem('Chart.yaml: appVersion should be a quoted string');
console.log(`chart: ${chart.name} ${chart.version} (appVersion ${chart.appVersion})`);

// --- 1 and 2: values against the schema ---------------------------------------
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8')));

function describe(errors) {
  return errors.map((e) => {
    const where = e.instancePath || '(top level)';
    if (e.keyword === 'additionalProperties') return `${where} has unknown key '${e.params.additionalProperty}'`;
    if (e.keyword === 'enum') return `${where} must be one of ${e.params.allowedValues.join(', ')}`;
    return `${where} ${e.message}`;
  }).join('; ');
}

const valuesFile = join(chartDir, 'values.yaml');
const defaults = readYaml(valuesFile);

function check(file, overrides) {
  let values;
  try {
    values = overrides ? merge(defaults, readYaml(file)) : defaults;
  } catch (error) {
    return `not readable: ${error.message}`;
  }
  return validate(values) ? null : describe(validate.errors);
}

let valid = 0;
let invalid = 0;
const ciDir = join(chartDir, 'ci');
const ciFiles = existsSync(ciDir)
  ? readdirSync(ciDir).filter((name) => /-values\.ya?ml$/.test(name)).sort().map((name) => join(ciDir, name))
  : [];
for (const [file, overrides] of [[valuesFile, false], ...ciFiles.map((f) => [f, true])]) {
  const errors = check(file, overrides);
  if (errors === null) {
    valid++;
    console.log(`valid: ${show(file)}`);
  } else {
    invalid++;
    problem(`invalid: ${show(file)}: ${errors}`);
  }
}

let rejected = 0;
let accepted = 0;
if (badDir) {
  const badFiles = readdirSync(badDir).filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(badDir, name));
  if (badFiles.length === 0) problem(`no values files in ${show(badDir)}`);
  for (const file of badFiles) {
    const errors = check(file, true);
    if (errors === null) {
      accepted++;
      problem(`ACCEPTED: ${show(file)}: the schema let these values through`);
    } else {
      rejected++;
      console.log(`rejected: ${show(file)}: ${errors}`);
    }
  }
}

// --- 3 and 5: the templates -----------------------------------------------------
function templateFiles(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? templateFiles(path) : [path];
  });
}

const lineAt = (text, index) => text.slice(0, index).split('\n').length;
const used = new Map(); // "a.b.c" -> first "file:line"
let balanced = 0;
let unbalanced = 0;

for (const file of templateFiles(join(chartDir, 'templates'))) {
  const text = readFileSync(file, 'utf8');
  const open = [];
  let fileOk = true;
  for (const action of text.matchAll(/\{\{(.*?)\}\}/gs)) {
    const body = action[1].replace(/^-\s*/, '').replace(/\s*-$/, '').trim();
    if (body.startsWith('/*')) continue; // a comment
    const line = lineAt(text, action.index);
    for (const path of body.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
      const key = path[1].slice(1);
      if (!used.has(key)) used.set(key, `${show(file)}:${line}`);
    }
    const keyword = /^(if|with|range|define|block|end)\b/.exec(body)?.[1];
    if (keyword === 'end') {
      if (open.pop() === undefined) {
        fileOk = false;
        problem(`unbalanced: ${show(file)}:${line}: an end with nothing open`);
      }
    } else if (keyword) {
      open.push({ keyword, line });
    }
  }
  for (const { keyword, line } of open) {
    fileOk = false;
    problem(`unbalanced: ${show(file)}:${line}: this ${keyword} has no end`);
  }
  if (fileOk) balanced++;
  else unbalanced++;
}

function has(values, keys) {
  let current = values;
  for (const key of keys) {
    if (!isMap(current) || !Object.hasOwn(current, key)) return false;
    current = current[key];
  }
  return true;
}

let missing = 0;
for (const [path, where] of [...used].sort()) {
  if (!has(defaults, path.split('.'))) {
    missing++;
    problem(`missing: .Values.${path} (${where}) is not in values.yaml`);
  }
}

// A value is used when a template reads it or anything above it (toYaml .Values.silo.resources uses all of resources).
function leaves(value, prefix = []) {
  if (isMap(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, child]) => leaves(child, [...prefix, key]));
  }
  return [prefix];
}
const usedKeys = [...used.keys()].map((path) => path.split('.'));
const startsWith = (keys, prefix) => prefix.length <= keys.length && prefix.every((key, i) => keys[i] === key);
let unused = 0;
for (const leaf of leaves(defaults)) {
  if (!usedKeys.some((path) => startsWith(leaf, path))) {
    unused++;
    problem(`unused: ${leaf.join('.')} in values.yaml is read by no template`);
  }
}

// --- 4: every key in values.yaml is explained -----------------------------------
let undocumented = 0;
{
  const lines = readFileSync(valuesFile, 'utf8').split('\n');
  let listIndent = -1; // indentation of the "- " of the list item we are in, or -1
  let previous = '';
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const indent = line.length - line.trimStart().length;
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) {
      previous = line;
      return;
    }
    if (trimmed.startsWith('- ')) {
      if (listIndent < 0 || indent <= listIndent) listIndent = indent;
    } else if (listIndent >= 0 && indent > listIndent) {
      // inside a list item: its keys are described by the comment above the list
    } else {
      listIndent = -1;
      const key = /^([^\s#'"][^:]*|'[^']*'|"[^"]*"):(\s|$)/.exec(trimmed);
      if (key && !previous.trim().startsWith('#')) {
        undocumented++;
        problem(`undocumented: ${show(valuesFile)}:${i + 1}: '${key[1]}' has no comment above it`);
      }
    }
    previous = line;
  });
}

const summary = `${valid} values files valid, ${invalid} invalid, ${rejected} bad files rejected, ${accepted} accepted, `
  + `${used.size} .Values paths, ${missing} missing, ${unused} unused, ${undocumented} undocumented, `
  + `${balanced} templates balanced, ${unbalanced} unbalanced`;
console.log(problems === 0 ? `chart ok: ${summary}` : `chart NOT ok (${problems} problems): ${summary}`);
process.exit(problems === 0 ? 0 : 1);
