#!/usr/bin/env bash
# Cross-node broadcast benchmark: for each fleet (Java + Java: two sample-app conformance
# nodes with the Redis adapter; Node + Node: two reference-fixture.mjs nodes with
# @socket.io/redis-adapter), starts its own redis-server and nodes A and B on free
# loopback ports, and bench/cluster.mjs connects the receivers to B and sends through A
# at a few rates. Writes bench/results/cluster-latest.{md,csv}. Everything it starts, it
# stops (by PID).
#
#   bench/cluster.sh                                   # 500 receivers, 20 / 80 / 160 / 240 msg/s
#   RECEIVERS=200 RATES=100,200 DURATION=10 bench/cluster.sh
#   FLEETS=java JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/node-%p.jfr" bench/cluster.sh
#   ADAPTER=redis-streams bench/cluster.sh             # the Redis Streams adapter on both fleets
#                                                      # (@socket.io/redis-streams-adapter for Node);
#                                                      # writes cluster-latest-streams.{md,csv}
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RECEIVERS=${RECEIVERS:-500}
RATES=${RATES:-20,80,160,240}
WARMUP=${WARMUP:-5}
DURATION=${DURATION:-20}
DRAIN=${DRAIN:-15}
HEAP=${HEAP:-512m}
FLEETS=${FLEETS:-java node}
ADAPTER=${ADAPTER:-redis}
case "$ADAPTER" in
  redis) TAG="" ;;
  redis-streams) TAG="-streams" ;;
  *) echo "ADAPTER must be redis or redis-streams" >&2; exit 2 ;;
esac
RESULTS="$ROOT/bench/results"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/socketio-cluster-bench.XXXXXX")
mkdir -p "$RESULTS"
COMMAND="ADAPTER=$ADAPTER RECEIVERS=$RECEIVERS RATES=$RATES WARMUP=$WARMUP DURATION=$DURATION bench/cluster.sh"

if [ ! -f sample-app/target/sample-app.jar ]; then
  mvn -B -ntp -q -DskipTests package -pl sample-app -am
