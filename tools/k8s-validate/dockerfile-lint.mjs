#!/usr/bin/env node
// Lints Dockerfiles offline with dockerfile-utils (the linter of the Docker language server):
//   node tools/k8s-validate/dockerfile-lint.mjs deploy/docker/*.Dockerfile
// Every finding, warning or error, fails the check; each is printed as file:line: message.
// Prints "N Dockerfiles, N problems" last; exits 0 only when there are none.
import { readFileSync } from "node:fs";
import { validate, ValidationSeverity } from "dockerfile-utils";

// Everything dockerfile-utils can flag, flagged as an error: warnings left standing become noise nobody reads.
const strict = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: dockerfile-lint.mjs DOCKERFILE...");
  process.exit(2);
}

let problems = 0;
for (const file of files) {
  for (const diagnostic of validate(readFileSync(file, "utf8"), strict)) {
    problems++;
    console.log(`${file}:${diagnostic.range.start.line + 1}: ${diagnostic.message}`);
  }
}

console.log(`${files.length} Dockerfiles, ${problems} problems`);
process.exit(problems === 0 ? 0 : 1);
