#!/bin/sh
# A demo replica that behaves like the platform's containers (busybox ash; baked into lab/busybox:1 as /app/replica.sh):
# - host networking: picks a random free port (checked against listening sockets in /proc/net/tcp*), serves httpd on it;
# - registers /${APP_NAME}_${ENVIRONMENT}/${IP}-${PORT} -> ${IP}:${PORT} in etcd with a lease (TTL), heartbeats the lease;
# - on SIGTERM deletes its key at once, stops httpd and exits 0; when killed hard, the key stays until the TTL runs out;
# - logs a few lines per second, plain text and JSON, INFO to stdout, WARN/ERROR mostly to stderr;
# - with LAB_CRASH_EVERY=MIN-MAX (seconds) it crashes hard now and then (exit 2, key left behind).

APP="${APP_NAME:-app}"
ENVN="${ENVIRONMENT:-DEV}"
IP="${REGISTER_IP:-127.0.0.1}"
TTL="${LEASE_TTL:-10}"
HEARTBEAT="${HEARTBEAT_EVERY:-3}"
ETCD="etcdctl --dial-timeout=1s --command-timeout=2s"
KEY=""
LEASE=""
HTTPD=""
PORT=""

ts() { date -u +%Y-%m-%dT%H:%M:%SZ; }
# log LEVEL message...   (plain text)
log() { lvl=$1; shift; echo "$(ts) $lvl [$APP-$ENVN] $*"; }
# jlog level message...  (JSON)
jlog() { lvl=$1; shift; printf '{"ts":"%s","level":"%s","app":"%s","env":"%s","port":%s,"msg":"%s"}\n' "$(ts)" "$lvl" "$APP" "$ENVN" "${PORT:-0}" "$*"; }

port_listening() {
  hex=$(printf '%04X' "$1")
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null |
    awk -v h="$hex" '{ n = split($2, a, ":"); if (a[n] == h && $4 == "0A") found = 1 } END { exit(found ? 0 : 1) }'
}

pick_port() {
  while :; do
    p=$((30000 + RANDOM % 10000))
    port_listening "$p" || { echo "$p"; return 0; }
  done
}

start_httpd() {
  mkdir -p /www
  for attempt in 1 2 3 4 5 6 7 8; do
    PORT=$(pick_port)
    printf '{"app":"%s","env":"%s","ip":"%s","port":%s,"started":"%s"}\n' "$APP" "$ENVN" "$IP" "$PORT" "$(ts)" > /www/info.json
    httpd -f -p "$IP:$PORT" -h /www &
    HTTPD=$!
    sleep 0.3
    if kill -0 "$HTTPD" 2>/dev/null; then return 0; fi
    log WARN "port $PORT was taken, picking another (attempt $attempt)" >&2
  done
  return 1
}

register() {
  # "lease 694d7c4e1f8d1a0b granted with TTL(10s)"
  set -- $($ETCD lease grant "$TTL" 2>/dev/null)
  [ "$1" = "lease" ] || return 1
  LEASE=$2
  $ETCD put "$KEY" "$IP:$PORT" --lease="$LEASE" >/dev/null 2>&1 || return 1
  log INFO "registered $KEY -> $IP:$PORT (lease $LEASE, ttl ${TTL}s)"
}

on_term() {
  log INFO "SIGTERM received: deregistering $KEY and shutting down"
  [ -n "$KEY" ] && $ETCD del "$KEY" >/dev/null 2>&1
  [ -n "$HTTPD" ] && kill "$HTTPD" 2>/dev/null
  jlog info "shutdown complete"
  exit 0
}
trap on_term TERM INT

log INFO "starting $APP ($ENVN) pid $$ on $(hostname)"
start_httpd || { log ERROR "could not bind any port" >&2; exit 1; }
KEY="/${APP}_${ENVN}/${IP}-${PORT}"
log INFO "listening on $IP:$PORT"
jlog info "config rendered: server.port=$PORT"

until register; do
  log WARN "etcd not reachable, retrying registration in 1s" >&2
  sleep 1 & wait $!
done

CRASH_AT=0
if [ -n "$LAB_CRASH_EVERY" ]; then
  lo=${LAB_CRASH_EVERY%-*}; hi=${LAB_CRASH_EVERY#*-}
  CRASH_AT=$(( $(date +%s) + lo + RANDOM % (hi - lo + 1) ))
fi

tick=0
while :; do
  sleep 1 & wait $!
  tick=$((tick + 1))

  if [ $((tick % HEARTBEAT)) -eq 0 ]; then
    if ! $ETCD lease keep-alive --once "$LEASE" >/dev/null 2>&1; then
      log ERROR "lease $LEASE keep-alive failed, registering again" >&2
      register || log ERROR "registration failed, etcd unreachable" >&2
    fi
  fi

  if ! kill -0 "$HTTPD" 2>/dev/null; then
    log ERROR "httpd died, exiting" >&2
    exit 3
  fi

  # a few log lines per second
  n=$((1 + RANDOM % 4))
  while [ "$n" -gt 0 ]; do
    n=$((n - 1))
    r=$((RANDOM % 100))
    ms=$((3 + RANDOM % 120))
    id=$((RANDOM % 5000))
    if [ $r -lt 45 ]; then
      log INFO "GET /api/$APP/items/$id 200 ${ms}ms"
    elif [ $r -lt 60 ]; then
      jlog info "request served path=/api/$APP/search?q=$id status=200 duration_ms=$ms"
    elif [ $r -lt 70 ]; then
      log INFO "POST /api/$APP/items 201 ${ms}ms"
    elif [ $r -lt 77 ]; then
      log DEBUG "cache hit ratio 0.$((80 + RANDOM % 20)) entries=$((1000 + RANDOM % 9000))"
    elif [ $r -lt 85 ]; then
      log WARN "slow request GET /api/$APP/items/$id took $((500 + RANDOM % 1500))ms" >&2
    elif [ $r -lt 91 ]; then
      jlog warn "upstream latency high: $((200 + RANDOM % 800))ms to ${APP}-db" >&2
    elif [ $r -lt 95 ]; then
      log ERROR "GET /api/$APP/items/$id 500 ${ms}ms: connection reset by peer" >&2
    elif [ $r -lt 98 ]; then
      jlog error "failed to refresh token for user $id: timeout after 2000ms" >&2
    else
      jlog info "gc pause $((RANDOM % 40))ms heap_mb=$((64 + RANDOM % 200))"
    fi
  done

  if [ "$CRASH_AT" -gt 0 ] && [ "$(date +%s)" -ge "$CRASH_AT" ]; then
    log ERROR "FATAL: unrecoverable state in worker pool, aborting" >&2
    echo "panic: runtime error: invalid memory address or nil pointer dereference" >&2
    echo "    at ${APP}.worker.process(worker.go:$((100 + RANDOM % 300)))" >&2
    echo "    at ${APP}.worker.loop(worker.go:57)" >&2
    kill -9 "$HTTPD" 2>/dev/null
    exit 2
  fi
done
