#!/usr/bin/env bash
# The one test command: installs what the tests need, builds the solution in
# Release and runs every test project, then the browser client's JavaScript
# unit tests (tests/TypingRace.Gateway.Tests/wwwroot/, Node's own test runner).
# Run it from anywhere:
#
#   ./tools/test.sh                                   # the whole suite
#   ./tools/test.sh --filter "FullyQualifiedName~TypingRace.Engine.Tests"
#
# Extra arguments go to `dotnet test` as they are; the JavaScript tests always run.
# Results land in artifacts/: test-results/ (TRX, hang dumps, node-tests.tap) and
# screenshots/ (saved by the browser tests). The last line printed is
# "N passed, N failed, N skipped", the .NET and the JavaScript tests together.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export TYPINGRACE_CHROMIUM=/usr/bin/chromium

if [[ "${CI:-}" == "true" ]]; then
  # Leave no MSBuild node or compiler server running after CI's run.
  export MSBUILDDISABLENODEREUSE=1
  export DOTNET_CLI_USE_MSBUILD_SERVER=0
  export UseSharedCompilation=false
fi

# --- 1. what the tests need from Debian --------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[[ -x /usr/bin/chromium ]] || missing+=(chromium fonts-liberation)
# A Korean font, so the screenshots of the Korean UI show Hangul rather than empty boxes (10 MB).
[[ -d /usr/share/fonts/truetype/nanum ]] || missing+=(fonts-nanum)
# The cluster tests run deploy/local-cluster.sh, which puts nginx in front of the gateways.
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base)
# The deploy checks: the compose file and the YAML, with no Docker engine.
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
# The client's JavaScript tests, and npm for the checks' packages.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if ((${#missing[@]})); then
  echo "==> Installing test dependencies: ${missing[*]}"
  sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo=(sudo)
    else
      echo "tools/test.sh: the tests need these Debian packages: ${missing[*]}" >&2
      echo "tools/test.sh: not root and no sudo; install them with:" >&2
      echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  if ! { "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update \
         && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get \
              -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}"; } </dev/null; then
    echo "tools/test.sh: could not install ${missing[*]}." >&2
    echo "tools/test.sh: install them yourself (apt-get install ${missing[*]}) and run this again." >&2
    exit 1
  fi
  for need in redis-server /usr/bin/chromium /usr/sbin/nginx curl envsubst docker-compose yamllint node npm; do
    if ! command -v "$need" >/dev/null 2>&1; then
      echo "tools/test.sh: '$need' is still missing after apt-get install; install it and run this again." >&2
      exit 1
    fi
  done
fi

# The JavaScript tests use node:test (mock.method, the TAP reporter): Node.js 18.19 or later
# (Debian 12's own nodejs is 18.20; the tests pass on it and on 20).
if ! node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
              process.exit(major > 18 || (major === 18 && minor >= 19) ? 0 : 1)'; then
  echo "tools/test.sh: the JavaScript tests need Node.js 18.19 or later; this is $(node --version)." >&2
  exit 1
fi

# --- 2. npm packages the checks use (the registry's, pinned by package-lock.json) ----
if [[ ! -d tools/k8s-validate/node_modules ]]; then
  echo "==> npm ci in tools/k8s-validate (Kubernetes schemas for the manifest checks)"
  npm ci --prefix tools/k8s-validate --no-audit --no-fund --loglevel=error </dev/null
fi

# --- 3. build ------------------------------------------------------------------
echo "==> dotnet build TypingRace.sln -c Release"
dotnet build TypingRace.sln -c Release

# --- 4. test -------------------------------------------------------------------
results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results" "$repo/artifacts/screenshots"

echo "==> dotnet test TypingRace.sln -c Release --no-build $*"
test_rc=0
dotnet test TypingRace.sln -c Release --no-build \
  --results-directory "$results" \
  --logger "trx" \
  --logger "console;verbosity=normal" \
  --blame-hang-timeout 5m --blame-hang-dump-type mini \
  "$@" </dev/null || test_rc=$?

