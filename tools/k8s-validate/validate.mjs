#!/usr/bin/env node
// Reads rendered Kubernetes YAML on stdin (kubectl kustomize ... | node validate.mjs) and validates every object
// against the Kubernetes schemas, offline, with kubernetes-models. Prints one line per object; exits 1 on any error.
import { parseAllDocuments } from 'yaml';

const input = await new Promise((resolve) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
});

let failed = 0;
let checked = 0;
for (const document of parseAllDocuments(input)) {
  const object = document.toJS();
  if (!object) continue;
  const { apiVersion, kind } = object;
  // Core objects ("v1") live in kubernetes-models/v1, the rest under their group: apps/v1, rbac.authorization.k8s.io/v1...
  const modulePath = `kubernetes-models/${apiVersion}`;
  const name = `${kind}/${object.metadata?.name ?? '?'}`;
  try {
    const models = await import(modulePath);
    const Model = models[kind];
    if (!Model) throw new Error(`no model for ${kind} in ${modulePath}`);
    new Model(object).validate();
    checked++;
    console.log(`ok      ${apiVersion} ${name}`);
  } catch (error) {
    failed++;
    console.log(`invalid ${apiVersion} ${name}: ${error.message}`);
  }
}

console.log(`${checked} valid, ${failed} invalid`);
process.exit(failed > 0 || checked === 0 ? 1 : 0);
