#!/usr/bin/env bash
# A whole TypingRace cluster on this machine, as plain processes on loopback ports:
# redis-server (append-only), two silos, two gateways in client mode, and nginx in
# front of the gateways. The game is then at http://127.0.0.1:PORT.
#
#   deploy/local-cluster.sh [--port 8080] [--no-build] [--no-respawn] [--run-dir DIR]
#
# Kill any silo or gateway (kill -9 PID) mid-race and the race goes on; like
# Kubernetes restarting a pod, the script starts a process that died (Redis too,
# from its append-only file) again after a second (--no-respawn to leave it dead).
# Ctrl-C or SIGTERM stops everything.
# Settings reach every process through the environment, e.g.
#   Rooms__Countdown=00:00:02 deploy/local-cluster.sh
# DIR/processes.tsv lists name, pid, ports and log file of each process; each
# silo and gateway serves Prometheus metrics on its own metrics= port (/metrics).
set -euo pipefail

port=8080
build=1
respawn=1
run_dir=""
configuration=Release

usage() { sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case "$1" in
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-respawn) respawn=0; shift ;;
    --run-dir) run_dir="${2:?--run-dir needs a folder}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "local-cluster.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$port" =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || { echo "local-cluster.sh: --port must be 1-65535, not '$port'" >&2; exit 2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# --- what it needs from Debian ---------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v envsubst >/dev/null 2>&1 || missing+=(gettext-base)