fi
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)
JS="$ROOT/sample-app/src/test/js"
if [ ! -d "$JS/node_modules/@socket.io/redis-streams-adapter" ]; then
  (cd "$JS" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
[ "$(ulimit -n)" -ge 4096 ] || ulimit -n 4096 2>/dev/null || echo "warning: open files limited to $(ulimit -n)"

# every process this script starts; stopped by PID on exit
PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# wait_for_log PID FILE PATTERN: until FILE contains PATTERN (at most 90 s)
wait_for_log() {
  for _ in $(seq 1 180); do
    grep -q "$3" "$2" 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || { echo "process $1 ended:"; tail -20 "$2"; return 1; }
    sleep 0.5
  done
  echo "timed out waiting for '$3' in $2"; tail -20 "$2"; return 1
}

start_node() { # KIND PORT REDIS_PORT LOG -> sets NODE_PID
  if [ "$1" = java ]; then
    java -Xmx"$HEAP" ${JAVA_OPTS:-} -jar sample-app/target/sample-app.jar \
      --spring.profiles.active=conformance --server.port="$2" --server.address=127.0.0.1 \
      --socketio.adapter.type="$ADAPTER" --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$3" \
      --socketio.ping-interval=25s --socketio.ping-timeout=20s \
      --logging.level.root=WARN --logging.level.io.github.springsocketio.sample=INFO >"$4" 2>&1 &
  else
    node "$JS/reference-fixture.mjs" "$2" --redis "127.0.0.1:$3" --adapter "$ADAPTER" --ping-interval 25000 --ping-timeout 20000 >"$4" 2>&1 &
  fi
  NODE_PID=$!
  PIDS+=("$NODE_PID")
}

# the machine may be shared: wait (at most 30 s) until the rest of it uses under half a core
QUIET_NOTES=()
wait_quiet() {
  local b0 t0 b1 t1 busy=0
  for _ in $(seq 1 15); do
    read -r b0 t0 < <(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
    sleep 2
    read -r b1 t1 < <(awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)
    busy=$(( (b1 - b0) * 100 * $(nproc) / (t1 - t0 + 1) ))
    [ "$busy" -lt 50 ] && { QUIET_NOTES+=("$1: other load ${busy}% of a core at the start"); return 0; }
  done
  QUIET_NOTES+=("$1: other load still ${busy}% of a core after 30 s, started anyway")
  echo "warning: the machine is busy (${busy}% of a core used by other processes)"
}

run_fleet() { # KIND
  local kind=$1 redis_port port_a port_b redis_pid pid_a pid_b
  wait_quiet "$kind"
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/$kind-redis.log" 2>&1 &
  redis_pid=$!
  PIDS+=("$redis_pid")
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  port_a=$(free_port)
  start_node "$kind" "$port_a" "$redis_port" "$WORK/$kind-a.log"
  pid_a=$NODE_PID
  port_b=$(free_port)
  while [ "$port_b" = "$port_a" ]; do port_b=$(free_port); done
  start_node "$kind" "$port_b" "$redis_port" "$WORK/$kind-b.log"
  pid_b=$NODE_PID
  wait_for_log "$pid_a" "$WORK/$kind-a.log" Started
  wait_for_log "$pid_b" "$WORK/$kind-b.log" Started
  echo "== $kind + $kind: A :$port_a (pid $pid_a), B :$port_b (pid $pid_b), redis :$redis_port (pid $redis_pid)"
  node bench/cluster.mjs --a "http://127.0.0.1:$port_a" --b "http://127.0.0.1:$port_b" \
    --pid-a "$pid_a" --pid-b "$pid_b" --pid-redis "$redis_pid" --out "$WORK/$kind.json" \
    --receivers "$RECEIVERS" --rates "$RATES" --warmup "$WARMUP" --duration "$DURATION" --drain "$DRAIN" \
    --clk-tck "$(getconf CLK_TCK)"
  stop_all
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date +%s)
for kind in $FLEETS; do run_fleet "$kind"; done
ELAPSED=$(( $(date +%s) - STARTED ))

QUIET=$(IFS=';'; echo "${QUIET_NOTES[*]}")
node - "$WORK" "$RESULTS" "$COMMAND" "$HEAP" "$LOAD_BEFORE" "$ELAPSED" "$WARMUP" "$DURATION" "$DRAIN" "$QUIET" "$ADAPTER" "$TAG" $FLEETS <<'JS'
const [work, results, command, heap, loadBefore, elapsed, warmup, duration, drain, quiet, adapter, tag, ...fleets] = process.argv.slice(2);
const fs = require("fs");
const os = require("os");
const { execFileSync } = require("child_process");
const names = { java: "Java + Java", node: "Node + Node" };
const rows = fleets.flatMap((kind) => JSON.parse(fs.readFileSync(`${work}/${kind}.json`, "utf8")).map((r) => ({ fleet: kind, ...r })));
const columns = ["fleet", "receivers", "rate", "windowS", "sent", "sendRate", "expected", "delivered", "undelivered",
  "duplicates", "offeredDps", "achievedDps", "drainS", "p50", "p95", "p99", "max", "cpuA", "cpuB", "cpuRedis",
  "cpuClient", "cpuOther", "usPerDelivery", "rssA", "rssB", "rssRedis", "disconnects"];
fs.writeFileSync(`${results}/cluster-latest${tag}.csv`, [columns.join(","), ...rows.map((r) => columns.map((c) => r[c]).join(","))].join("\n") + "\n");

const version = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim(); } catch (e) { return (e.stderr || "").toString().trim(); } };
const jdkLine = (require("child_process").spawnSync("java", ["-version"], { encoding: "utf8" }).stderr.match(/Runtime Environment \(build ([^)]+)\)/) || [])[1] || "?";
const jsDir = "sample-app/src/test/js/node_modules";
const pkg = (p) => { try { return JSON.parse(fs.readFileSync(p, "utf8")).version; } catch { return "?"; } };
const fmt = (n) => (n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"));
const pct = (r) => ((100 * r.achievedDps) / r.offeredDps).toFixed(0);
const lines = [
  `# Cluster broadcast result, adapter ${adapter} (${new Date().toISOString()})`,
  "",
  "One sender on node A emits `to-room bench tick <sendTimestampNs> <seq>` at a fixed rate; every",
  "message crosses Redis once and node B fans it out to all receivers (socket.io-client 4.x, WebSocket,",
  "room `bench`). Latency: the sender's emit to the receiver's handler, one client process and one",
  `monotonic clock. Per step: ${warmup} s warm-up at that rate (three times that before the first step: the JIT), ${duration} s measured, then at most ${drain} s drain.`,
  "",
  `Machine: ${os.cpus().length} cores (${os.cpus()[0].model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ${os.type()} ${os.release()};`,
  `JDK ${jdkLine} (\`-Xmx${heap}\`, default GC); Node.js ${process.version}; socket.io ${pkg(`${jsDir}/socket.io/package.json`)}, ` +
    (adapter === "redis-streams" ? `@socket.io/redis-streams-adapter ${pkg(`${jsDir}/@socket.io/redis-streams-adapter/package.json`)}`
      : `@socket.io/redis-adapter ${pkg(`${jsDir}/@socket.io/redis-adapter/package.json`)}`) + `, redis (node) ${pkg(`${jsDir}/redis/package.json`)}, ` +
    `socket.io-client ${pkg("bench/node_modules/socket.io-client/package.json")}; ${version("redis-server", ["--version"]).split(" sha")[0]}.`,
  `Load average before the run: ${loadBefore} (${quiet.split(";").join(", ")}); whole run ${elapsed} s. Both fleets run the conformance fixture with socket.io's default ping interval / timeout (25 s / 20 s) instead of its 300 ms / 200 ms.`,
  "",
  "Command:",
  "",
  `    ${command}`,
  "",
  "Everything shares the same cores: nodes A and B, redis-server and the load generator (which parses",
  "every delivery). CPU columns are seconds of CPU (utime + stime from `/proc/<pid>/stat`) during the",
  "measured window; \"other\" is the rest of the machine's busy time (processes outside the benchmark).",
  "server µs/delivery = (A + B + redis CPU) ÷ deliveries received in the window.",
  "The load generator is one Node.js process: it takes the copies of one message off the receivers' sockets one",
  "after another, so even without any queueing the last receiver sees a message about receivers × (its CPU per",
  "delivery) after the first; latency percentiles include that spread.",
  "",
];
for (const kind of fleets) {
  lines.push(`## ${names[kind]}`, "");
  lines.push("| receivers × msg/s | sent (rate) | delivered / expected | lost | dup | deliveries/s offered → achieved | latency p50 / p95 / p99 / max (ms) | CPU s A / B / redis / client / other | server µs/delivery | RSS A / B / redis (MB) | disconnects |");
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows.filter((row) => row.fleet === kind)) {
    lines.push(`| ${r.receivers} × ${r.rate} | ${fmt(r.sent)} (${r.sendRate}/s) | ${fmt(r.delivered)} / ${fmt(r.expected)} | ${fmt(r.undelivered)} | ${r.duplicates} | ${fmt(r.offeredDps)} → ${fmt(r.achievedDps)} (${pct(r)} %) | ${r.p50} / ${r.p95} / ${r.p99} / ${r.max} | ${r.cpuA} / ${r.cpuB} / ${r.cpuRedis} / ${r.cpuClient} / ${r.cpuOther} | ${r.usPerDelivery} | ${Math.round(r.rssA)} / ${Math.round(r.rssB)} / ${Math.round(r.rssRedis)} | ${r.disconnects} |`);
  }
  lines.push("");
}
lines.push("\"lost\": messages of the window that had not reached a receiver by the end of the drain;",
  "\"achieved\": every delivery received during the window (a backlog from the warm-up included) ÷ its length.", "");
fs.writeFileSync(`${results}/cluster-latest${tag}.md`, lines.join("\n"));
console.log(lines.join("\n"));
JS
echo "results: $RESULTS/cluster-latest$TAG.md, $RESULTS/cluster-latest$TAG.csv (logs in $WORK)"