# The browser client's pure modules (typing model, key sender, ...), with a TAP
# report for the summary. Files are listed, not a folder: Node 22 reads its
# arguments as globs.
mapfile -t js_tests < <(find tests/TypingRace.Gateway.Tests/wwwroot -name '*.test.js' | sort)
echo "==> node --test (${#js_tests[@]} file(s) in tests/TypingRace.Gateway.Tests/wwwroot/)"
node_rc=0
if ((${#js_tests[@]})); then
  # Mock timers are still an "experimental" feature in Node 20: not worth a warning per file
  # (NODE_NO_WARNINGS rather than --disable-warning, which Node 18 does not know).
  NODE_NO_WARNINGS=1 node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$results/node-tests.tap" \
    "${js_tests[@]}" </dev/null || node_rc=$?
else
  node_rc=1
fi

# --- 5. summary ----------------------------------------------------------------
counts="$(python3 - "$results" "$results/node-tests.tap" <<'PY'
import glob, os, re, sys
import xml.etree.ElementTree as ET

ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
passed = failed = skipped = 0
failures = []
files = sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True))
for path in files:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"tools/test.sh: unreadable {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    results = root.find(ns + "Results")
    if results is None:
        continue
    # Top-level results only: InnerResults belong to their parent.
    for r in results:
        outcome = r.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending"):
            skipped += 1
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
            message = r.find(f"{ns}Output/{ns}ErrorInfo/{ns}Message")
            first_lines = (message.text or "").strip().splitlines()[:6] if message is not None else []
            # The test's own log (phases, each page's state on failure) ends where it went wrong.
            stdout = r.find(f"{ns}Output/{ns}StdOut")
            last_lines = (stdout.text or "").strip().splitlines()[-12:] if stdout is not None else []
            failures.append((r.get("testName", "?"), outcome, first_lines + ["--- its output, last lines:"] + last_lines if last_lines else first_lines))

def node_tap(path):
    """node --test's TAP: the counts of its closing comments, and each failed test
    with where and why (a suite that failed only through its tests is left out)."""
    counts, failed_tests, names, block = {}, [], [], None
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError:
        return None, []
    for line in lines:
        text = line.lstrip(" ")
        depth = (len(line) - len(text)) // 4
        if block is not None:
            if text != "...":
                block["lines"].append(line)
                continue
            fields, key = {}, None
            for raw in block["lines"][1:]:  # after "---"
                if len(raw) - len(raw.lstrip(" ")) == block["indent"] and ":" in raw:
                    key, _, value = raw.strip().partition(":")
                    fields[key] = [value.strip()]
                elif key:
                    fields[key].append(raw.strip())
            kind = "".join(fields.get("failureType", ["?"])).strip("'")
            if kind != "subtestsFailed":
                error = [l for l in fields.get("error", []) if l.strip() and l not in ("|-", "|", ">-")][:6]
                where = ["at " + fields["location"][0].strip("'")] if "location" in fields else []
                failed_tests.append((block["name"], kind, where + [l.strip("'") for l in error]))
            block = None
            continue
        m = re.match(r"# (tests|pass|fail|cancelled|skipped|todo) (\d+)$", line)
        if m:
            counts[m[1]] = int(m[2])
            continue
        m = re.match(r"# Subtest: (.*)$", text)
        if m:
            del names[depth:]
            names.append(m[1])
            continue
        m = re.match(r"not ok \d+ - (.*)$", text)
        if m and "# TODO" not in m[1]:
            # Its YAML block follows, its keys two spaces in from the "not ok".
            block = {"name": " > ".join(names[:depth] + [m[1]]), "lines": [], "indent": len(line) - len(text) + 2}
    return (counts if "pass" in counts else None), failed_tests

node_counts, node_failures = node_tap(sys.argv[2])
if node_counts is None:
    failed += 1
    failures.append(("node --test", "NoResults", [f"no test counts in {sys.argv[2]}: node --test did not finish, or found no tests"]))
    node_counts = {}
passed += node_counts.get("pass", 0)
failed += node_counts.get("fail", 0) + node_counts.get("cancelled", 0)
skipped += node_counts.get("skipped", 0) + node_counts.get("todo", 0)
failures += node_failures
# The failures go to stderr so that they show right above the summary, where a
# truncated CI log still has them.
for name, outcome, lines in failures:
    print(f"FAILED ({outcome}): {name}", file=sys.stderr)
    for line in lines:
        print(f"    {line}", file=sys.stderr)
print(len(files), passed, failed, skipped, node_counts.get("tests", 0))
PY
)" || counts="0 0 0 0 0"
read -r trx_files passed failed skipped js_count <<<"$counts"

echo
echo "Test results (TRX, hang dumps): artifacts/test-results/ ($trx_files TRX file(s))"
echo "JavaScript tests (TAP): artifacts/test-results/node-tests.tap ($js_count test(s))"
echo "Screenshots from browser tests: artifacts/screenshots/"

rc=0
if ((test_rc != 0)); then
  echo "dotnet test exited with code $test_rc"
  rc=$test_rc
fi
if ((node_rc != 0)); then
  echo "node --test exited with code $node_rc"
  ((rc != 0)) || rc=$node_rc
fi
if ((failed > 0)); then
  echo "$failed test(s) failed"
  ((rc != 0)) || rc=1
fi
if ((passed + failed == 0)); then
  echo "No test ran"
  ((rc != 0)) || rc=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
