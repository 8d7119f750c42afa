#!/usr/bin/env bash
# A production-shaped IVR deployment as native processes on this machine: PostgreSQL, the Temporal
# server's four services (frontend, history, matching, worker) as separate processes started from one
# configuration file, the Web UI, the Graph emulator, two worker JVMs and two api JVMs behind one
# address (HAProxy). What docker-compose.yml describes, without a Docker engine.
#
#   deploy/cluster.sh start              install what is missing, start what is not running, print the addresses
#   deploy/cluster.sh stop               stop everything, newest first, each by its PID
#   deploy/cluster.sh status             every service: running or not, PID, log
#   deploy/cluster.sh env                the addresses as KEY=VALUE lines: eval "$(deploy/cluster.sh env)"
#   deploy/cluster.sh kill SERVICE       SIGKILL one service by its PID (PostgreSQL: an immediate shutdown)
#   deploy/cluster.sh start SERVICE      start one service again (after kill)
#   deploy/cluster.sh restart SERVICE    stop one service cleanly and start it again
#   deploy/cluster.sh clean              stop, then delete the state (database, logs, recordings)
#   deploy/cluster.sh services           the service names
#
# State (data, logs, PIDs, chosen ports, secrets, recordings) lives in .state/cluster/ (git-ignored),
# or in IVR_CLUSTER_STATE: a second state folder is a second, independent cluster (the fault tests use
# one of their own). Binaries go to .tools/ (git-ignored): the Temporal server, its SQL tool, the CLI
# and the UI server are built from their Go modules by deploy/temporal/install-*.sh; PostgreSQL and
# HAProxy come from Debian's packages (installed with apt-get when missing and running as root); the
# jars are built with Maven when missing or older than their sources.
#
# Ports: free loopback ports are picked on the first start and kept in the state folder, so a service
# started again listens where the others expect it; a kept port that another program took is replaced
# at the next full start. Running start twice starts nothing twice (a lock, and a PID check per service).
# When a part fails to build or start, the script names it, shows the end of its log and stops what
# this run started.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
state="${IVR_CLUSTER_STATE:-$root/.state/cluster}"
mkdir -p "$state"
state="$(cd "$state" && pwd)"
logs="$state/logs"
pids="$state/pids"
namespace="${IVR_NAMESPACE:-ivr}"
emulator_retries="${IVR_EMULATOR_RETRIES:-30}"
started_at=$(date +%s)
ui_dir=""
ui_missing=""
temporal_cli=""

# Every service, in start order. `stop` goes backwards.
SERVICES=(postgres temporal-history temporal-matching temporal-frontend temporal-worker temporal-ui
  emulator worker-1 worker-2 api-1 api-2 lb)

say() { echo "cluster: $*" >&2; }

# --- processes ------------------------------------------------------------------------------------

# The start time of a live process (clock ticks since boot): with the PID it names one process, even
# after the PID is reused. A zombie (killed, not yet reaped by its new parent) counts as gone.
start_time() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  case "$1" in Z | X) return 1 ;; esac
  echo "${20}"
}

pid_of() {
  local name="$1" pid started
  [ -f "$pids/$name.pid" ] || return 1
  read -r pid started < "$pids/$name.pid" || return 1
  [ -n "$pid" ] && [ "$(start_time "$pid" 2>/dev/null)" = "$started" ] || return 1
  echo "$pid"
}

running() { pid_of "$1" >/dev/null; }

remember_pid() { echo "$2 $(start_time "$2")" > "$pids/$1.pid"; }

# Starts a command detached (its own session, so a Ctrl-C here or the end of a test JVM leaves it
# alone), with its output appended to logs/NAME.log, and records its PID.
spawn() {
  local name="$1"
  shift
  echo "=== $(date -u +%FT%TZ) start: $name" >> "$logs/$name.log"
  # fd 8 is this script's lock: the service must not hold it
  (cd "$root" && exec setsid "$@" >> "$logs/$name.log" 2>&1 < /dev/null 8>&-) &
  local pid=$!
  remember_pid "$name" "$pid"
  STARTED_NOW+=("$name")
}

log_tail() {
  local name="$1" file="$logs/$1.log"
  [ "$name" = postgres ] && file="$(pg_log)"
  if [ -f "$file" ]; then
    echo "---- the end of $name's log ($file) ----" >&2
    tail -n 25 "$file" | cut -c1-600 >&2
    echo "----" >&2
  fi
}

STARTED_NOW=()

