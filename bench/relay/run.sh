#!/usr/bin/env bash
# The relay benchmark: the TypingRace gateway and the bare relay (bench/TypingRace.Bench.BareRelay), in turns,
# under the same load generator (tools/TypingRace.LoadTest), on this machine.
#
#   bench/relay/run.sh                                   # 100 to 4000 racers, 20 s measured per step
#   STEPS="100 250" DURATION=10s bench/relay/run.sh      # a quicker look
#   PROTOCOL=messagepack RESULTS=bench/relay/results-messagepack bench/relay/run.sh   # results elsewhere
#   SERVER_ENV="DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0" bench/relay/run.sh   # extra settings for both servers
#   DEPLOYMENT=split RESULTS=bench/relay/results-split bench/relay/run.sh   # TypingRace as a silo and a gateway
#       # and a redis-server (REDIS=yes is the default there; REDIS=no keeps everything in memory)
#   SERVERS=cohort STEPS=200 RESULTS=bench/relay/results-cohort bench/relay/run.sh
#       # one cohort round on TypingRace: every racer a student, heats of ROOM_SIZE started together
#   CLIENT=official bench/relay/run.sh                   # the generator on the .NET SignalR client (JSON defaults to lean)
#   PIN=no bench/relay/run.sh                            # no taskset: by default servers get CPU 0, the generator CPU 1
#
# Every step starts the server afresh, so its idle memory is read before any racer comes, races the racer
# count against it (warm-up, then the measured phase) and stops it. The two servers take turns at each racer
# count. A server's sequence ends at its first step with p99 above 100 ms, with errors, or with racers that
# did not connect. The JSON of every step, the table and the machine land in bench/relay/results/ (or $RESULTS),
# with relay.svg: p99 and server CPU per accepted key against racers for every server, drawn by
# bench/relay/plot.py (Python 3 standard library only). To redraw a results directory:
#   python3 bench/relay/plot.py bench/relay/results-split bench/relay/results-split/relay.svg
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
results="${RESULTS:-$repo/bench/relay/results}"

read -r -a steps <<<"${STEPS:-100 250 500 1000 2000 4000}"
read -r -a servers <<<"${SERVERS:-typingrace bare}"
for server in "${servers[@]}"; do
  [[ "$server" == typingrace || "$server" == cohort || "$server" == bare ]] || { echo "bench/relay/run.sh: SERVERS lists typingrace, cohort and bare, not '$server'" >&2; exit 2; }
