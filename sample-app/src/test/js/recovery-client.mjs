// Connection state recovery with the official socket.io-client 4.x against the fixture
// started with --socketio.connection-state-recovery.enabled=true:
//
//   node recovery-client.mjs <polling|websocket> <http://host:port>
//        [<http://other-node> --redis <host>:<port>]
//
// Client A joins room "r"; B sends "news" to it. A's transport is cut
// (socket.io.engine.close(), as the reference's own tests do); while A is away B sends
// more. A reconnects by itself and must be recovered: same socket id, still in "r",
// `socket.recovered === true`, every missed event received exactly once and in order.
// With a second URL (two nodes of a cluster on the Redis Streams adapter, Java or Node.js):
// A starts on the first node, B is on the second, and A comes back on the second node
// (a new socket.io-client Manager carrying A's pid and offset, as a balancer moving the
// client would), once the first node has stored A's session (sio:session:<pid> in Redis).
// Prints PASS/FAIL like the other scenario scripts; every wait is bounded.
import { io } from "socket.io-client";

const argv = process.argv.slice(2);
const redisIndex = argv.indexOf("--redis");
const redisAddress = redisIndex >= 0 ? argv.splice(redisIndex, 2)[1] : undefined;
const [mode, url, otherUrl] = argv;
const transports = mode === "polling" ? ["polling"] : ["websocket"];
const WAIT_MS = 6000;
const fail = (message) => {
  console.error(`FAIL [recovery ${mode}]: ${message}`);
  process.exit(1);
};
setTimeout(() => fail("no result within 25 s"), 25000).unref();

const waitFor = (emitter, event, ms = WAIT_MS) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
const ack = (socket, ...args) =>
  new Promise((resolve, reject) => {
    socket.timeout(WAIT_MS).emit(...args, (err, ...answer) => (err ? reject(err) : resolve(answer)));
  });
const until = async (condition, what) => {
  const deadline = Date.now() + WAIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Waits until the first node has stored the session of `pid` (cross-node runs only). */
async function sessionStored(pid) {
  const { createClient } = await import("redis");
  const [host, port] = redisAddress.split(":");
  const redis = createClient({ socket: { host, port: Number(port) } });
  await redis.connect();
  try {
    const deadline = Date.now() + WAIT_MS;
    while (!(await redis.exists(`sio:session:${pid}`))) {
      if (Date.now() > deadline) throw new Error(`session ${pid} not stored in Redis within ${WAIT_MS} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await redis.quit();
  }
}

async function main() {
  const crossNode = otherUrl !== undefined;
  if (crossNode && !redisAddress) fail("a second node needs --redis <host>:<port>");
  let a = io(url, { transports, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 200 });
  const b = io(crossNode ? otherUrl : url, { transports, forceNew: true });
  const news = [];
  a.on("news", (n) => news.push(n));
  await Promise.all([waitFor(a, "connect"), waitFor(b, "connect")]);
  if (a.recovered) throw new Error("a fresh connection claims to be recovered");
  await ack(a, "join", "r");
  const idBefore = a.id;

  b.emit("to-room", "r", "news", 1);
  await until(() => news.length === 1, "news 1");

  const disconnected = waitFor(a, "disconnect");
  if (crossNode) a.io.reconnection(false);
  a.io.engine.close();
  const [reason] = await disconnected;
  for (let n = 2; n <= 4; n++) b.emit("to-room", "r", "news", n);
  await ack(b, "rooms"); // B's events have been handled by the server

  if (crossNode) {
    await sessionStored(a._pid);
    const moved = io(otherUrl, { transports, forceNew: true, autoConnect: false });
    moved._pid = a._pid;
    moved._lastOffset = a._lastOffset;
    moved.on("news", (n) => news.push(n));
    a = moved;
    a.connect();
  }
  await waitFor(a, "connect", 10000);
  if (!a.recovered) throw new Error(`not recovered (id ${a.id}, before ${idBefore})`);
  if (a.id !== idBefore) throw new Error(`socket id changed: ${idBefore} -> ${a.id}`);
  await until(() => news.length >= 4, "the missed news");
  await new Promise((r) => setTimeout(r, 200)); // nothing is delivered twice
  if (JSON.stringify(news) !== "[1,2,3,4]") throw new Error(`news received: ${JSON.stringify(news)}`);
  const [rooms] = await ack(a, "rooms");
  if (!rooms.includes("r") || !rooms.includes(a.id)) throw new Error(`rooms after recovery: ${rooms}`);

  b.emit("to-room", "r", "news", 5);
  await until(() => news.length === 5, "news after recovery");
  a.close();
  b.close();
  console.log(`PASS [recovery ${mode}${crossNode ? " across nodes" : ""}]: disconnected with '${reason}', recovered ${idBefore}, news ${JSON.stringify(news)}`);
  process.exit(0);
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
