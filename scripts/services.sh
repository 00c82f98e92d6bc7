#!/usr/bin/env bash
# Brings up the services Forewarn's integration tests and demo talk to, on 127.0.0.1:
# the project's own Mosquitto (config/mosquitto/forewarn.conf), InfluxDB 1.x and PostgreSQL;
# installs the Prism mock server (tools/prism) that the Twilio contract test starts itself, and
# Debian's chromium and chromium-driver, which the browser tests drive headless.
#
#   scripts/services.sh up       install what is missing, start what is not running, wait
#   scripts/services.sh status   say what runs, start nothing (exit 3 when something is down)
#   scripts/services.sh down     stop only what this script started
#
# Idempotent: a service that already answers is left alone. Environment overrides:
#   FOREWARN_MQTT_PORT (11883)       port of the project's Mosquitto
#   FOREWARN_INFLUX_PORT (8086)      InfluxDB HTTP port
#   FOREWARN_INFLUX_CONFIG (/etc/influxdb/influxdb.conf)
#   FOREWARN_PG_PORT (5432)          PostgreSQL port
#   FOREWARN_PG_DB (forewarn_test), FOREWARN_PG_USER (forewarn), FOREWARN_PG_PASSWORD (forewarn)
#   FOREWARN_STATE_DIR               pid files, logs and broker data
#                                    (/var/lib/forewarn as root, else $XDG_STATE_HOME/forewarn)
#   FOREWARN_SERVICES_WAIT (60)      seconds to wait for each service to answer
#   FOREWARN_INSTALL (1)             0 = never call apt-get, fail when something is missing
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MQTT_PORT=${FOREWARN_MQTT_PORT:-11883}
INFLUX_PORT=${FOREWARN_INFLUX_PORT:-8086}
INFLUX_CONFIG=${FOREWARN_INFLUX_CONFIG:-/etc/influxdb/influxdb.conf}
PG_PORT=${FOREWARN_PG_PORT:-5432}
PG_DB=${FOREWARN_PG_DB:-forewarn_test}
PG_USER=${FOREWARN_PG_USER:-forewarn}
PG_PASSWORD=${FOREWARN_PG_PASSWORD:-forewarn}
WAIT_SECONDS=${FOREWARN_SERVICES_WAIT:-60}
INSTALL=${FOREWARN_INSTALL:-1}
if [[ -n ${FOREWARN_STATE_DIR:-} ]]; then
  STATE_DIR=$FOREWARN_STATE_DIR
elif [[ $EUID -eq 0 ]]; then
  # root's home is private, and Mosquitto drops to its own user: keep state where it can reach.
  STATE_DIR=/var/lib/forewarn
else
  STATE_DIR=${XDG_STATE_HOME:-$HOME/.local/state}/forewarn
fi
MQTT_DIR=$STATE_DIR/mosquitto
MQTT_PID=$MQTT_DIR/mosquitto.pid
MQTT_LOG=$MQTT_DIR/mosquitto.log
INFLUX_PID=$STATE_DIR/influxdb.pid
INFLUX_LOG=$STATE_DIR/influxdb.log
PG_MARK=$STATE_DIR/postgresql.started

die() { echo "services: $*" >&2; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) for: $*"
  fi
}

# Finds a binary also in the sbin directories that a normal user's PATH may lack.
find_bin() {
  command -v "$1" 2>/dev/null || { for d in /usr/sbin /sbin /usr/local/sbin; do
    [[ -x $d/$1 ]] && { echo "$d/$1"; return 0; }; done; return 1; }
}

port_answers() { timeout 2 bash -c ">/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
influx_answers() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$INFLUX_PORT/ping" || true) == 204 ]]
}
pg_answers() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT" -t 2 2>/dev/null; }

# The pid in a file, when that process is alive and runs the expected program.
live_pid() {
  local file=$1 program=$2 pid
  [[ -s $file ]] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$program" || return 1
  echo "$pid"
}

# Polls a check until it succeeds, or fails naming the service and where to look.
wait_for() {
  local name=$1 log=$2 check=$3 deadline=$((SECONDS + WAIT_SECONDS))
  until $check; do
    if ((SECONDS >= deadline)); then
      [[ -r $log ]] && tail -n 20 "$log" >&2
      die "$name did not answer within ${WAIT_SECONDS}s; see its log: $log"
    fi
    sleep 0.5
  done
}

