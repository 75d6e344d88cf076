// Cross-node broadcast load generator: N official socket.io-client 4.x receivers
// (WebSocket) on node B join room "bench"; one sender on node A emits
// `to-room bench tick <sendTimestampNs> <seq>` at a fixed rate, so every message crosses
// Redis once and fans out to N receivers on B. Sender and receivers live in this one
// process and share its monotonic clock (process.hrtime), so the latency is end to end:
// the sender's emit to the receiver's event handler.
//
//   node cluster.mjs --a http://127.0.0.1:PA --b http://127.0.0.1:PB
//                    --pid-a PID --pid-b PID --pid-redis PID --out result.json
//                    [--receivers 500] [--rates 20,80,160,240] [--warmup 5] [--duration 20]
//                    [--drain 15] [--clk-tck 100]
//
// For each rate: a warm-up at that rate, then the measured window, then a drain (until
// every message of the window has reached every receiver, at most --drain seconds).
// Over the measured window it reads utime+stime of the three server processes from
// /proc/<pid>/stat, the machine's busy time from /proc/stat (to see other load), and the
// processes' RSS at its end. Only loopback targets are accepted; every phase is bounded.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { io } from "socket.io-client";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const URL_A = args.a;
const URL_B = args.b;
const PIDS = { a: args["pid-a"], b: args["pid-b"], redis: args["pid-redis"] };
const RECEIVERS = Number(args.receivers ?? 500);
const RATES = String(args.rates ?? "20,80,160,240").split(",").map(Number);
const WARMUP_S = Number(args.warmup ?? 5);
const DURATION_S = Number(args.duration ?? 20);
const DRAIN_S = Number(args.drain ?? 15);
const CLK_TCK = Number(args["clk-tck"] ?? 100);
const ROOM = "bench";

for (const url of [URL_A, URL_B]) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    console.error(`refusing non-loopback target ${host}`);
    process.exit(2);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const EPOCH = process.hrtime.bigint();
const nowNs = () => Number(process.hrtime.bigint() - EPOCH); // ns since EPOCH, < 2^53 for 104 days
const log = (...parts) => console.error(`[${(nowNs() / 1e9).toFixed(1)}s]`, ...parts);

// --- /proc readings ----------------------------------------------------------------------

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3 (state)
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function rssMb(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : NaN;
}

function machineTicks() {
  // first line of /proc/stat: cpu user nice system idle iowait irq softirq steal ...
  const values = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + values[4];
  const total = values.slice(0, 8).reduce((sum, v) => sum + v, 0);
  return { busy: total - idle, total };
}

function snapshot() {
  const ticks = {};
  for (const [name, pid] of Object.entries(PIDS)) ticks[name] = cpuTicks(pid);
  const self = process.cpuUsage();
  return { at: nowNs(), ticks, self: (self.user + self.system) / 1e6, machine: machineTicks() };
}

// --- receivers ---------------------------------------------------------------------------

// the step being measured: seq range [from, to) and per-delivery bookkeeping
let step = null;
let deliveriesTotal = 0; // every tick, any step or phase
let disconnects = 0;
let closing = false;
let connectErrors = 0;
const receivers = [];
let probesSeen = 0;

function onTick(index, ts, seq) {
  const now = nowNs();
  deliveriesTotal++;
  const s = step;
  if (s === null || seq < s.from || seq >= s.from + s.capacity) return;
  const slot = index * s.capacity + (seq - s.from);
  if (s.seen[slot]) {
    s.duplicates++;
    return;
  }
  s.seen[slot] = 1;
  s.latencies[s.delivered++] = (now - ts) / 1e6; // ms
  s.lastDeliveryAt = now;
}

function connectReceiver(index) {
  return new Promise((resolve) => {
    const socket = io(URL_B, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 20000 });
    let settled = false;
    const done = (ok) => {
      if (!settled) {
        settled = true;
        resolve(ok);
      }
    };
    socket.on("connect", () => socket.emit("join", ROOM, () => done(true)));
    socket.on("connect_error", () => {
      connectErrors++;
      done(false);
    });
    socket.on("disconnect", (reason) => {
      if (closing) return;
      disconnects++;
      if (disconnects <= 5) log(`receiver ${index} disconnected: ${reason}`);
    });
    socket.on("tick", (ts, seq) => onTick(index, ts, seq));
    socket.on("probe", () => {
      if (!socket.probed) {
        socket.probed = true;
        probesSeen++;
      }
    });
    receivers[index] = socket;
  });
}

function connectSender() {
  return new Promise((resolve, reject) => {
    const socket = io(URL_A, { transports: ["websocket"], forceNew: true, reconnection: false, timeout: 20000 });
    socket.on("connect", () => resolve(socket));
    socket.on("connect_error", (error) => reject(error));
    socket.on("disconnect", (reason) => log(`sender disconnected: ${reason}`));
  });
}

// --- sender ------------------------------------------------------------------------------

let nextSeq = 0;