if ((${#missing[@]})); then
  echo "==> Installing ${missing[*]}"
  sudo=()
  [[ "$(id -u)" -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=300 update </dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "${missing[@]}" </dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# --- build what it runs -----------------------------------------------------------
if ((build)); then
  echo "==> Building the silo and the gateway ($configuration)"
  dotnet build "$repo/src/TypingRace.Silo" -c "$configuration" -v quiet -nologo
  dotnet build "$repo/src/TypingRace.Gateway" -c "$configuration" -v quiet -nologo
fi
silo_dll="$repo/src/TypingRace.Silo/bin/$configuration/net10.0/TypingRace.Silo.dll"
gateway_dll="$repo/src/TypingRace.Gateway/bin/$configuration/net10.0/TypingRace.Gateway.dll"
for dll in "$silo_dll" "$gateway_dll"; do
  [[ -f "$dll" ]] || { echo "local-cluster.sh: $dll is missing; run without --no-build" >&2; exit 1; }
done

run_dir="${run_dir:-$(mktemp -d /tmp/typingrace-cluster.XXXXXX)}"
mkdir -p "$run_dir/redis" "$run_dir/nginx"
chmod 1777 "$run_dir/nginx"

free_port() {
  python3 "$repo/tools/ports/free-port.py"
}

# name -> "pid|command|log|ports" of each process, so a dead one can be started again.
declare -A pid_of cmd_of log_of ports_of
order=()

start() { # name log ports command...
  local name="$1" log="$2" ports="$3"; shift 3
  cmd_of[$name]="$(printf '%q ' "$@")"
  log_of[$name]="$log"
  ports_of[$name]="$ports"
  [[ " ${order[*]-} " == *" $name "* ]] || order+=("$name")
  "$@" >>"$log" 2>&1 &
  pid_of[$name]=$!
}

port_of() { # name kind: one of the ports recorded for a process, e.g. port_of gateway-1 http
  local ports=" ${ports_of[$1]} "
  ports="${ports#* $2=}"
  echo "${ports%% *}"
}

write_table() {
  {
    printf 'name\tpid\tports\tlog\n'
    for name in "${order[@]}"; do printf '%s\t%s\t%s\t%s\n' "$name" "${pid_of[$name]}" "${ports_of[$name]}" "${log_of[$name]}"; done
  } >"$run_dir/processes.tsv.new"
  # Renamed into place, so a reader never sees half a table.
  mv -f "$run_dir/processes.tsv.new" "$run_dir/processes.tsv"
}

stopping=0
stop_group() { # seconds name...: SIGTERM, then SIGKILL whatever is left after the seconds
  local seconds="$1"; shift
  local pids=()
  for name in "$@"; do
    [[ -n "${pid_of[$name]-}" ]] && kill -TERM "${pid_of[$name]}" 2>/dev/null && pids+=("${pid_of[$name]}")
  done
  for _ in $(seq $((seconds * 10))); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || return 0
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
}
stop_all() {
  ((stopping)) && return
  stopping=1
  echo
  echo "==> Stopping the cluster"
  # Gateways first (they drain), then the proxy, the silos (they hand their rooms over), Redis last.
  stop_group 30 gateway-1 gateway-2
  stop_group 5 nginx
  stop_group 30 silo-1 silo-2
  stop_group 10 redis
  echo "Logs are in $run_dir"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_ready() { # name url
  for _ in $(seq 600); do
    if curl -sf -o /dev/null "$2"; then return 0; fi
    if ! kill -0 "${pid_of[$1]}" 2>/dev/null; then
      echo "local-cluster.sh: $1 exited during start; its log (${log_of[$1]}):" >&2
      tail -n 30 "${log_of[$1]}" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "local-cluster.sh: $1 was not ready at $2 within 60 s; see ${log_of[$1]}" >&2
  exit 1
}

# --- Redis: membership, grain state, key logs, leaderboards -----------------------------
redis_port="$(free_port)"
start redis "$run_dir/redis.log" "$redis_port" \
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$run_dir/redis" --appendonly yes --appendfsync everysec --save ""
for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$redis_port" ping >/dev/null || { echo "local-cluster.sh: redis-server did not start; see $run_dir/redis.log" >&2; exit 1; }

export Redis__ConnectionString="127.0.0.1:$redis_port"
# A fresh cluster id per run, so entries a previous run left in a reused Redis are never waited for.
export Orleans__ClusterId="${Orleans__ClusterId:-local-$(date +%s)}"
# Silos advertise loopback: every process of this cluster is on this machine.
export Orleans__AdvertisedIP="${Orleans__AdvertisedIP:-127.0.0.1}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"

# --- two silos ------------------------------------------------------------------------------
for i in 1 2; do
  silo_port="$(free_port)"; gateway_port="$(free_port)"; http_port="$(free_port)"; metrics_port="$(free_port)"
  start "silo-$i" "$run_dir/silo-$i.log" "silo=$silo_port gateway=$gateway_port http=$http_port metrics=$metrics_port" \
    env Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$gateway_port" Management__Port="$metrics_port" \
    dotnet "$silo_dll" --urls "http://127.0.0.1:$http_port;http://127.0.0.1:$metrics_port"
done
for i in 1 2; do wait_ready "silo-$i" "http://127.0.0.1:$(port_of "silo-$i" http)/readyz"; done

# --- two gateways in client mode ---------------------------------------------------------------
for i in 1 2; do
  http_port="$(free_port)"; metrics_port="$(free_port)"
  start "gateway-$i" "$run_dir/gateway-$i.log" "http=$http_port metrics=$metrics_port" \
    env Orleans__Mode=Client Management__Port="$metrics_port" \
    dotnet "$gateway_dll" --urls "http://127.0.0.1:$http_port;http://127.0.0.1:$metrics_port" --contentRoot "$repo/src/TypingRace.Gateway"
done
for i in 1 2; do wait_ready "gateway-$i" "http://127.0.0.1:$(port_of "gateway-$i" http)/readyz"; done

# --- nginx in front of the gateways ---------------------------------------------------------------
g1="$(port_of gateway-1 http)"; g2="$(port_of gateway-2 http)"
# The same http-level file docker-compose.yml uses, inside a main file for a process that is not root's nginx.
TYPINGRACE_LISTEN="127.0.0.1:$port" TYPINGRACE_GATEWAY_1="127.0.0.1:$g1" TYPINGRACE_GATEWAY_2="127.0.0.1:$g2" \
  TYPINGRACE_ACCESS_LOG="$run_dir/nginx/access.log" \
  envsubst '${TYPINGRACE_LISTEN} ${TYPINGRACE_GATEWAY_1} ${TYPINGRACE_GATEWAY_2} ${TYPINGRACE_ACCESS_LOG}' \
  <"$repo/deploy/nginx/typingrace.conf.template" >"$run_dir/nginx/typingrace.conf"
cat >"$run_dir/nginx/nginx.conf" <<NGINX
worker_processes 1;
pid $run_dir/nginx/nginx.pid;
events { worker_connections 4096; }
http {
  client_body_temp_path $run_dir/nginx/client_body;
  proxy_temp_path $run_dir/nginx/proxy;
  fastcgi_temp_path $run_dir/nginx/fastcgi;
  uwsgi_temp_path $run_dir/nginx/uwsgi;
  scgi_temp_path $run_dir/nginx/scgi;
  include $run_dir/nginx/typingrace.conf;
}
NGINX
start nginx "$run_dir/nginx.log" "http=$port" \
  "$nginx_bin" -p "$run_dir/nginx" -c "$run_dir/nginx/nginx.conf" -e "$run_dir/nginx/error.log" -g 'daemon off;'
wait_ready nginx "http://127.0.0.1:$port/readyz"
write_table

echo
echo "TypingRace is on http://127.0.0.1:$port"
column -t -s $'\t' "$run_dir/processes.tsv"
echo "Kill a silo or a gateway mid-race (kill -9 PID) and watch the race go on. Ctrl-C stops everything."

# --- keep running; start again whatever dies, as a pod would be -----------------------------------
while true; do
  sleep 1 &
  wait $! || true
  ((respawn)) || continue
  for name in redis silo-1 silo-2 gateway-1 gateway-2; do
    if ! kill -0 "${pid_of[$name]}" 2>/dev/null; then
      echo "$(date +%T) $name (pid ${pid_of[$name]}) exited; starting it again"
      eval "start '$name' '${log_of[$name]}' '${ports_of[$name]}' ${cmd_of[$name]}"
      write_table
    fi
  done
done
