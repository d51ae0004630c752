#!/usr/bin/env bash
# Builds the leaderboard write benchmark in Release and runs it. Run it from anywhere:
#
#   bench/TypingRace.Bench.Leaderboards/run.sh                      # 30 s, 128 in flight, own redis-server
#   bench/TypingRace.Bench.Leaderboards/run.sh --concurrency 64 --duration 60
#   bench/TypingRace.Bench.Leaderboards/run.sh --redis 127.0.0.1:6379
#   bench/TypingRace.Bench.Leaderboards/run.sh --help
#
# Arguments go to the benchmark as they are. It needs redis-server and redis-benchmark
# (apt-get install -y redis-server). The JSON lands in bench/results/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1

for tool in redis-server redis-benchmark; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is missing: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
done

echo "Building $here (Release)..."
if ! build_log="$(dotnet build "$here" -c Release --nologo 2>&1)"; then
  echo "$build_log" >&2
  exit 1
fi
exec dotnet "$here/bin/Release/net10.0/TypingRace.Bench.Leaderboards.dll" "$@"