done
duration="${DURATION:-20s}"
# The gateway (Orleans, ASP.NET Core) keeps compiling hot code well past 5 s; a short warm-up measures the JIT.
warmup="${WARMUP:-20s}"
protocol="${PROTOCOL:-json}"
wpm="${WPM:-100}"
room_size="${ROOM_SIZE:-5}"
error_rate="${ERROR_RATE:-0.03}"
read -r -a server_env <<<"${SERVER_ENV:-}"
# cohosted: the gateway runs the silo in its own process, as `dotnet run` does. split: a silo process
# (src/TypingRace.Silo) and a gateway in client mode, as the Kubernetes chart deploys them; both are measured.
deployment="${DEPLOYMENT:-cohosted}"
# lean: the generator's own JSON client (tools/TypingRace.LoadTest/Racing/Links); official: the .NET SignalR client.
client="${CLIENT:-lean}"
# PIN=yes (the default; needs 2 CPUs): every server (all its processes) on one CPU, the generator on another, so the
# two never take each other's core and the table shows what one core of server does. PIN=no lets the kernel choose.
pin="${PIN:-yes}"
pin_server=() pin_generator=() pinning="unpinned"
if [[ "$pin" == yes ]]; then
  command -v taskset >/dev/null || { echo "bench/relay/run.sh: PIN=yes needs taskset (util-linux); set PIN=no to run unpinned" >&2; exit 1; }
  # The first two CPUs this script may use: in a container with a CPU set they need not be 0 and 1.
  read -r -a usable <<<"$(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0))[:2])')"
  ((${#usable[@]} >= 2)) || { echo "bench/relay/run.sh: PIN=yes needs 2 CPUs; set PIN=no" >&2; exit 1; }
  pin_server=(taskset -c "${usable[0]}") pin_generator=(taskset -c "${usable[1]}")
  pinning="servers on CPU ${usable[0]} and the generator on CPU ${usable[1]}"
fi
[[ "$deployment" == cohosted || "$deployment" == split ]] || { echo "bench/relay/run.sh: DEPLOYMENT is cohosted or split, not '$deployment'" >&2; exit 2; }
# REDIS=yes (the default for split): a redis-server with append-only persistence, as the chart runs it, holds the
# cluster membership, the rooms, the key logs and the leaderboards; it is pinned with the server and its CPU counted.
redis="${REDIS:-$([[ "$deployment" == split ]] && echo yes || echo no)}"
[[ "$redis" == yes || "$redis" == no ]] || { echo "bench/relay/run.sh: REDIS is yes or no, not '$redis'" >&2; exit 2; }
latency_limit_ms=100

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

needs=(dotnet jq curl python3)
[[ "$redis" == no ]] || needs+=(redis-server redis-cli)
for tool in "${needs[@]}"; do
  command -v "$tool" >/dev/null || { echo "bench/relay/run.sh: needs $tool" >&2; exit 1; }
done

echo "==> Building the gateway, the bare relay and the load generator (Release)"
for project in src/TypingRace.Gateway src/TypingRace.Silo bench/TypingRace.Bench.BareRelay tools/TypingRace.LoadTest; do
  dotnet build "$repo/$project" -c Release -v quiet -nologo
done

gateway_dll="$repo/src/TypingRace.Gateway/bin/Release/net10.0/TypingRace.Gateway.dll"
silo_dll="$repo/src/TypingRace.Silo/bin/Release/net10.0/TypingRace.Silo.dll"
bare_dll="$repo/bench/TypingRace.Bench.BareRelay/bin/Release/net10.0/TypingRace.Bench.BareRelay.dll"
generator_dll="$repo/tools/TypingRace.LoadTest/bin/Release/net10.0/TypingRace.LoadTest.dll"

rm -rf "$results"
mkdir -p "$results/logs"

free_port() {
  python3 "$repo/tools/ports/free-port.py"
}

server_pids=()
data_dirs=()

# wait_until_live KIND URL PID LOG: waits for the process's liveness endpoint.
wait_until_live() {
  local kind="$1" url="$2" pid="$3" log="$4"
  for _ in $(seq 300); do
    if curl -sf "$url/healthz" >/dev/null; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench/relay/run.sh: the $kind server exited at start; see $log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "bench/relay/run.sh: the $kind server did not answer within 60 s; see $log" >&2
  return 1
}

# start_server KIND LOG RACERS: starts the server in the background (two processes for a split TypingRace);
# sets server_pids and server_url.
start_server() {
  local kind="$1" log="$2" racers="$3" dll dir settings=()
  case "$kind" in
    typingrace | cohort)
      dll="$gateway_dll"
      dir="$repo/src/TypingRace.Gateway" # its content root: appsettings.json and wwwroot
      # Everything in memory unless REDIS=yes; a short countdown, so a room is back to racing quickly after results;
      # Orleans on free ports, so a test cluster elsewhere on this machine does not collide.
      local silo_port gateway_port
      silo_port="$(free_port)" gateway_port="$(free_port)"
      # Every racer comes from this one machine, so the per-IP limits (docs/security.md) are off for the bench.
      settings=(Rooms__Countdown=00:00:01 Limits__Enabled=false "Orleans__SiloPort=$silo_port" "Orleans__GatewayPort=$gateway_port" "Orleans__ClusterId=relay-bench-$$")
      # A cohort round: heats of the generator's room size, every racer a member, and 15 s from the start of the
      # round to its heats' start, for the racers to connect and join their heat.
      [[ "$kind" != cohort ]] || settings+=("Cohorts__HeatSize=$room_size" "Cohorts__MaxMembers=$((racers > 500 ? racers : 500))" Cohorts__RoundCountdown=00:00:15)
      if [[ "$redis" == yes ]]; then
        local redis_port redis_dir
        # Its append-only file is the run's data, not a result: it goes in a directory removed with the server.
        redis_port="$(free_port)" redis_dir="$(mktemp -d)"
        data_dirs+=("$redis_dir")
        "${pin_server[@]}" redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$redis_dir" --appendonly yes \
          --appendfsync everysec --save "" >"${log%.log}-redis.log" 2>&1 &
        server_pids+=("$!")
        for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
        redis-cli -p "$redis_port" ping >/dev/null || { echo "bench/relay/run.sh: redis-server did not start; see ${log%.log}-redis.log" >&2; return 1; }
        settings+=("Redis__ConnectionString=127.0.0.1:$redis_port" Orleans__AdvertisedIP=127.0.0.1)
      fi
      if [[ "$deployment" == split ]]; then
        local silo_url
        silo_url="http://127.0.0.1:$(free_port)"
        (cd "$(dirname "$silo_dll")" && exec "${pin_server[@]}" env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning "${settings[@]}" "${server_env[@]}" \
            dotnet "$silo_dll" --urls "$silo_url") >"${log%.log}-silo.log" 2>&1 &
        server_pids+=("$!")
        wait_until_live silo "$silo_url" "$!" "${log%.log}-silo.log" || return 1
        settings+=(Orleans__Mode=Client)
      fi
      ;;
    bare) dll="$bare_dll" dir="$(dirname "$bare_dll")" ;;
  esac
  server_url="http://127.0.0.1:$(free_port)"
  (cd "$dir" && exec "${pin_server[@]}" env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning "${settings[@]}" "${server_env[@]}" \
      dotnet "$dll" --urls "$server_url") >"$log" 2>&1 &
  server_pids+=("$!")
  wait_until_live "$kind" "$server_url" "$!" "$log"
}

stop_server() {
  local pid i
  # The gateway first, then the silo it joined.
  for ((i = ${#server_pids[@]} - 1; i >= 0; i--)); do
    pid="${server_pids[$i]}"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  server_pids=()
  ((${#data_dirs[@]} == 0)) || rm -rf "${data_dirs[@]}"
  data_dirs=()
}
trap stop_server EXIT

{
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(awk '/MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) RAM"
  echo "- system: $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r), .NET SDK $(dotnet --version)"
  echo "- load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- settings: rooms of $room_size, $wpm WPM, error rate $error_rate, $protocol, warm-up $warmup, measured $duration per step, TypingRace $deployment$([[ "$redis" == yes ]] && echo " with Redis (append-only) counted in its CPU"), $client client, $pinning${SERVER_ENV:+, servers with $SERVER_ENV}"
} >"$results/machine.md"

declare -A ended=()
for racers in "${steps[@]}"; do
  for server in "${servers[@]}"; do
    [[ -z "${ended[$server]:-}" ]] || continue
    echo
    echo "==> $server, $racers racers"
    out="$results/$server-$racers.json"
    if ! start_server "$server" "$results/logs/$server-$racers.log" "$racers"; then
      ended[$server]="its server did not start at $racers racers"
      stop_server
      continue
    fi
    if "${pin_generator[@]}" dotnet "$generator_dll" --url "$server_url" --server "$server" --protocol "$protocol" --client "$client" \
        --racers "$racers" --room-size "$room_size" --wpm "$wpm" --error-rate "$error_rate" \
        --warmup "$warmup" --duration "$duration" --server-pid "$(IFS=,; echo "${server_pids[*]}")" --out "$out"; then
      if jq -e --argjson limit "$latency_limit_ms" '.latencyMs.p99 > $limit or .errors > 0 or .connected < .racers' "$out" >/dev/null; then
        ended[$server]="$(jq -r --argjson limit "$latency_limit_ms" \
          '"p99 \(.latencyMs.p99) ms, \(.errors) errors, \(.connected)/\(.racers) connected at \(.racers) racers"' "$out")"
      fi
    else
      ended[$server]="the load generator failed at $racers racers"
    fi
    stop_server
  done
done

echo "- load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.md"
for server in "${servers[@]}"; do
  echo "- $server: ${ended[$server]:-held every step}" >>"$results/machine.md"
done

dotnet "$generator_dll" table "$results"/*.json >"$results/table.md"
echo
cat "$results/machine.md"
echo
cat "$results/table.md"
python3 "$repo/bench/relay/plot.py" "$results" "$results/relay.svg"
echo
echo "==> p99 and server CPU per key against racers: $results/relay.svg"
