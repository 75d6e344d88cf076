// Soak load generator: thousands of official socket.io-client 4.x connections (WebSocket
// and HTTP long-polling) join rooms, chat and churn against the sample app's conformance
// fixture for a bounded time, while the server's sessions, heap, direct memory and
// threads are sampled through its actuator every second.
//
//   node soak.mjs --url http://127.0.0.1:PORT --pid SERVER_PID --out results/soak.csv
//                 [--clients 2000] [--websocket-share 0.7] [--rooms 100]
//                 [--steady 60] [--chat-interval 5] [--churn 10]
//
// Only loopback targets are accepted. Every phase is bounded; the run always ends.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { io } from "socket.io-client";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const url = args.url;
const pid = args.pid;
const out = args.out;
const CLIENTS = Number(args.clients ?? 2000);
const WS_SHARE = Number(args["websocket-share"] ?? 0.7);
const ROOMS = Number(args.rooms ?? 100);
const STEADY_S = Number(args.steady ?? 60);
const CHAT_INTERVAL_MS = Number(args["chat-interval"] ?? 5) * 1000;
const CHURN_PER_S = Number(args.churn ?? 10);
const BASELINE_S = 10;
const COOLDOWN_S = 20;
const RAMP_BATCH = 100;

const host = new URL(url).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
  console.error(`refusing non-loopback target ${host}`);
  process.exit(2);
}

const started = Date.now();
let phase = "baseline";
const rows = [];
const stats = { sent: 0, received: 0, connectErrors: 0, churned: 0, maxSessions: 0 };
const clients = new Set();
let nextId = 0;

async function metric(name, tag) {
  const response = await fetch(`${url}/actuator/metrics/${name}${tag ? `?tag=${tag}` : ""}`);
  if (!response.ok) return NaN;
  const body = await response.json();
  return body.measurements.find((m) => m.statistic === "VALUE")?.value ?? body.measurements[0].value;
}

async function serverState() {
  const response = await fetch(`${url}/actuator/socketio`);
  const body = response.ok ? await response.json() : {};
  return body;
}

async function sample() {
  const [sessions, heap, direct, threads] = await Promise.all([
    metric("socketio.clients"),
    metric("jvm.memory.used", "area:heap"),
    metric("jvm.buffer.memory.used", "id:direct"),
    metric("jvm.threads.live"),
  ]);
  stats.maxSessions = Math.max(stats.maxSessions, sessions || 0);
  const row = {
    time_s: ((Date.now() - started) / 1000).toFixed(1),
    phase,
    clients: [...clients].filter((c) => c.connected).length,
    sessions,
    heap_mb: (heap / 1048576).toFixed(1),
    direct_mb: (direct / 1048576).toFixed(2),
    threads,
  };
  rows.push(row);
  return row;
}

function gc() {
  if (pid) execFileSync("jcmd", [String(pid), "GC.run"], { stdio: "ignore" });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function connect() {
  const id = nextId++;
  const room = `room-${id % ROOMS}`;
  const transports = Math.random() < WS_SHARE ? ["websocket"] : ["polling"];
  const socket = io(url, { transports, forceNew: true, reconnection: false, timeout: 20000 });
  socket.on("connect", () => socket.emit("join", room, () => {}));
  socket.on("connect_error", () => stats.connectErrors++);
  socket.on("chat", () => stats.received++);
  socket.chat = setInterval(() => {
    if (socket.connected) {
      socket.emit("to-room", room, "chat", { from: id, text: "hello from " + id, at: Date.now() });
      stats.sent++;
    }
  }, CHAT_INTERVAL_MS + Math.floor(Math.random() * 1000));
  clients.add(socket);
  return socket;
}

function close(socket) {
  clearInterval(socket.chat);
  socket.close();
  clients.delete(socket);
}

const sampler = setInterval(() => sample().catch(() => {}), 1000);

async function main() {
  gc();
  await sleep(BASELINE_S * 1000);
  gc();
  await sleep(500);
  const baseline = await sample();

  phase = "ramp-up";
  while (clients.size < CLIENTS) {
    for (let i = 0; i < RAMP_BATCH && clients.size < CLIENTS; i++) connect();
    await sleep(200);
  }
  const rampDeadline = Date.now() + 60_000;
  while ([...clients].filter((c) => c.connected).length < CLIENTS * 0.99 && Date.now() < rampDeadline) {
    await sleep(500);
  }

  phase = "steady";
  const steadyEnd = Date.now() + STEADY_S * 1000;
  while (Date.now() < steadyEnd) {
    const victims = [...clients].sort(() => Math.random() - 0.5).slice(0, CHURN_PER_S);
    victims.forEach((socket) => {
      close(socket);
      connect();
      stats.churned++;
    });
    await sleep(1000);
  }

  phase = "ramp-down";
  [...clients].forEach(close);
  const drainDeadline = Date.now() + 30_000;
  while (Date.now() < drainDeadline) {
    const row = await sample();
    if (row.sessions === 0) break;
    await sleep(500);
  }

  phase = "cool-down";
  await sleep(COOLDOWN_S * 1000);
  gc();
  await sleep(1000);
  const final = await sample();
  const state = await serverState().catch(() => ({}));
  clearInterval(sampler);

  const header = "time_s,phase,clients,sessions,heap_mb,direct_mb,threads";
  writeFileSync(out, [header, ...rows.map((r) => header.split(",").map((k) => r[k]).join(","))].join("\n") + "\n");
  const summary = {
    clients: CLIENTS,
    websocketShare: WS_SHARE,
    steadySeconds: STEADY_S,
    messagesSent: stats.sent,
    messagesReceived: stats.received,
    churned: stats.churned,
    connectErrors: stats.connectErrors,
    maxSessions: stats.maxSessions,
    baseline: { heapMb: Number(baseline.heap_mb), directMb: Number(baseline.direct_mb), threads: baseline.threads },
    final: { heapMb: Number(final.heap_mb), directMb: Number(final.direct_mb), threads: final.threads, sessions: final.sessions },
    leftoverRooms: countRooms(state),
  };
  console.log(JSON.stringify(summary));
  process.exit(0);
}

function countRooms(state) {
  // every room of every namespace still known to the server (each socket's own-id room
  // included, when the endpoint lists them)
  let rooms = 0;
  for (const namespace of Object.values(state.namespaces ?? {})) {
    rooms += Array.isArray(namespace.rooms) ? namespace.rooms.length : Object.keys(namespace.rooms ?? {}).length;
  }
  return rooms;
}

const hardStop = setTimeout(() => {
  console.error("soak exceeded its time bound");
  process.exit(1);
}, (BASELINE_S + STEADY_S + COOLDOWN_S + 180) * 1000);
hardStop.unref();
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
