#!/usr/bin/env bash
# The chat demo on two nodes behind nginx, one Redis between them:
#
#   redis-server        127.0.0.1:6380 (or the next free port), no persistence
#   sample-app node 1   127.0.0.1:8081  --socketio.adapter.type=$ADAPTER (redis)
#   sample-app node 2   127.0.0.1:8082  --socketio.adapter.type=$ADAPTER (redis)
#   nginx               127.0.0.1:8080  ip_hash over both nodes (any client)
#                       127.0.0.1:8090  round robin, for WebSocket-only clients
#
# Open http://localhost:8080/ (the chat, served through nginx); a second browser or
# `node` client on http://localhost:8081 and http://localhost:8082 chats across nodes.
# Ctrl-C stops everything the script started, and nothing else.
#
# Needs: sample-app/target/sample-app.jar (mvn -B -ntp -DskipTests package), java,
# redis-server and nginx (Debian packages redis-server and nginx).
# Ports can be moved: HTTP_PORT, WS_ONLY_PORT, NODE1_PORT, NODE2_PORT, REDIS_PORT.
# ADAPTER=redis-streams runs the nodes on the Redis Streams adapter with connection state
# recovery on: a client whose node is stopped (even with kill -9) comes back on the other
# node with its socket id, rooms and the messages it missed.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="${JAR:-$ROOT/sample-app/target/sample-app.jar}"
HTTP_PORT="${HTTP_PORT:-8080}"
WS_ONLY_PORT="${WS_ONLY_PORT:-8090}"
NODE1_PORT="${NODE1_PORT:-8081}"
NODE2_PORT="${NODE2_PORT:-8082}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
ADAPTER="${ADAPTER:-redis}"
case "$ADAPTER" in
  redis) NODE_FLAGS=(--socketio.adapter.type=redis) ;;
  redis-streams) NODE_FLAGS=(--socketio.adapter.type=redis-streams --socketio.connection-state-recovery.enabled=true) ;;
  *) echo "ADAPTER must be redis or redis-streams" >&2; exit 2 ;;
esac

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

die() { echo "run-cluster-demo: $*" >&2; exit 1; }

[ -f "$JAR" ] || die "no $JAR: build it first (mvn -B -ntp -DskipTests package)"
command -v java >/dev/null || die "java not found"
command -v redis-server >/dev/null || die "redis-server not found (apt-get install redis-server)"
[ -x "$NGINX" ] || die "nginx not found (apt-get install nginx, or set NGINX)"

if [ -z "${REDIS_PORT:-}" ]; then
  REDIS_PORT=6380
  while ! port_free "$REDIS_PORT"; do REDIS_PORT=$((REDIS_PORT + 1)); done
fi
for port in "$HTTP_PORT" "$WS_ONLY_PORT" "$NODE1_PORT" "$NODE2_PORT" "$REDIS_PORT"; do
  port_free "$port" || die "port $port is in use (move it: HTTP_PORT, WS_ONLY_PORT, NODE1_PORT, NODE2_PORT, REDIS_PORT)"
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/socketio-cluster-demo.XXXXXX")"
chmod 755 "$WORK"   # nginx workers run unprivileged when started as root
PIDS=()

cleanup() {
  trap - EXIT INT TERM
  echo
  echo "stopping: ${PIDS[*]:-nothing}"
  # newest first: nginx, the nodes, then Redis; each is a process this script started
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  echo "logs kept in $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

await_port() { # name port pid log
  for _ in $(seq 600); do
    kill -0 "$3" 2>/dev/null || { tail -n 30 "$4" >&2; die "$1 exited"; }
    port_free "$2" || return 0
    sleep 0.1
  done
  tail -n 30 "$4" >&2
  die "$1 did not listen on $2 within 60 s"
}

echo "work directory (logs): $WORK"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
await_port "redis-server" "$REDIS_PORT" "$!" "$WORK/redis.log"
echo "redis-server  127.0.0.1:$REDIS_PORT (pid $!)"

for port in "$NODE1_PORT" "$NODE2_PORT"; do
  java -jar "$JAR" --server.port="$port" --server.address=127.0.0.1 \
    "${NODE_FLAGS[@]}" \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" \
    >"$WORK/node-$port.log" 2>&1 &
  PIDS+=($!)
done
await_port "node 1" "$NODE1_PORT" "${PIDS[1]}" "$WORK/node-$NODE1_PORT.log"
echo "node 1        http://127.0.0.1:$NODE1_PORT (pid ${PIDS[1]})"
await_port "node 2" "$NODE2_PORT" "${PIDS[2]}" "$WORK/node-$NODE2_PORT.log"
echo "node 2        http://127.0.0.1:$NODE2_PORT (pid ${PIDS[2]})"

sed -e "s/127.0.0.1:8081;/127.0.0.1:$NODE1_PORT;/" \
    -e "s/127.0.0.1:8082;/127.0.0.1:$NODE2_PORT;/" \
    -e "s/listen 127.0.0.1:8080;/listen 127.0.0.1:$HTTP_PORT;/" \
    -e "s/listen 127.0.0.1:8090;/listen 127.0.0.1:$WS_ONLY_PORT;/" \
    "$ROOT/cluster/nginx.conf" >"$WORK/nginx.conf"
"$NGINX" -p "$WORK/" -c "$WORK/nginx.conf" -g 'daemon off;' >"$WORK/nginx.out" 2>&1 &
PIDS+=($!)
await_port "nginx" "$HTTP_PORT" "$!" "$WORK/error.log"
echo "nginx         http://127.0.0.1:$HTTP_PORT (ip_hash), http://127.0.0.1:$WS_ONLY_PORT (WebSocket-only, round robin) (pid $!)"

echo
echo "Chat: http://localhost:$HTTP_PORT/  (or each node: http://localhost:$NODE1_PORT/, http://localhost:$NODE2_PORT/)"
echo "Ctrl-C stops everything."

# until Ctrl-C, or until one of them ends
set +e
wait -n "${PIDS[@]}"
echo "run-cluster-demo: a process ended; see $WORK" >&2
exit 1
