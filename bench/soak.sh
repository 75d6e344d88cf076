#!/usr/bin/env bash
# Soak benchmark: starts the sample app (conformance fixture, reference heartbeat
# defaults) on a free loopback port, drives thousands of official socket.io-client
# connections against it for a bounded time (bench/soak.mjs), samples the server, and
# writes bench/results/soak-latest.{csv,png,md}. Everything it starts, it stops.
#
#   bench/soak.sh                      # 2000 clients, 60 s steady phase
#   CLIENTS=4000 STEADY=300 bench/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
CLIENTS=${CLIENTS:-2000}
STEADY=${STEADY:-60}
WS_SHARE=${WS_SHARE:-0.7}
HEAP=${HEAP:-512m}
RESULTS="$ROOT/bench/results"
mkdir -p "$RESULTS"

if [ ! -f sample-app/target/sample-app.jar ] || [ "${BUILD:-0}" = 1 ]; then
  mvn -B -ntp -q -DskipTests package
fi
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)
[ "$(ulimit -n)" -ge 16384 ] || ulimit -n 16384 2>/dev/null || echo "warning: open files limited to $(ulimit -n)"

PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
LOG="$RESULTS/soak-server.log"
# io.netty.maxDirectMemory=0: Netty allocates cleaner-backed direct buffers, which the
# JVM's direct buffer pool (jvm.buffer.memory.used) accounts for
java -Xmx"$HEAP" -Dio.netty.maxDirectMemory=0 -jar sample-app/target/sample-app.jar \
  --spring.profiles.active=conformance --server.port="$PORT" --server.address=127.0.0.1 \
  --socketio.ping-interval=25s --socketio.ping-timeout=20s --socketio.connect-timeout=45s \
  --management.endpoints.web.exposure.include=health,metrics,socketio \
  --logging.level.root=WARN --logging.level.io.github.springsocketio.sample=INFO >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.5
done

SUMMARY=$(node bench/soak.mjs --url "http://127.0.0.1:$PORT" --pid "$SERVER" --out "$RESULTS/soak-latest.csv" \
  --clients "$CLIENTS" --steady "$STEADY" --websocket-share "$WS_SHARE")
echo "$SUMMARY"
java bench/Chart.java "$RESULTS/soak-latest.csv" "$RESULTS/soak-latest.png" \
  "Soak: $CLIENTS clients ($WS_SHARE WebSocket), ${STEADY}s steady, heap $HEAP"

node - "$SUMMARY" "$RESULTS/soak-latest.md" "$CLIENTS" "$STEADY" "$HEAP" <<'JS'
const [summaryText, out, clients, steady, heap] = process.argv.slice(2);
const s = JSON.parse(summaryText);
const os = require("os");
const row = (k, v) => `| ${k} | ${v} |`;
const heapDelta = (s.final.heapMb - s.baseline.heapMb).toFixed(1);
const directDelta = (s.final.directMb - s.baseline.directMb).toFixed(2);
const verdict = s.final.sessions === 0 && Math.abs(heapDelta) < Math.max(16, s.baseline.heapMb * 0.25)
  ? "flat: sessions back to 0, heap back to baseline" : "NOT flat: see the chart";
require("fs").writeFileSync(out, [
  `# Soak result (${new Date().toISOString()})`,
  "",
  `${clients} official socket.io-client 4.x connections (${Math.round(s.websocketShare * 100)}% WebSocket, the rest polling),`,
  `each in one of 100 rooms, chatting every ~5 s through the fixture's \`to-room\` event, ${s.churned} connections`,
  `churned during a ${steady} s steady phase; server: sample app, \`-Xmx${heap}\`, ${os.cpus().length} cores, ${os.type()}.`,
  "",
  "| measure | value |",
  "|---|---|",
  row("messages sent / delivered", `${s.messagesSent} / ${s.messagesReceived}`),
  row("connect errors", s.connectErrors),
  row("max server sessions", s.maxSessions),
  row("heap after GC: baseline → final (MB)", `${s.baseline.heapMb} → ${s.final.heapMb} (${heapDelta >= 0 ? "+" : ""}${heapDelta})`),
  row("direct buffers: baseline → final (MB)", `${s.baseline.directMb} → ${s.final.directMb} (${directDelta >= 0 ? "+" : ""}${directDelta})`),
  row("live threads: baseline → final", `${s.baseline.threads} → ${s.final.threads}`),
  row("sessions left after the clients left", s.final.sessions),
  row("rooms left after the clients left", s.leftoverRooms),
  row("verdict", verdict),
  "",
  "![soak chart](soak-latest.png)",
  "",
].join("\n"));
JS
echo "results: $RESULTS/soak-latest.md, $RESULTS/soak-latest.png"