# A part failed: name it, show its log, stop what this run started, exit 1.
fail() {
  local name="$1"
  shift
  say "FAILED: $name: $*"
  log_tail "$name"
  if [ "${#STARTED_NOW[@]}" -gt 0 ]; then
    say "stopping what this run started: ${STARTED_NOW[*]}"
    local i
    for ((i = ${#STARTED_NOW[@]} - 1; i >= 0; i--)); do stop_service "${STARTED_NOW[$i]}" || true; done
  fi
  exit 1
}

# Waits until CHECK succeeds, while the service's process lives; fails after TIMEOUT seconds.
await() {
  local name="$1" timeout="$2" what="$3"
  shift 3
  local deadline=$(($(date +%s) + timeout))
  until "$@" >/dev/null 2>&1; do
    running "$name" || fail "$name" "the process exited before $what"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$name" "not $what within $timeout s"
    sleep 0.5
  done
}

stop_service() {
  local name="$1" pid i
  if [ "$name" = postgres ]; then
    if running postgres; then
      as_postgres "$pg_bin/pg_ctl" -D "$(pg_data)" -m fast -w -t 60 stop >/dev/null || true
    fi
    rm -f "$pids/postgres.pid"
    return 0
  fi
  pid="$(pid_of "$name")" || { rm -f "$pids/$name.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    running "$name" || break
    sleep 0.1
  done
  if running "$name"; then
    say "$name (pid $pid) did not stop within 15 s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while running "$name"; do sleep 0.1; done
  fi
  rm -f "$pids/$name.pid"
}

# --- ports ----------------------------------------------------------------------------------------

PORT_NAMES=(POSTGRES_PORT FRONTEND_GRPC_PORT FRONTEND_HTTP_PORT FRONTEND_MEMBERSHIP_PORT HISTORY_GRPC_PORT
  HISTORY_MEMBERSHIP_PORT MATCHING_GRPC_PORT MATCHING_MEMBERSHIP_PORT WORKER_GRPC_PORT WORKER_MEMBERSHIP_PORT
  UI_PORT EMULATOR_PORT API_1_PORT API_2_PORT LB_PORT WORKER_1_METRICS_PORT WORKER_2_METRICS_PORT
  TEMPORAL_FRONTEND_METRICS_PORT TEMPORAL_HISTORY_METRICS_PORT TEMPORAL_MATCHING_METRICS_PORT TEMPORAL_WORKER_METRICS_PORT)

port_free() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}

# A free port below Linux's ephemeral range (32768 and up), so that no outgoing connection takes it
# between two starts, and below 32768 because Temporal's cluster_membership table keeps ports as a
# PostgreSQL smallint (a membership port of 41345 stops a service with "out of range for type smallint").
free_port() {
  python3 - <<'PY'
import random, socket
for _ in range(500):
    port = random.randint(20000, 32000)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        s.close()
    print(port)
    break
PY
}

# Loads the kept ports; at a full start (nothing running), replaces the missing and the taken ones.
load_ports() {
  local repick="$1" name value taken=" "
  [ -f "$state/ports.env" ] && . "$state/ports.env"
  for name in "${PORT_NAMES[@]}"; do
    value="${!name:-}"
    if [ "$repick" = yes ]; then
      if [ -z "$value" ] || [ "$value" -gt 32000 ] || ! port_free "$value" || [[ "$taken" == *" $value "* ]]; then
        [ -n "$value" ] && say "port $value ($name) is taken or above 32000: picking another"
        value="$(free_port)"
        while [[ "$taken" == *" $value "* ]]; do value="$(free_port)"; done
      fi
    fi
    [ -n "$value" ] || fail "$name" "no port kept in $state/ports.env: run deploy/cluster.sh start"
    printf -v "$name" '%s' "$value"
    taken+="$value "
  done
  if [ "$repick" = yes ]; then
    for name in "${PORT_NAMES[@]}"; do echo "$name=${!name}"; done > "$state/ports.env"
  fi
}

# --- PostgreSQL -----------------------------------------------------------------------------------

pg_bin=""
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
find_postgres() {
  local dir
  dir="$(pg_bin_dir)"
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    if [ "$(id -u)" = 0 ]; then
      say "installing PostgreSQL from Debian's packages (apt-get install postgresql)"
      apt-get install -y --no-install-recommends postgresql >> "$logs/install.log" 2>&1 \
        || { apt-get update -qq >> "$logs/install.log" 2>&1 \
          && apt-get install -y --no-install-recommends postgresql >> "$logs/install.log" 2>&1; } \
        || fail install "apt-get install postgresql failed (see $logs/install.log)"
      dir="$(pg_bin_dir)"
    else
      fail postgres "PostgreSQL is not installed: apt-get install postgresql (as root)"
    fi
  fi
  pg_bin="$dir"
}

# PostgreSQL refuses to run as root: as root, it runs as Debian's unprivileged `postgres` user (created
# by the postgresql package); as anyone else, as that user.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@" 8>&-
  else
    "$@" 8>&-
  fi
}

# Its folder: under the state folder when the postgres user can reach it, else (a state folder under a
# private home, say) in /var/tmp, named after the state folder; state/postgres.location says which.
pg_dir() {
  if [ -f "$state/postgres.location" ]; then
    cat "$state/postgres.location"
    return
  fi
  local dir="$state/postgres"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$state"; then
    dir="/var/tmp/ivr-cluster-$(echo "$state" | sha256sum | cut -c1-12)/postgres"
  fi
  echo "$dir" > "$state/postgres.location"
  echo "$dir"
}
pg_data() { echo "$(pg_dir)/data"; }
pg_log() { echo "$(pg_dir)/postgres.log"; }

postgres_password() {
  if [ ! -s "$state/secrets/postgres-password" ]; then
    (umask 077 && mkdir -p "$state/secrets" && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$state/secrets/postgres-password")
  fi
  cat "$state/secrets/postgres-password"
}

start_postgres() {
  find_postgres
  local dir data
  dir="$(pg_dir)"
  data="$dir/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating the PostgreSQL database folder $data"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    local pwfile="$dir/initdb.pw"
    postgres_password > "$pwfile"
    [ "$(id -u)" = 0 ] && chown postgres: "$pwfile"
    as_postgres "$pg_bin/initdb" -D "$data" -U temporal --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C \
      >> "$logs/install.log" 2>&1 || { rm -f "$pwfile"; fail postgres "initdb failed (see $logs/install.log)"; }
    rm -f "$pwfile"
  fi
  mkdir -p "$dir/run"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir/run"
  # Temporal's four services hold up to 30 connections each (20 default store + 10 visibility)
  as_postgres "$pg_bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$POSTGRES_PORT -c unix_socket_directories=$dir/run -c max_connections=200" \
    start >> "$logs/install.log" 2>&1 || fail postgres "pg_ctl start failed on port $POSTGRES_PORT"
  remember_pid postgres "$(head -1 "$data/postmaster.pid")"
  STARTED_NOW+=(postgres)
}

# --- the parts ------------------------------------------------------------------------------------

tools() {
  # install-*.sh print the path on their last line; their progress goes to stderr
  temporal_cli="$("$root/deploy/temporal/install-cli.sh" | tail -1)" || fail temporal-cli "cannot be installed (see above)"
  server_dir="$("$root/deploy/temporal/install-server.sh" | tail -1)" || fail temporal-server "cannot be installed (see above)"
  if ui_dir="$("$root/deploy/temporal/install-ui.sh" | tail -1)"; then
    ui_missing=""
  else
    ui_dir=""
    ui_missing="the UI server could not be built (see above): use the CLI, $temporal_cli workflow list --address 127.0.0.1:$FRONTEND_GRPC_PORT -n $namespace"
  fi
  if ! command -v haproxy >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      say "installing HAProxy from Debian's packages (apt-get install haproxy)"
      apt-get install -y --no-install-recommends haproxy >> "$logs/install.log" 2>&1 \
        || { apt-get update -qq >> "$logs/install.log" 2>&1 \
          && apt-get install -y --no-install-recommends haproxy >> "$logs/install.log" 2>&1; } \
        || fail install "apt-get install haproxy failed (see $logs/install.log)"
    else
      fail lb "HAProxy is not installed: apt-get install haproxy (as root)"
    fi
  fi
}

JARS=(worker/target/worker-0.1.0-SNAPSHOT-exec.jar api/target/api-0.1.0-SNAPSHOT-exec.jar
  graph-emulator/target/graph-emulator-0.1.0-SNAPSHOT-standalone.jar)
# the modules whose sources go into those jars
JAR_SOURCES=(pom.xml workflows flow-tools recordings activities worker api graph-emulator)

jars() {
  local jar stale=""
  for jar in "${JARS[@]}"; do
    if [ ! -f "$root/$jar" ]; then
      stale="$jar is missing"
    elif [ -n "$(cd "$root" && find "${JAR_SOURCES[@]}" -path '*/target' -prune -o -type f -newer "$jar" -print -quit)" ]; then
      stale="$jar is older than its sources"
    fi
    [ -z "$stale" ] || break
  done
  [ -z "$stale" ] && return 0
  say "building the jars ($stale): mvn -B -o -q -DskipTests package -pl worker,api,graph-emulator -am"
  (cd "$root" && mvn -B -o -q -DskipTests package -pl worker,api,graph-emulator -am) > "$logs/build.log" 2>&1 \
    || fail build "the jars did not build (mvn package, log $logs/build.log)"
}

temporal_env() {
  # the server's environment names (deploy/temporal/config/temporal.yaml), as docker-compose.yml sets them
  TEMPORAL_ENV=(
    DB=postgres12 POSTGRES_SEEDS=127.0.0.1 DB_PORT="$POSTGRES_PORT" POSTGRES_USER=temporal
    POSTGRES_PWD="$(postgres_password)" BIND_ON_IP=127.0.0.1
    FRONTEND_GRPC_PORT="$FRONTEND_GRPC_PORT" FRONTEND_HTTP_PORT="$FRONTEND_HTTP_PORT"
    FRONTEND_MEMBERSHIP_PORT="$FRONTEND_MEMBERSHIP_PORT"
    HISTORY_GRPC_PORT="$HISTORY_GRPC_PORT" HISTORY_MEMBERSHIP_PORT="$HISTORY_MEMBERSHIP_PORT"
    MATCHING_GRPC_PORT="$MATCHING_GRPC_PORT" MATCHING_MEMBERSHIP_PORT="$MATCHING_MEMBERSHIP_PORT"
    WORKER_GRPC_PORT="$WORKER_GRPC_PORT" WORKER_MEMBERSHIP_PORT="$WORKER_MEMBERSHIP_PORT"
    DYNAMIC_CONFIG_FILE_PATH="$root/deploy/temporal/dynamicconfig/ivr.yaml"
    TEMPORAL_SERVER_CONFIG_FILE_PATH="$root/deploy/temporal/config/temporal.yaml"
    TEMPORAL_ALLOW_NO_AUTH=true
  )
}

setup_schema() {
  say "PostgreSQL schema: deploy/temporal/setup-postgres-schema.sh"
  env DB=postgres12 POSTGRES_SEEDS=127.0.0.1 DB_PORT="$POSTGRES_PORT" POSTGRES_USER=temporal \
    SQL_PASSWORD="$(postgres_password)" TEMPORAL_SQL_TOOL="$server_dir/temporal-sql-tool" \
    sh "$root/deploy/temporal/setup-postgres-schema.sh" >> "$logs/schema.log" 2>&1 \
    || fail schema "the schema set-up failed (log $logs/schema.log)"
}

port_open() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }
frontend_healthy() {
  "$temporal_cli" operator cluster health --address "127.0.0.1:$FRONTEND_GRPC_PORT" --command-timeout 2s 2>/dev/null | grep -q SERVING
}

# Each service serves its own Prometheus metrics (PROMETHEUS_ENDPOINT in the server configuration),
# e.g. history's activity_eager_execution counts the downloads handed to a worker eagerly.
start_temporal_service() {
  local svc="$1" metrics_var
  metrics_var="TEMPORAL_$(echo "$svc" | tr a-z A-Z)_METRICS_PORT"
  spawn "temporal-$svc" env "${TEMPORAL_ENV[@]}" PROMETHEUS_ENDPOINT="127.0.0.1:${!metrics_var}" \
    "$server_dir/temporal-server" start --service "$svc"
}

await_temporal_service() {
  local svc="$1" port_var
  port_var="$(echo "$svc" | tr a-z A-Z)_GRPC_PORT"
  await "temporal-$svc" 90 "listening on port ${!port_var}" port_open "${!port_var}"
}

emulator_url() { echo "http://127.0.0.1:$EMULATOR_PORT"; }
lb_url() { echo "http://127.0.0.1:$LB_PORT"; }

# The emulator's app registration (its defaults): the worker's IVR_GRAPH_* and the api's token checks
GRAPH_TENANT=e1f2a3b4-0000-4000-8000-00000000cafe
GRAPH_CLIENT_ID=b0760000-0000-4000-8000-000000000001
GRAPH_CLIENT_SECRET=dev-only-secret

start_emulator() {
  # Graph retries a notification its bot did not accept; how often is not documented. 30 retries
  # (100 ms x n apart, about 47 s in all) ride out a Temporal service restart.
  spawn emulator java -Xmx512m -jar "$root/${JARS[2]}" --port "$EMULATOR_PORT" --retries "$emulator_retries" \
    --tenant "$GRAPH_TENANT" --client-id "$GRAPH_CLIENT_ID" --client-secret "$GRAPH_CLIENT_SECRET"
}

start_worker() {
  local name="$1" metrics_port="$2"
  (umask 077 && mkdir -p "$state/secrets" && printf '%s' "$GRAPH_CLIENT_SECRET" > "$state/secrets/graph_client_secret")
  spawn "$name" env SPRING_TEMPORAL_CONNECTION_TARGET="127.0.0.1:$FRONTEND_GRPC_PORT" \
    SPRING_TEMPORAL_NAMESPACE="$namespace" \
    IVR_GRAPH_BASE_URL="$(emulator_url)/v1.0" IVR_GRAPH_AUTHORITY_HOST_OVERRIDE="$(emulator_url)" \
    IVR_GRAPH_TENANT_ID="$GRAPH_TENANT" IVR_GRAPH_CLIENT_ID="$GRAPH_CLIENT_ID" \
    IVR_GRAPH_CLIENT_SECRET_FILE="$state/secrets/graph_client_secret" \
    IVR_RECORDINGS_DIR="$state/recordings" \
    IVR_PAYLOAD_KEYS_FILE="$(payload_keys_file)" \
    IVR_MEDIA_SIGNING_KEY_FILE="$(media_signing_key_file)" \
    IVR_WORKER_METRICS_HOST=127.0.0.1 IVR_WORKER_METRICS_PORT="$metrics_port" \
    java -Xmx512m -jar "$root/${JARS[0]}"
}

worker_polling() { grep -q 'worker polling task queue' "$logs/$1.log"; }

# The payload key every worker and api shares (AES-256, made once per state folder, owner-only): payloads in
# Temporal's history are encrypted with it; the Web UI decodes them through the apis' codec server.
payload_keys_file() {
  if [ ! -s "$state/secrets/payload-keys" ]; then
    (umask 077 && mkdir -p "$state/secrets" \
      && printf 'cluster-1:%s\n' "$(head -c 32 /dev/urandom | base64 | tr -d '\n')" > "$state/secrets/payload-keys")
  fi
  echo "$state/secrets/payload-keys"
}

# The key every worker and api shares to sign recording URLs (Graph's playback, download links; made once per
# state folder, owner-only): workers sign, apis check.
media_signing_key_file() {
  if [ ! -s "$state/secrets/media-signing-key" ]; then
    (umask 077 && mkdir -p "$state/secrets" \
      && head -c 32 /dev/urandom | base64 | tr -d '\n' > "$state/secrets/media-signing-key")
  fi
  echo "$state/secrets/media-signing-key"
}

operator_password() {
  if [ ! -s "$state/secrets/operator-password" ]; then
    (umask 077 && mkdir -p "$state/secrets" && head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$state/secrets/operator-password")
  fi
  cat "$state/secrets/operator-password"
}

start_api() {
  local name="$1" port="$2"
  spawn "$name" env SPRING_TEMPORAL_CONNECTION_TARGET="127.0.0.1:$FRONTEND_GRPC_PORT" \
    SPRING_TEMPORAL_NAMESPACE="$namespace" \
    SERVER_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
    IVR_PUBLIC_BASE_URL="$(lb_url)" \
    IVR_FLOWS_DIR="$root/flows" IVR_FLOWS_ROUTING="$root/flows/routing.yaml" IVR_PROMPTS_DIR="$root/flows/prompts" \
    IVR_NOTIFICATIONS_AUTH_AUDIENCE="$GRAPH_CLIENT_ID" IVR_NOTIFICATIONS_AUTH_ALLOWED_TENANTS="$GRAPH_TENANT" \
    IVR_NOTIFICATIONS_AUTH_OPENID_CONFIGURATION_URL="$(emulator_url)/v1/.well-known/OpenIdConfiguration" \
    IVR_SECURITY_BASIC=enabled-for-development \
    IVR_SECURITY_USERS_OPERATOR_PASSWORD="{noop}$(operator_password)" IVR_SECURITY_USERS_OPERATOR_ROLES=operator \
    IVR_RECORDINGS_DIR="$state/recordings" \
    IVR_PAYLOAD_KEYS_FILE="$(payload_keys_file)" IVR_CODEC_ALLOWEDORIGINS="http://127.0.0.1:$UI_PORT" \
    IVR_MEDIA_SIGNING_KEY_FILE="$(media_signing_key_file)" \
    java -Xmx512m -jar "$root/${JARS[1]}" --spring.main.banner-mode=off
}

write_lb_config() {
  cat > "$state/haproxy.cfg" <<EOF
# written by deploy/cluster.sh: the apis' one public address (ivr.public-base-url)
global
  maxconn 2000
  log stdout format raw local0 info
defaults
  mode http
  log global
  option httplog
  timeout connect 1s
  timeout client 60s
  timeout server 60s
  # a refused connection (an api that died) is retried on the other api
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response
frontend ivr
  bind 127.0.0.1:$LB_PORT
  default_backend apis
backend apis
  balance roundrobin
  option httpchk GET /actuator/health/liveness
  http-check expect status 200
  server api-1 127.0.0.1:$API_1_PORT check inter 1s fall 2 rise 1
  server api-2 127.0.0.1:$API_2_PORT check inter 1s fall 2 rise 1
EOF
}

start_lb() {
  write_lb_config
  haproxy -c -q -f "$state/haproxy.cfg" >> "$logs/lb.log" 2>&1 || fail lb "haproxy rejects $state/haproxy.cfg"
  spawn lb haproxy -db -f "$state/haproxy.cfg"
}

start_ui() {
  # the image's templated config/docker.yaml, read from TEMPORAL_* variables, bound to loopback
  mkdir -p "$state/ui/config"
  cp "$ui_dir/config/base.yaml" "$state/ui/config/base.yaml"
  { cat "$ui_dir/config/docker.yaml"; echo; echo "host: 127.0.0.1"; } > "$state/ui/config/docker.yaml"
  spawn temporal-ui env TEMPORAL_ADDRESS="127.0.0.1:$FRONTEND_GRPC_PORT" TEMPORAL_UI_PORT="$UI_PORT" \
    TEMPORAL_DEFAULT_NAMESPACE="$namespace" TEMPORAL_CORS_ORIGINS="http://127.0.0.1:$UI_PORT" \
    TEMPORAL_CODEC_ENDPOINT="$(lb_url)/codec" TEMPORAL_CODEC_INCLUDE_CREDENTIALS=true \
    "$ui_dir/ui-server" --root "$state/ui" --config config --env docker start
}

# Starts one service; WAIT=no leaves its readiness check to the caller.
start_one() {
  local name="$1"
  if running "$name"; then
    say "$name is already running (pid $(pid_of "$name"))"
    return 0
  fi
  case "$name" in
    postgres) start_postgres ;;
    temporal-history | temporal-matching | temporal-frontend | temporal-worker) start_temporal_service "${name#temporal-}" ;;
    temporal-ui) if [ -n "$ui_dir" ]; then start_ui; fi ;;
    emulator) start_emulator ;;
    worker-1) start_worker worker-1 "$WORKER_1_METRICS_PORT" ;;
    worker-2) start_worker worker-2 "$WORKER_2_METRICS_PORT" ;;
    api-1) start_api api-1 "$API_1_PORT" ;;
    api-2) start_api api-2 "$API_2_PORT" ;;
    lb) start_lb ;;
    *) say "unknown service '$name' (one of: ${SERVICES[*]})"; exit 2 ;;
  esac
}

