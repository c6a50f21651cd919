#!/usr/bin/env bash
# Starts and stops a Docker daemon for Mallory's container tests, on loopback only.
#
#   scripts/dockerd.sh start    start dockerd unless one already answers; prints "started <pid>"
#                               or "running (not ours)"; exit 0 when docker answers, 1 otherwise
#   scripts/dockerd.sh stop     stop the dockerd this script started, by the pid in its pid file
#   scripts/dockerd.sh status   "ours <pid>", "running (not ours)" or "down" (exit 0, 0, 3)
#
# The daemon runs with --bridge=none --iptables=false: no docker0 bridge (the default bridge takes a
# private address range that must not be used here); containers use host networking on 127.0.0.1.
# State: data root $MALLORY_DOCKER_ROOT (default /var/lib/mallory-docker), pid file, exec root
# and log under $MALLORY_DOCKER_RUN (default /tmp/mallory-dockerd). The API socket is the default
# /var/run/docker.sock, where Testcontainers and the docker CLI look. Needs root.
set -euo pipefail

DATA_ROOT="${MALLORY_DOCKER_ROOT:-/var/lib/mallory-docker}"
RUN_DIR="${MALLORY_DOCKER_RUN:-/tmp/mallory-dockerd}"
PID_FILE="$RUN_DIR/dockerd.pid"
LOG_FILE="$RUN_DIR/dockerd.log"
SOCKET=/var/run/docker.sock
WAIT_SECONDS="${MALLORY_DOCKER_WAIT:-60}"

say() { printf '[dockerd.sh] %s\n' "$*" >&2; }

docker_answers() {
  # The API's ping over the socket; no docker CLI needed.
  [[ -S "$SOCKET" ]] && curl -sf --max-time 2 --unix-socket "$SOCKET" http://localhost/_ping >/dev/null 2>&1
}

our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid=$(cat "$PID_FILE")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && [[ "$(cat /proc/$pid/comm 2>/dev/null)" == dockerd ]] || return 1
  echo "$pid"
}

start() {
  local pid
  if pid=$(our_pid); then
    if docker_answers; then echo "started $pid (already)"; return 0; fi
  elif docker_answers; then
    echo "running (not ours)"; return 0
  fi
  command -v dockerd >/dev/null || { say "dockerd not installed (apt-get install -y docker.io)"; return 1; }
  [[ $(id -u) -eq 0 ]] || { say "must run as root to start dockerd"; return 1; }
  mkdir -p "$RUN_DIR" "$DATA_ROOT"
  rm -f "$PID_FILE"
  # dockerd writes its own pid file (and removes it when it exits); setsid keeps it out of the
  # caller's process group, so a test runner killing its children does not take the daemon along.
  setsid dockerd --bridge=none --iptables=false --ip-masq=false \
    --data-root "$DATA_ROOT" --exec-root "$RUN_DIR/exec" --pidfile "$PID_FILE" \
    -H "unix://$SOCKET" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  local waited=0
  while ! docker_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "dockerd exited during start; last log lines:"; tail -n 20 "$LOG_FILE" >&2; rm -f "$PID_FILE"; return 1
    fi
    if ((waited >= WAIT_SECONDS * 10)); then
      say "dockerd did not answer on $SOCKET within ${WAIT_SECONDS}s; stopping it"; stop >/dev/null; return 1
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  pid=$(our_pid) || { say "dockerd answers but wrote no pid file $PID_FILE"; return 1; }
  echo "started $pid"
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE"; echo "not running (nothing of ours to stop)"; return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; echo "stopped $pid"; return 0; }
    sleep 0.1
  done
  say "dockerd $pid ignored SIGTERM for 15 s; SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"; echo "killed $pid"
}

status() {
  local pid
  if pid=$(our_pid); then echo "ours $pid"; return 0; fi
  if docker_answers; then echo "running (not ours)"; return 0; fi
  echo "down"; return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