// Sends `count` messages at `rate` on an absolute schedule (message k is due at
// start + k/rate; a late timer sends what is due at once), each stamped when emitted.
async function send(sender, rate, count) {
  const start = nowNs();
  const intervalNs = 1e9 / rate;
  let sent = 0;
  const deadline = start + (count / rate + 30) * 1e9;
  while (sent < count && nowNs() < deadline) {
    const due = Math.min(count, Math.floor((nowNs() - start) / intervalNs) + 1);
    while (sent < due) {
      sender.emit("to-room", ROOM, "tick", nowNs(), nextSeq++);
      sent++;
    }
    const nextDue = start + sent * intervalNs;
    await sleep(Math.max(0, Math.min(50, (nextDue - nowNs()) / 1e6)));
  }
  return { sent, seconds: (nowNs() - start) / 1e9 };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runStep(sender, rate, warmupS) {
  log(`rate ${rate} msg/s: warm-up ${warmupS} s`);
  await send(sender, rate, Math.round(rate * warmupS));

  const count = Math.round(rate * DURATION_S);
  const capacity = count;
  step = {
    from: nextSeq,
    capacity,
    seen: new Uint8Array(RECEIVERS * capacity),
    latencies: new Float64Array(RECEIVERS * capacity),
    delivered: 0,
    duplicates: 0,
    lastDeliveryAt: 0,
  };
  const s = step;
  const deliveriesBefore = deliveriesTotal;
  const disconnectsBefore = disconnects;
  const before = snapshot();
  log(`rate ${rate} msg/s: measuring ${DURATION_S} s`);
  const { sent, seconds } = await send(sender, rate, count);
  const after = snapshot();
  const deliveriesInWindow = deliveriesTotal - deliveriesBefore;
  const rss = Object.fromEntries(Object.entries(PIDS).map(([name, pid]) => [name, rssMb(pid)]));
  const sendEnd = after.at;

  const expected = sent * RECEIVERS;
  const drainDeadline = nowNs() + DRAIN_S * 1e9;
  while (s.delivered < expected && nowNs() < drainDeadline) await sleep(20);
  const drainedIn = (s.lastDeliveryAt - sendEnd) / 1e9;
  step = null;

  const windowS = (after.at - before.at) / 1e9;
  const cpu = Object.fromEntries(
    Object.keys(PIDS).map((name) => [name, (after.ticks[name] - before.ticks[name]) / CLK_TCK]),
  );
  const serverCpu = cpu.a + cpu.b + cpu.redis;
  const machineBusy = ((after.machine.busy - before.machine.busy) / CLK_TCK);
  const clientCpu = after.self - before.self;
  const sorted = s.latencies.subarray(0, s.delivered).sort();
  const result = {
    receivers: RECEIVERS,
    rate,
    windowS: round(windowS, 2),
    sent,
    sendRate: round(sent / seconds, 1),
    expected,
    delivered: s.delivered,
    undelivered: expected - s.delivered,
    duplicates: s.duplicates,
    offeredDps: Math.round(rate * RECEIVERS),
    achievedDps: Math.round(deliveriesInWindow / windowS),
    drainS: round(Math.max(0, drainedIn), 2),
    p50: round(percentile(sorted, 50), 2),
    p95: round(percentile(sorted, 95), 2),
    p99: round(percentile(sorted, 99), 2),
    max: round(sorted[sorted.length - 1], 2),
    cpuA: round(cpu.a, 2),
    cpuB: round(cpu.b, 2),
    cpuRedis: round(cpu.redis, 2),
    cpuClient: round(clientCpu, 2),
    cpuOther: round(Math.max(0, machineBusy - serverCpu - clientCpu), 2),
    machineCores: cpus().length,
    usPerDelivery: round((serverCpu / Math.max(1, deliveriesInWindow)) * 1e6, 2),
    rssA: round(rss.a, 1),
    rssB: round(rss.b, 1),
    rssRedis: round(rss.redis, 1),
    disconnects: disconnects - disconnectsBefore,
  };
  log(JSON.stringify(result));
  return result;
}

function round(value, digits) {
  return Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
}

async function main() {
  log(`connecting ${RECEIVERS} receivers to ${URL_B}`);
  const connectDeadline = Date.now() + 60_000;
  for (let i = 0; i < RECEIVERS && Date.now() < connectDeadline; i += 50) {
    const batch = [];
    for (let j = i; j < Math.min(RECEIVERS, i + 50); j++) batch.push(connectReceiver(j));
    await Promise.all(batch);
  }
  const joined = receivers.filter((socket) => socket && socket.connected).length;
  if (joined < RECEIVERS) throw new Error(`only ${joined} of ${RECEIVERS} receivers connected (${connectErrors} connect errors)`);
  const sender = await connectSender();

  // cross-node path ready: a probe through A reaches every receiver on B
  const probeDeadline = Date.now() + 15_000;
  while (probesSeen < RECEIVERS && Date.now() < probeDeadline) {
    sender.emit("to-room", ROOM, "probe");
    await sleep(200);
  }
  if (probesSeen < RECEIVERS) throw new Error(`probe reached ${probesSeen} of ${RECEIVERS} receivers through node A`);
  log(`${RECEIVERS} receivers on B reached through A`);

  const results = [];
  // the first step warms up three times as long (the JIT of a fresh JVM, V8's too)
  for (const [i, rate] of RATES.entries()) {
    results.push(await runStep(sender, rate, i === 0 ? 3 * WARMUP_S : WARMUP_S));
    await sleep(1000);
  }
  writeFileSync(args.out, JSON.stringify(results, null, 2));
  closing = true;
  sender.close();
  receivers.forEach((socket) => socket.close());
  process.exit(0);
}

const hardStop = setTimeout(
  () => {
    console.error("cluster bench exceeded its time bound");
    process.exit(1);
  },
  (120 + 2 * WARMUP_S + RATES.length * (WARMUP_S + DURATION_S + DRAIN_S + 35)) * 1000,
);
hardStop.unref();
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