await_one() {
  local name="$1"
  case "$name" in
    postgres) ;;
    temporal-frontend) await_temporal_service frontend; await temporal-frontend 120 "serving" frontend_healthy ;;
    temporal-history | temporal-matching | temporal-worker) await_temporal_service "${name#temporal-}" ;;
    temporal-ui) [ -z "$ui_dir" ] || await temporal-ui 60 "serving http://127.0.0.1:$UI_PORT" http_ok "http://127.0.0.1:$UI_PORT/" ;;
    emulator) await emulator 90 "serving $(emulator_url)" http_ok "$(emulator_url)/v1/.well-known/OpenIdConfiguration" ;;
    worker-1 | worker-2) await "$name" 120 "polling its task queue" worker_polling "$name" ;;
    api-1) await api-1 120 "serving" http_ok "http://127.0.0.1:$API_1_PORT/actuator/health/liveness" ;;
    api-2) await api-2 120 "serving" http_ok "http://127.0.0.1:$API_2_PORT/actuator/health/liveness" ;;
    lb) await lb 30 "serving $(lb_url)" http_ok "$(lb_url)/actuator/health/liveness" ;;
  esac
}

# --- addresses ------------------------------------------------------------------------------------

write_env() {
  cat > "$state/cluster.env" <<EOF
IVR_CLUSTER_STATE=$state
TEMPORAL_ADDRESS=127.0.0.1:$FRONTEND_GRPC_PORT
TEMPORAL_NAMESPACE=$namespace
TEMPORAL_HTTP_ADDRESS=127.0.0.1:$FRONTEND_HTTP_PORT
TEMPORAL_UI_URL=$([ -n "${ui_dir:-}" ] && echo "http://127.0.0.1:$UI_PORT")
TEMPORAL_CLI=${temporal_cli:-}
POSTGRES_ADDRESS=127.0.0.1:$POSTGRES_PORT
IVR_EMULATOR_URL=$(emulator_url)
IVR_API_URL=$(lb_url)
IVR_CALLBACK_URI=$(lb_url)/callbacks/calling
IVR_API_1_URL=http://127.0.0.1:$API_1_PORT
IVR_API_2_URL=http://127.0.0.1:$API_2_PORT
IVR_WORKER_1_METRICS_URL=http://127.0.0.1:$WORKER_1_METRICS_PORT/metrics
IVR_WORKER_2_METRICS_URL=http://127.0.0.1:$WORKER_2_METRICS_PORT/metrics
TEMPORAL_FRONTEND_METRICS_URL=http://127.0.0.1:$TEMPORAL_FRONTEND_METRICS_PORT/metrics
TEMPORAL_HISTORY_METRICS_URL=http://127.0.0.1:$TEMPORAL_HISTORY_METRICS_PORT/metrics
TEMPORAL_MATCHING_METRICS_URL=http://127.0.0.1:$TEMPORAL_MATCHING_METRICS_PORT/metrics
TEMPORAL_WORKER_METRICS_URL=http://127.0.0.1:$TEMPORAL_WORKER_METRICS_PORT/metrics
IVR_RECORDINGS_DIR=$state/recordings
IVR_OPERATOR_USER=operator
IVR_OPERATOR_PASSWORD_FILE=$state/secrets/operator-password
IVR_PAYLOAD_KEYS_FILE=$(payload_keys_file)
EOF
}

