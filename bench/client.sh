#!/usr/bin/env bash
# The Java client's cost: acknowledgements per second and CPU per acknowledgement of one
# client process (ClientAckBench, socketio-client's test sources) against the sample
# app's conformance fixture on a free loopback port. With taskset, the server runs on
# CPU 0 and the client on CPU 1. Writes bench/results/client-latest.md.
#
#   bench/client.sh            # CONNECTIONS=10 IN_FLIGHT=10 DURATION=20 WARMUP=5
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-10}
IN_FLIGHT=${IN_FLIGHT:-10}
SECONDS_MEASURED=${DURATION:-20}
WARMUP=${WARMUP:-5}

mvn -B -ntp -q -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/classpath.txt -pl socketio-client,sample-app -am
CP="socketio-client/target/test-classes:socketio-client/target/classes:$(cat socketio-client/target/classpath.txt)"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SERVER_CPU=""; CLIENT_CPU=""
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  SERVER_CPU="taskset -c 0"; CLIENT_CPU="taskset -c 1"
fi
LOG=$(mktemp /tmp/client-bench-server-XXXX.log)
$SERVER_CPU java -Xmx512m -jar sample-app/target/sample-app.jar --spring.profiles.active=conformance \
  --server.port="$PORT" --server.address=127.0.0.1 --socketio.ping-interval=25s --socketio.ping-timeout=20s \
  >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do grep -q "Started" "$LOG" && break; sleep 0.5; done
grep -q "Started" "$LOG" || { echo "server did not start"; cat "$LOG"; exit 1; }

LINE=$($CLIENT_CPU java -Xmx256m -cp "$CP" io.github.springsocketio.javaclient.bench.ClientAckBench \
  "http://127.0.0.1:$PORT" "$CONNECTIONS" "$IN_FLIGHT" "$SECONDS_MEASURED" "$WARMUP" | tail -1)
echo "$LINE"

mkdir -p bench/results
{
  echo "# Java client: acknowledgements per second and CPU per acknowledgement"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1)."
  echo "One client process (${CLIENT_CPU:-unpinned}, -Xmx256m) against the sample app's conformance fixture"
  echo "(${SERVER_CPU:-unpinned}, -Xmx512m): $CONNECTIONS WebSocket connections, each with $IN_FLIGHT"
  echo "\`emitWithAck(\"message-with-ack\", \"ping\")\` in flight; ${WARMUP} s warm-up, ${SECONDS_MEASURED} s measured."
  echo "CPU is the client process's own (OperatingSystemMXBean.getProcessCpuTime)."
  echo
  echo "Command: \`bench/client.sh\` (CONNECTIONS=$CONNECTIONS IN_FLIGHT=$IN_FLIGHT DURATION=$SECONDS_MEASURED WARMUP=$WARMUP)"
  echo
  echo "    $LINE"
} > bench/results/client-latest.md
cat bench/results/client-latest.md