install_missing() {
  local packages=()
  command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
  find_bin mosquitto >/dev/null || packages+=(mosquitto)
  find_bin influxd >/dev/null || packages+=(influxdb)
  { command -v pg_ctlcluster && command -v psql && command -v pg_isready; } >/dev/null \
    || packages+=(postgresql)
  command -v curl >/dev/null || packages+=(curl)
  command -v npm >/dev/null || packages+=(nodejs npm)
  # The browser tests drive Debian's own Chromium through its matching chromedriver.
  [[ -x /usr/bin/chromium ]] || packages+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || packages+=(chromium-driver)
  # Korean pages in screenshots need a Korean font.
  [[ -d /usr/share/fonts/opentype/noto ]] && fc-list :lang=ko 2>/dev/null | grep -q . \
    || packages+=(fonts-noto-cjk)
  ((${#packages[@]} == 0)) && return 0
  [[ $INSTALL == 1 ]] || die "missing packages: ${packages[*]} (FOREWARN_INSTALL=0)"
  echo "services: installing ${packages[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}"
}

mqtt_up() {
  local url="tcp://127.0.0.1:$MQTT_PORT" pid
  if port_answers "$MQTT_PORT"; then
    if live_pid "$MQTT_PID" mosquitto >/dev/null; then
      echo "mqtt: $url (already running)"
    else
      echo "mqtt: $url (already running, not started by scripts/services.sh)"
    fi
    return 0
  fi
  local mosquitto conf=$MQTT_DIR/mosquitto.conf
  mosquitto=$(find_bin mosquitto) || die "mosquitto is not installed"
  mkdir -p "$MQTT_DIR"
  {
    echo "# Written by scripts/services.sh: edit config/mosquitto/forewarn.conf instead."
    echo "listener $MQTT_PORT 127.0.0.1"
    echo "# Loopback only, for development: no users. A deployment uses deployment.conf."
    echo "allow_anonymous true"
    echo "persistence_location $MQTT_DIR/"
    echo "pid_file $MQTT_PID"
    echo "log_dest file $MQTT_LOG"
    cat "$ROOT/config/mosquitto/forewarn.conf"
  } >"$conf"
  # Started as root, Mosquitto switches to its own user, which must own its data and log.
  if [[ $EUID -eq 0 ]] && id mosquitto >/dev/null 2>&1; then chown -R mosquitto: "$MQTT_DIR"; fi
  rm -f "$MQTT_PID"
  "$mosquitto" -d -c "$conf" 9>&- || die "mosquitto failed to start; see $MQTT_LOG"
  wait_for mqtt "$MQTT_LOG" "port_answers $MQTT_PORT"
  pid=$(live_pid "$MQTT_PID" mosquitto) || die "mosquitto answered but wrote no pid to $MQTT_PID"
  echo "mqtt: $url (started, pid $pid)"
}

influx_up() {
  local url="http://127.0.0.1:$INFLUX_PORT"
  if influx_answers; then echo "influxdb: $url (already running)"; return 0; fi
  local influxd
  influxd=$(find_bin influxd) || die "influxd is not installed"
  mkdir -p "$STATE_DIR"
  # No init system in containers: run it detached from our session, bound to loopback only.
  INFLUXDB_HTTP_BIND_ADDRESS="127.0.0.1:$INFLUX_PORT" INFLUXDB_REPORTING_DISABLED=true \
    setsid "$influxd" run -config "$INFLUX_CONFIG" -pidfile "$INFLUX_PID" \
    >>"$INFLUX_LOG" 2>&1 </dev/null 9>&- &
  wait_for influxdb "$INFLUX_LOG" influx_answers
  echo "influxdb: $url (started, pid $(live_pid "$INFLUX_PID" influxd || echo '?'))"
}

# Prints "version name" of the Debian cluster on our port, creating one when none exists.
pg_cluster() {
  local line version name
  line=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1, $2; exit}')
  if [[ -z $line ]]; then
    version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
    [[ -n $version ]] || die "no PostgreSQL server version found under /usr/lib/postgresql"
    # "main" may already serve another port; then ours gets its own name.
    name=main
    [[ -d /etc/postgresql/$version/main ]] && name=forewarn
    as_root pg_createcluster "$version" "$name" --port "$PG_PORT" >&2
    line="$version $name"
  fi
  echo "$line"
}

# psql as a superuser: over TCP when trust allows it, else as the postgres OS user.
admin_psql() {
  if psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -w -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -w -d postgres "$@"
  elif [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- psql -p "$PG_PORT" -d postgres "$@")
  else
    (cd / && sudo -u postgres psql -p "$PG_PORT" -d postgres "$@")
  fi
}

pg_ensure_role_and_db() {
  if PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d "$PG_DB" -w \
    -Atqc 'select 1' >/dev/null 2>&1; then
    return 0
  fi
  admin_psql -q -v ON_ERROR_STOP=1 -v user="$PG_USER" -v pw="$PG_PASSWORD" -v db="$PG_DB" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  echo "postgresql: role $PG_USER and database $PG_DB ensured"
}

pg_up() {
  local url="jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB" how="already running" cluster
  if ! pg_answers; then
    cluster=$(pg_cluster)
    # shellcheck disable=SC2086 # "version name" splits into two arguments on purpose
    as_root pg_ctlcluster $cluster start 9>&-
    mkdir -p "$STATE_DIR" && echo "$cluster" >"$PG_MARK"
    wait_for postgresql "/var/log/postgresql/postgresql-${cluster// /-}.log" pg_answers
    how=started
  fi
  pg_ensure_role_and_db
  echo "postgresql: $url ($how)"
}

# Installs tools/prism from its lock file with npm ci, once per change of the lock file.
prism_install() {
  local dir=$ROOT/tools/prism stamp=$ROOT/tools/prism/node_modules/.forewarn-installed
  if [[ -x $dir/node_modules/.bin/prism && -f $stamp && ! $dir/package-lock.json -nt $stamp ]]; then
    echo "prism: tools/prism (already installed)"
    return 0
  fi
  (cd "$dir" && npm ci --silent --no-audit --no-fund --no-update-notifier >/dev/null) \
    || die "npm ci in tools/prism failed (the Twilio contract test needs it)"
  touch "$stamp"
  echo "prism: tools/prism (installed $("$dir/node_modules/.bin/prism" --version))"
}

up() {
  install_missing
  mkdir -p "$STATE_DIR"
  # One run at a time: two test runs starting services together must not race. The services
  # started below must not inherit the lock's descriptor (9>&-), or they would hold it forever.
  exec 9>"$STATE_DIR/services.lock"
  flock 9
  mqtt_up
  influx_up
  pg_up
  prism_install
}

status() {
  local down=0 pid
  if ! port_answers "$MQTT_PORT"; then echo "mqtt: tcp://127.0.0.1:$MQTT_PORT (not running)"; down=1
  elif pid=$(live_pid "$MQTT_PID" mosquitto); then echo "mqtt: tcp://127.0.0.1:$MQTT_PORT (running, started by scripts/services.sh, pid $pid)"
  else echo "mqtt: tcp://127.0.0.1:$MQTT_PORT (running, not started by scripts/services.sh)"; fi
  if ! influx_answers; then echo "influxdb: http://127.0.0.1:$INFLUX_PORT (not running)"; down=1
  elif pid=$(live_pid "$INFLUX_PID" influxd); then echo "influxdb: http://127.0.0.1:$INFLUX_PORT (running, started by scripts/services.sh, pid $pid)"
  else echo "influxdb: http://127.0.0.1:$INFLUX_PORT (running, not started by scripts/services.sh)"; fi
  local pg="postgresql: jdbc:postgresql://127.0.0.1:$PG_PORT/$PG_DB"
  if ! pg_answers; then echo "$pg (not running)"; down=1
  elif [[ -s $PG_MARK ]]; then echo "$pg (running, started by scripts/services.sh: cluster $(cat "$PG_MARK"))"
  else echo "$pg (running, not started by scripts/services.sh)"; fi
  return $((down * 3))
}

# Stops a process we started, waiting for it to exit so that its port is free afterwards.
stop_pid() {
  local name=$1 file=$2 program=$3 pid
  if pid=$(live_pid "$file" "$program"); then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && die "$name (pid $pid) did not stop"
    echo "$name: stopped (pid $pid)"
  elif [[ -s $file ]]; then
    echo "$name: not running (stale pid file removed)"
  else
    echo "$name: not started by scripts/services.sh, left alone"
  fi
  rm -f "$file"
}

down() {
  stop_pid mqtt "$MQTT_PID" mosquitto
  stop_pid influxdb "$INFLUX_PID" influxd
  if [[ -s $PG_MARK ]]; then
    # shellcheck disable=SC2086
    as_root pg_ctlcluster $(cat "$PG_MARK") stop
    echo "postgresql: stopped (cluster $(cat "$PG_MARK"))"
    rm -f "$PG_MARK"
  else
    echo "postgresql: not started by scripts/services.sh, left alone"
  fi
}

case ${1:-} in
  up) up ;;
  status) status ;;
  down) down ;;
  *) echo "usage: scripts/services.sh up|status|down" >&2; exit 2 ;;
esac