print_addresses() {
  cat >&2 <<EOF

The IVR cluster runs (state: $state)
  PostgreSQL          127.0.0.1:$POSTGRES_PORT   user temporal, databases temporal and temporal_visibility
  Temporal frontend   127.0.0.1:$FRONTEND_GRPC_PORT   namespace $namespace (HTTP 127.0.0.1:$FRONTEND_HTTP_PORT)
  Temporal history    127.0.0.1:$HISTORY_GRPC_PORT, matching 127.0.0.1:$MATCHING_GRPC_PORT, worker 127.0.0.1:$WORKER_GRPC_PORT
  Temporal metrics    http://127.0.0.1:PORT/metrics, PORT: frontend $TEMPORAL_FRONTEND_METRICS_PORT, history $TEMPORAL_HISTORY_METRICS_PORT, matching $TEMPORAL_MATCHING_METRICS_PORT, worker $TEMPORAL_WORKER_METRICS_PORT
  Web UI              ${ui_dir:+http://127.0.0.1:$UI_PORT/namespaces/$namespace/workflows}${ui_missing:-}
  Graph emulator      $(emulator_url)   (admin API $(emulator_url)/admin)
  api, one address    $(lb_url)   (HAProxy over api-1 http://127.0.0.1:$API_1_PORT and api-2 http://127.0.0.1:$API_2_PORT)
    webhook           $(lb_url)/callbacks/calling
    console           $(lb_url)/console/   operator:$(operator_password)
  workers             worker-1 metrics http://127.0.0.1:$WORKER_1_METRICS_PORT/metrics, worker-2 http://127.0.0.1:$WORKER_2_METRICS_PORT/metrics
  recordings          $state/recordings
  logs                $logs/

  A call:  curl -s -X POST $(emulator_url)/admin/calls -H 'Content-Type: application/json' \\
             -d '{"callbackUri":"$(lb_url)/callbacks/calling"}'
  Calls:   $temporal_cli workflow list --address 127.0.0.1:$FRONTEND_GRPC_PORT -n $namespace
  Stop:    deploy/cluster.sh stop
EOF
}

# --- commands -------------------------------------------------------------------------------------

lock() {
  exec 8> "$state/cluster.lock"
  if ! flock -n 8; then
    say "another deploy/cluster.sh is working on $state; waiting for it"
    flock 8
  fi
}

nothing_running() {
  local name
  for name in "${SERVICES[@]}"; do running "$name" && return 1; done
  return 0
}

cmd_start_all() {
  lock
  mkdir -p "$logs" "$pids" "$state/recordings"
  local repick=no
  nothing_running && repick=yes
  load_ports "$repick"
  tools
  jars
  temporal_env
  start_one postgres
  setup_schema
  local svc
  # On a fresh database the first service to start writes the cluster metadata; four starting at once
  # race for it, and a loser exits ("SaveClusterMetadata encountered version mismatch, expected 0 but
  # got 1"; seen in CI). History goes first and the others once it listens (it has written it by then).
  start_one temporal-history
  await_one temporal-history
  for svc in temporal-matching temporal-frontend temporal-worker; do start_one "$svc"; done
  for svc in temporal-matching temporal-frontend temporal-worker; do await_one "$svc"; done
  say "namespace $namespace and the search attributes: deploy/temporal/setup-namespace.sh"
  TEMPORAL_ADDRESS="127.0.0.1:$FRONTEND_GRPC_PORT" IVR_NAMESPACE="$namespace" TEMPORAL_CLI="$temporal_cli" \
    sh "$root/deploy/temporal/setup-namespace.sh" >> "$logs/namespace.log" 2>&1 \
    || fail namespace "setup-namespace.sh failed (log $logs/namespace.log)"
  start_one temporal-ui
  start_one emulator
  await_one emulator
  for svc in worker-1 worker-2 api-1 api-2; do start_one "$svc"; done
  for svc in temporal-ui worker-1 worker-2 api-1 api-2; do await_one "$svc"; done
  start_one lb
  await_one lb
  write_env
  print_addresses
  say "started in $(($(date +%s) - started_at)) s"
}

cmd_start_one() {
  local name="$1"
  lock
  load_ports no
  temporal_cli="$("$root/deploy/temporal/install-cli.sh" --check | tail -1)" || exit 3
  server_dir="$("$root/deploy/temporal/install-server.sh" --check | tail -1)" || exit 3
  ui_dir="$("$root/deploy/temporal/install-ui.sh" --check 2>/dev/null | tail -1)" || ui_dir=""
  [ "$name" = postgres ] && find_postgres
  temporal_env
  start_one "$name"
  await_one "$name"
  say "$name runs (pid $(pid_of "$name"))"
  echo "$(pid_of "$name")"
}

cmd_kill() {
  local name="$1" pid
  lock
  if [ "$name" = postgres ]; then
    pid="$(pid_of postgres)" || { say "postgres is not running"; exit 1; }
    find_postgres
    # an immediate shutdown: every PostgreSQL process quits at once, no checkpoint; the next start
    # recovers from the write-ahead log, as after a crash (a SIGKILL of the postmaster alone would
    # leave its backends holding the shared memory)
    as_postgres "$pg_bin/pg_ctl" -D "$(pg_data)" -m immediate -w stop >/dev/null
  else
    pid="$(pid_of "$name")" || { say "$name is not running"; exit 1; }
    kill -KILL "$pid"
    while running "$name"; do sleep 0.05; done
  fi
  rm -f "$pids/$name.pid"
  say "$name (pid $pid) killed"
  echo "$pid"
}

cmd_stop() {
  lock
  local i
  pg_bin="$(pg_bin_dir)"
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do
    if running "${SERVICES[$i]}"; then
      say "stopping ${SERVICES[$i]} (pid $(pid_of "${SERVICES[$i]}"))"
      stop_service "${SERVICES[$i]}"
    fi
  done
  say "stopped"
}

cmd_status() {
  local name pid any=1
  for name in "${SERVICES[@]}"; do
    if pid="$(pid_of "$name")"; then
      printf "%-18s running  pid %-8s %s\n" "$name" "$pid" "$([ "$name" = postgres ] && pg_log || echo "$logs/$name.log")"
      any=0
    else
      printf '%-18s stopped\n' "$name"
    fi
  done
  return $any
}

case "${1:-}" in
  start) if [ -n "${2:-}" ]; then cmd_start_one "$2"; else cmd_start_all; fi ;;
  stop) cmd_stop ;;
  restart)
    [ -n "${2:-}" ] || { say "restart needs a service: ${SERVICES[*]}"; exit 2; }
    (lock; pg_bin="$(pg_bin_dir)"; stop_service "$2")
    cmd_start_one "$2"
    ;;
  kill)
    [ -n "${2:-}" ] || { say "kill needs a service: ${SERVICES[*]}"; exit 2; }
    cmd_kill "$2"
    ;;
  status) cmd_status ;;
  env) if [ -f "$state/cluster.env" ]; then cat "$state/cluster.env"; else say "no cluster started in $state"; exit 1; fi ;;
  services) printf '%s\n' "${SERVICES[@]}" ;;
  clean)
    cmd_stop
    dir="$(pg_dir)"
    rm -rf "$state"
    case "$dir" in /var/tmp/ivr-cluster-*) rm -rf "$(dirname "$dir")" ;; esac
    say "deleted $state"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
