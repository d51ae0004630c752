#!/usr/bin/env bash
# The one test command: installs what the tests need, builds the solution in
# Release and runs every test project. Run it from anywhere:
#
#   ./tools/test.sh                                   # the whole suite
#   ./tools/test.sh --filter "FullyQualifiedName~TypingRace.Engine.Tests"
#
# Extra arguments go to `dotnet test` as they are.
# Results land in artifacts/: test-results/ (TRX, hang dumps) and
# screenshots/ (saved by the browser tests). The last line printed is
# "N passed, N failed, N skipped".
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
# The cluster tests run deploy/local-cluster.sh, which puts nginx in front of the gateways.
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base)
# The deploy checks: the compose file and the YAML, with no Docker engine.
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)

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
  for need in redis-server /usr/bin/chromium /usr/sbin/nginx curl envsubst docker-compose yamllint; do
    if ! command -v "$need" >/dev/null 2>&1; then
      echo "tools/test.sh: '$need' is still missing after apt-get install; install it and run this again." >&2
      exit 1
    fi
  done
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

# --- 5. summary ----------------------------------------------------------------
counts="$(python3 - "$results" <<'PY'
import glob, os, sys
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
# The failures go to stderr so that they show right above the summary, where a
# truncated CI log still has them.
for name, outcome, lines in failures:
    print(f"FAILED ({outcome}): {name}", file=sys.stderr)
    for line in lines:
        print(f"    {line}", file=sys.stderr)
print(len(files), passed, failed, skipped)
PY
)" || counts="0 0 0 0"
read -r trx_files passed failed skipped <<<"$counts"

echo
echo "Test results (TRX, hang dumps): artifacts/test-results/ ($trx_files TRX file(s))"
echo "Screenshots from browser tests: artifacts/screenshots/"

rc=0
if ((test_rc != 0)); then
  echo "dotnet test exited with code $test_rc"
  rc=$test_rc
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
