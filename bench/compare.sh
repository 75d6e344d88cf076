#!/usr/bin/env bash
# Paired comparison with Node.js socket.io 4.8.4 on the shared benchmark harness
# (../shared/bench, see its README): every scenario runs against both servers, pinned
# to one core each in turn, with interleaved repetitions; the table gives this project's
# figures as ratios to Node's. The harness is copied to a scratch folder (it writes
# results/ and node_modules/ beside itself); the summary lands in
# bench/results/compare-latest.md, the raw results stay in the scratch folder. On the echo
# scenarios two more lines show what two choices cost: java-offload runs plain controller
# methods on boundedElastic (socketio.controllers.executor=bounded-elastic; the default
# runs them on the event loop, as WebFlux does), java-noobs turns the Socket.IO
# observations off (management.observations.enable.socketio=false; the sample app has the
# actuator, so they are on by default).
#
#   bench/compare.sh                                  # all six scenarios, 3 repetitions (~20 min)
#   bench/compare.sh --scenarios echo-1000,polling-100 --reps 1
#   HARNESS=/path/to/bench JAVA_OPTS="-XX:+UseParallelGC" bench/compare.sh
#
# Extra arguments go to the harness's run.sh. Only loopback ports are used.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
HARNESS=${HARNESS:-$ROOT/../shared/bench}
JAR="$ROOT/sample-app/target/sample-app.jar"
JAVA_OPTS=${JAVA_OPTS:-}
[ -f "$HARNESS/run.sh" ] || { echo "no benchmark harness at $HARNESS (set HARNESS)" >&2; exit 2; }
if [ ! -f "$JAR" ] || [ "${BUILD:-0}" = 1 ]; then
  mvn -B -ntp -q -DskipTests package
fi
WORK=$(mktemp -d)/bench
cp -r "$HARNESS" "$WORK"
chmod -R u+w "$WORK"
(cd "$WORK" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# what a user of the starter gets: the conformance fixture (annotated controllers), the
# reference's heartbeat, and a connect timeout that lets a cold JVM handle the CONNECTs
JAVA_LINE="java-project|v4|all|java $JAVA_OPTS -jar $JAR --spring.profiles.active=conformance --server.port={PORT}"
JAVA_LINE+=" --socketio.ping-interval=25s --socketio.ping-timeout=20s --socketio.connect-timeout=45s"
# the same app on the echo scenarios only: with the hand-off of every plain controller
# method to boundedElastic, and without the observations
OFFLOAD_LINE="java-offload|v4|echo|${JAVA_LINE#*|v4|all|} --socketio.controllers.executor=bounded-elastic"
NOOBS_LINE="java-noobs|v4|echo|${JAVA_LINE#*|v4|all|} --management.observations.enable.socketio=false"
(cd "$WORK" && bash run.sh --only node-sio,java-project,java-offload,java-noobs --server "$JAVA_LINE" \
  --server "$OFFLOAD_LINE" --server "$NOOBS_LINE" "$@")
RUN=$(ls -td "$WORK"/results/*/ | head -1)
mkdir -p "$ROOT/bench/results"
{
  echo "# Paired run: this project vs Node.js socket.io"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m), $(java -version 2>&1 | head -1), node $(node --version)"
  echo
  echo "Command: \`bench/compare.sh $*\` (raw results: $RUN)"
  echo
  cat "$RUN/summary.md"
} > "$ROOT/bench/results/compare-latest.md"
echo "summary: bench/results/compare-latest.md"
