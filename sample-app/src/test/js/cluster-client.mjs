// Drives socket.io-client 4.x against several nodes of one cluster (nodes sharing a Redis
// through the Redis adapter: the sample app with --socketio.adapter.type=redis, or
// reference-fixture.mjs --redis, in any mix) and checks that the conformance fixture's
// `to-room` and `broadcast` act on the whole cluster
// (/work/shared/conformance-fixture.md, "Several nodes").
//
//   node cluster-client.mjs <scenario> <args...> [--mode websocket|polling|upgrade]
//
// A and B are base URLs of two different nodes (http://127.0.0.1:3101). Clients connect
// with transports ["websocket"] unless --mode says otherwise (polling: long-polling only;
// upgrade: polling first, then the upgrade, awaited). Prints "PASS [<scenario>]" (plus
// details) and exits 0, or "FAIL [<scenario>]: reason" on stderr and exits 1. Every wait is
// bounded (6 s), and so is the whole run (30 s; 60 s for `outage`).
//
// Scenarios:
//   room A B           a on A joins room R (a random name with '#' and non-ASCII); b on B
//                      sends `to-room` R: a gets it, with strings, numbers (2^32, 2^53-1,
//                      negatives, fractions), booleans, null, nested objects and arrays
//                      equal; b and c (on B, not in R) get nothing. Then the reverse (b
//                      joins R2, a sends), and a socket id used as a room across nodes.
//   broadcast A B      `broadcast` from a client on A reaches the other client on A and
//                      both clients on B exactly once, never the sender; then from B.
//   binary A B         Buffers (empty, 3 bytes, 70 KB, nested in objects and arrays) by
//                      `to-room` and `broadcast` arrive byte-exact on the other node, both
//                      directions.
//   emitter R A        R is the Redis host:port. A @socket.io/redis-emitter in this
//                      process emits to a room of a client on A, to all, to `/custom`, with
//                      binary; in(room).socketsJoin(room2) then an emit to room2 reaches
//                      the client, socketsLeave stops it; disconnectSockets of a room
//                      disconnects its client (close false and true).
//   local A            two clients on A: `to-room` and `broadcast` between them work (what
//                      must keep working on one node while Redis is down).
//   room-after-restart A B
//                      cross-node `to-room` both ways, retried every 250 ms until it gets
//                      through (at most 20 s); prints how long it took. For after a Redis
//                      restart.
//   outage A B         the whole Redis outage with the same clients: checks cross-node
//                      delivery, prints the line KILL_REDIS and waits for the line
//                      REDIS_DOWN on stdin; sends cross-node (no expectation), checks local
//                      delivery on A and on B, keeps Redis down 4 s in all; prints
//                      RESTART_REDIS and waits for REDIS_UP; then cross-node delivery must
//                      resume (retried, at most 20 s) on the clients connected all along.
//   sticky L A B       L is a load balancer with session affinity in front of A and B
//                      (nginx ip_hash). Two clients through L with default transports
//                      (polling, then the upgrade) and one polling-only client through L,
//                      plus one client directly on A and one on B; all join R: `to-room`
//                      from a balanced client reaches all five, `broadcast` from each
//                      direct client reaches the four others, echoes work on polling.
//   websocket-only L A B
//                      L balances without affinity (round robin): four clients with
//                      transports ["websocket"] through L, plus one on A and one on B;
//                      `to-room` and `broadcast` reach all of them.
//   polling-without-affinity L
//                      a polling-only client through a balancer without affinity must
//                      fail to connect (the session's requests land on different nodes);
//                      PASS means it failed, as expected.
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { WAIT_MS, ack, assert, assertEqual, inbox, report, show, sleep, transportsFor, waitFor } from "./scenario-kit.mjs";

const require = createRequire(import.meta.url);
const { io } = require("socket.io-client");

const argv = process.argv.slice(2);
const modeIndex = argv.indexOf("--mode");
const mode = modeIndex >= 0 ? argv.splice(modeIndex, 2)[1] : "websocket";
const [scenario, ...args] = argv;

const RESUME_MS = 20000;
const OUTAGE_MS = 4000;
const DEADLINE_MS = scenario === "outage" ? 60000 : 30000;

const { pass, fail } = report(scenario, DEADLINE_MS);
if (!transportsFor[mode]) fail(`unknown mode ${mode}`);

function log(line) {
  console.log(`  ${line}`);
}

// --- clients ---------------------------------------------------------------------------

const STANDARD_EVENTS = ["connect", "disconnect", "connect_error", "auth", "message-back"];
const sockets = [];

/** A connected client; `socket.box` records `events` (and the standard ones). */
async function client(url, events = [], { transports = transportsFor[mode], nsp = "/" } = {}) {
  const socket = io(url + nsp, {
    transports,
    upgrade: transports.length > 1,
    forceNew: true,
    reconnection: false,
    timeout: WAIT_MS,
  });
  socket.box = inbox(socket, [...STANDARD_EVENTS, ...events]);
  socket.io.once("open", () => {
    socket.firstTransport = socket.io.engine.transport.name;
    socket.io.engine.once("upgrade", () => (socket.upgraded = true));
  });
  sockets.push(socket);
  const first = await Promise.race([
    socket.box.next("connect").then(() => null),
    socket.box.next("connect_error").then(([error]) => error),
  ]);
  if (first) throw new Error(`${url}${nsp}: connect_error ${first.message}`);
  if (transports.length > 1 && socket.io.engine.transport.name !== "websocket") {
    await waitFor(socket.io.engine, "upgrade");
  }
  await socket.box.next("auth");
  return socket;
}

function closeAll() {
  for (const socket of sockets) socket.disconnect();
}

// --- data ------------------------------------------------------------------------------

const tag = () => randomBytes(4).toString("hex");

/** Room names as users write them: '#', non-ASCII, digits only, spaces. */
const roomName = (kind = "café-#-ж") => `${kind}-${tag()}`;

const ARGS = [
  "hello from the other node",
  42,
  0,
  -1,
  -129,
  2 ** 32,
  2 ** 53 - 1,
  -(2 ** 31) - 1,
  0.5,
  -1.25,
  0.1,
  true,
  false,
  null,
  "",
  "€ and 😀, ünïcödé 日本語",
  { a: 1, b: { c: [1, "two", { d: null, e: false }] }, "ключ": "значение" },
  [1, [2, [3, []]], {}],
];

const blob = (n) => {
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 7 + 13) & 0xff;
  return bytes;
};

const BINARY_ARGS = [
  Buffer.alloc(0),
  Buffer.from([1, 2, 3]),
  blob(70 * 1024),
  { name: "nested", data: Buffer.from("binary nested"), list: [Buffer.from([0, 255]), "text", Buffer.alloc(0)] },
  "after the buffers",
];

// --- scenarios -------------------------------------------------------------------------

/** `from` sends `to-room` room; `to` gets it with `values`, each of `silent` gets nothing. */
async function deliver(from, room, to, values, silent = [], what = "to-room") {
  const event = `news-${tag()}`;
  for (const socket of [to, ...silent]) socket.box.watch(event);
  from.emit("to-room", room, event, ...values);
  assertEqual(await to.box.next(event), values, `${what}: '${event}' to room '${room}'`);
  for (const socket of silent) await socket.box.none(event, 300);
  await to.box.none(event, 0);
}

const scenarios = {
  async room([A, B]) {
    const a = await client(A);
    const b = await client(B);
    const c = await client(B);
    const r1 = roomName();
    assertEqual(await ack(a, "join", r1), [], `join '${r1}' acked`);
    await deliver(b, r1, a, ARGS, [b, c], "B -> A");
    const r2 = roomName("42");
    assertEqual(await ack(b, "join", r2), [], `join '${r2}' acked`);
    await deliver(a, r2, b, ARGS, [a, c], "A -> B");
    const r3 = roomName("中 🚀 spaces and #hash#");
    assertEqual(await ack(a, "join", r3), [], `join '${r3}' acked`);
    await deliver(c, r3, a, ["third"], [b, c], "B -> A, room with spaces");
    await deliver(b, a.id, a, ["to a socket id"], [b, c], "B -> A by socket id");
    await deliver(a, c.id, c, ["to a socket id"], [a, b], "A -> B by socket id");
    assertEqual(await ack(a, "leave", r1), [], `leave '${r1}' acked`);
    const gone = `gone-${tag()}`;
    a.box.watch(gone);
    b.emit("to-room", r1, gone, "after leave");
    await a.box.none(gone, 500);
    closeAll();
    return `rooms '${r1}', '${r2}', '${r3}' and socket ids across nodes, both ways; non-members untouched`;
  },

  async broadcast([A, B]) {
    const clients = [await client(A), await client(A), await client(B), await client(B)];
    for (const sender of [clients[0], clients[2]]) {
      const event = `shout-${tag()}`;
      clients.forEach((socket) => socket.box.watch(event));
      sender.emit("broadcast", event, "to everyone", { n: 7 }, [1.5, null]);
      for (const socket of clients.filter((s) => s !== sender)) {
        assertEqual(await socket.box.next(event), ["to everyone", { n: 7 }, [1.5, null]], `broadcast '${event}'`);
      }
      await sleep(500);
      for (const socket of clients) {
        await socket.box.none(event, 0);
      }
    }
    closeAll();
    return "from A and from B: every other client on both nodes exactly once, never the sender";
  },

  async binary([A, B]) {
    const a = await client(A);
    const b = await client(B);
    const ra = roomName("bin-#-ж");
    const rb = roomName("bin");
    await ack(a, "join", ra);
    await ack(b, "join", rb);
    await deliver(b, ra, a, BINARY_ARGS, [b], "binary B -> A");
    await deliver(a, rb, b, BINARY_ARGS, [a], "binary A -> B");
    for (const [sender, receiver] of [[a, b], [b, a]]) {
      const event = `blob-${tag()}`;
      [sender, receiver].forEach((socket) => socket.box.watch(event));
      sender.emit("broadcast", event, ...BINARY_ARGS);
      assertEqual(await receiver.box.next(event), BINARY_ARGS, `binary broadcast '${event}'`);
      await sender.box.none(event, 300);
    }
    closeAll();
    return "empty, 3 B, 70 KB and nested Buffers byte-exact by to-room and broadcast, both ways";
  },

  async emitter([redis, A]) {
    const { createClient } = require("redis");
    const { Emitter } = require("@socket.io/redis-emitter");
    const [host, port] = redis.split(":");
    const redisClient = createClient({ socket: { host, port: Number(port), reconnectStrategy: false } });
    redisClient.on("error", (error) => log(`redis: ${error.message}`));
    await redisClient.connect();
    try {
      const emitter = new Emitter(redisClient);
      const a = await client(A);
      const other = await client(A);
      const custom = await client(A, [], { nsp: "/custom" });
      const room = roomName("em-#-ж");
      await ack(a, "join", room);

      const news = `news-${tag()}`;
      [a, other, custom].forEach((s) => s.box.watch(news));
      emitter.to(room).emit(news, "from the emitter", { n: 1 });
      assertEqual(await a.box.next(news), ["from the emitter", { n: 1 }], "emitter to a room");
      await other.box.none(news, 300);
      await custom.box.none(news, 0);

      const all = `all-${tag()}`;
      [a, other, custom].forEach((s) => s.box.watch(all));
      emitter.emit(all, "to everyone", [1, 2]);
      for (const s of [a, other]) assertEqual(await s.box.next(all), ["to everyone", [1, 2]], "emitter to all");
      await custom.box.none(all, 300);

      const nsp = `nsp-news-${tag()}`;
      [a, custom].forEach((s) => s.box.watch(nsp));
      emitter.of("/custom").emit(nsp, "for /custom");
      assertEqual(await custom.box.next(nsp), ["for /custom"], "emitter to /custom");
      await a.box.none(nsp, 300);

      const bin = `blob-${tag()}`;
      a.box.watch(bin);
      emitter.to(room).emit(bin, ...BINARY_ARGS);
      assertEqual(await a.box.next(bin), BINARY_ARGS, "emitter binary to a room");

      const except = `except-${tag()}`;
      [a, other].forEach((s) => s.box.watch(except));
      emitter.except(room).emit(except, "not for the room");
      assertEqual(await other.box.next(except), ["not for the room"], "emitter except a room");
      await a.box.none(except, 300);

      const room2 = roomName("em-joined");
      const joined = `joined-${tag()}`;
      [a, other].forEach((s) => s.box.watch(joined));
      emitter.in(room).socketsJoin(room2);
      emitter.to(room2).emit(joined, "after socketsJoin");
      assertEqual(await a.box.next(joined), ["after socketsJoin"], "emit to room2 right after socketsJoin");
      await other.box.none(joined, 300);
      const rooms = (await ack(a, "rooms"))[0];
      assert(rooms.includes(room2), `rooms after socketsJoin: ${show(rooms)}`);

      const left = `left-${tag()}`;
      a.box.watch(left);
      emitter.in(room).socketsLeave(room2);
      emitter.to(room2).emit(left, "after socketsLeave");
      await a.box.none(left, 500);
      const roomsAfter = (await ack(a, "rooms"))[0];
      assert(!roomsAfter.includes(room2), `rooms after socketsLeave: ${show(roomsAfter)}`);

      emitter.in(room).disconnectSockets();
      assertEqual((await a.box.next("disconnect"))[0], "io server disconnect", "disconnectSockets(false) of the room");
      const kick = roomName("em-kick");
      await ack(other, "join", kick);
      emitter.in(kick).disconnectSockets(true);
      const [reason] = await other.box.next("disconnect");
      assert(["io server disconnect", "transport close"].includes(reason), `disconnectSockets(true): ${reason}`);
      assert(custom.connected, "/custom client untouched");
      closeAll();
      return `emitter: room '${room}', all, except, /custom, binary, socketsJoin/Leave, disconnectSockets (${reason})`;
    } finally {
      await redisClient.quit().catch(() => {});
    }
  },

  async local([A]) {
    return localDelivery(A);
  },

  async "room-after-restart"([A, B]) {
    const a = await client(A);
    const b = await client(B);
    const took = await crossNodeResumes(a, b);
    closeAll();
    return `cross-node delivery: ${took}`;
  },

  async outage([A, B]) {
    const a = await client(A);
    const b = await client(B);
    const ra = roomName("outage-a");
    const rb = roomName("outage-b");
    await ack(a, "join", ra);
    await ack(b, "join", rb);
    await deliver(b, ra, a, ["before the outage"], [b], "B -> A before the outage");
    await deliver(a, rb, b, ["before the outage"], [a], "A -> B before the outage");
    const lines = stdinLines();
    console.log("KILL_REDIS");
    await lines.next("REDIS_DOWN", 15000);
    const down = Date.now();
    // cross-node sends while Redis is down: no promise (at most once), but no harm either
    for (let i = 0; i < 5; i++) {
      b.emit("to-room", ra, `during-${tag()}`, i);
      a.emit("broadcast", `during-${tag()}`, i);
    }
    const localA = await localDelivery(A, false);
    const localB = await localDelivery(B, false);
    log(`Redis down: ${localA}; ${localB}`);
    // down long enough for a few reconnection attempts
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - down)));
    assert(a.connected && b.connected, "clients still connected while Redis is down");
    console.log("RESTART_REDIS");
    await lines.next("REDIS_UP", 15000);
    const took = await crossNodeResumes(a, b, ra, rb);
    assert(a.connected && b.connected, "clients connected all along");
    closeAll();
    return `local delivery while Redis was down; cross-node delivery back after the restart: ${took}`;
  },

  async sticky([L, A, B]) {
    const balanced = [await client(L, [], { transports: ["polling", "websocket"] }),
      await client(L, [], { transports: ["polling", "websocket"] })];
    const pollingOnly = await client(L, [], { transports: ["polling"] });
    const direct = [await client(A), await client(B)];
    for (const s of balanced) {
      assert(s.firstTransport === "polling" && s.upgraded && s.io.engine.transport.name === "websocket",
        `balanced client went ${s.firstTransport} -> ${s.io.engine.transport.name}`);
    }
    assert(pollingOnly.io.engine.transport.name === "polling", "polling-only client on polling");
    // many polling round trips through the balancer, all on the session's node
    for (let i = 0; i < 10; i++) {
      pollingOnly.emit("message", "echo", i);
      assertEqual(await pollingOnly.box.next("message-back"), ["echo", i], "polling echo through the balancer");
    }
    const all = [...balanced, pollingOnly, ...direct];
    const room = roomName("sticky-#-ж");
    for (const s of all) await ack(s, "join", room);
    const event = `news-${tag()}`;
    all.forEach((s) => s.box.watch(event));
    balanced[0].emit("to-room", room, event, "through the balancer", { n: 1 }, Buffer.from([1, 2, 3]));
    for (const s of all) {
      assertEqual(await s.box.next(event), ["through the balancer", { n: 1 }, Buffer.from([1, 2, 3])], "to-room from a balanced client");
    }
    for (const sender of direct) {
      const shout = `shout-${tag()}`;
      all.forEach((s) => s.box.watch(shout));
      sender.emit("broadcast", shout, "from a node directly");
      for (const s of all.filter((x) => x !== sender)) {
        assertEqual(await s.box.next(shout), ["from a node directly"], "broadcast from a direct client");
      }
      await sleep(300);
      for (const s of all) await s.box.none(shout, 0);
    }
    assert(all.every((s) => s.connected), "everyone still connected");
    closeAll();
    return "polling -> websocket upgrade and polling-only through the balancer; to-room and broadcast reach clients on both nodes";
  },

  async "websocket-only"([L, A, B]) {
    const balanced = [];
    for (let i = 0; i < 4; i++) balanced.push(await client(L, [], { transports: ["websocket"] }));
    const direct = [await client(A), await client(B)];
    const all = [...balanced, ...direct];
    const room = roomName("ws-only");
    for (const s of all) await ack(s, "join", room);
    const event = `news-${tag()}`;
    all.forEach((s) => s.box.watch(event));
    balanced[0].emit("to-room", room, event, "round robin", Buffer.from([9]));
    for (const s of all) assertEqual(await s.box.next(event), ["round robin", Buffer.from([9])], "to-room");
    const shout = `shout-${tag()}`;
    all.forEach((s) => s.box.watch(shout));
    balanced[1].emit("broadcast", shout, "everyone");
    for (const s of all.filter((x) => x !== balanced[1])) assertEqual(await s.box.next(shout), ["everyone"], "broadcast");
    await sleep(300);
    for (const s of all) await s.box.none(shout, 0);
    closeAll();
    return "WebSocket-only clients through a balancer without affinity: to-room and broadcast reach everyone";
  },

  async "polling-without-affinity"([L]) {
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      try {
        const s = await client(L, [], { transports: ["polling"] });
        // connected by chance (consecutive requests on one node): keep polling
        for (let j = 0; j < 5 && s.connected; j++) {
          s.emit("message", j);
          await Promise.race([s.box.next("message-back", 2000), s.box.next("disconnect", 2000)]);
        }
        outcomes.push(s.connected ? "worked" : "dropped");
      } catch (error) {
        outcomes.push(`failed (${error.message})`);
      }
    }
    closeAll();
    assert(outcomes.some((o) => o !== "worked"), `all polling clients worked without affinity: ${outcomes}`);
    return `polling without affinity: ${outcomes.join(", ")}`;
  },
};

async function localDelivery(A, close = true) {
  const x = await client(A);
  const y = await client(A);
  const room = roomName("local-#-ж");
  await ack(y, "join", room);
  await deliver(x, room, y, ["same node", { n: 1 }, Buffer.from([4, 5])], [x], `local to-room on ${A}`);
  const event = `shout-${tag()}`;
  y.box.watch(event);
  x.emit("broadcast", event, "same node");
  assertEqual(await y.box.next(event), ["same node"], `local broadcast on ${A}`);
  if (close) closeAll();
  else [x, y].forEach((s) => s.disconnect());
  return `local to-room and broadcast on ${A}`;
}

/** Retries cross-node `to-room` both ways until each gets through; returns the time. */
async function crossNodeResumes(a, b, ra = null, rb = null) {
  const started = Date.now();
  if (!ra) {
    ra = roomName("resume-a");
    await ack(a, "join", ra);
  }
  if (!rb) {
    rb = roomName("resume-b");
    await ack(b, "join", rb);
  }
  const times = [];
  for (const [from, room, to, direction] of [[b, ra, a, "B -> A"], [a, rb, b, "A -> B"]]) {
    const event = `resume-${tag()}`;
    to.box.watch(event);
    let attempt = 0;
    let got = null;
    while (!got && Date.now() - started < RESUME_MS) {
      from.emit("to-room", room, event, attempt++);
      got = await to.box.next(event, 250).catch(() => null);
    }
    assert(got, `no cross-node delivery ${direction} within ${RESUME_MS} ms after ${attempt} attempts`);
    times.push(`${direction} after ${Date.now() - started} ms`);
    // messages of the outage may still come (at most once); a fresh one must arrive once
    await sleep(300);
    to.box.drain(event);
    await deliver(from, room, to, ["after the outage", 1], [from], "cross-node after the outage");
  }
  return times.join(", ");
}

/** Lines read from stdin, awaited by content. */
function stdinLines() {
  const seen = [];
  const waiting = [];
  createInterface({ input: process.stdin }).on("line", (line) => {
    seen.push(line.trim());
    for (const w of [...waiting]) w();
  });
  return {
    next(expected, ms) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (seen.includes(expected)) {
            clearTimeout(timer);
            waiting.splice(waiting.indexOf(check), 1);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(check), 1);
          reject(new Error(`no line ${expected} on stdin within ${ms} ms`));
        }, ms);
        waiting.push(check);
        check();
      });
    },
  };
}

const run = scenarios[scenario];
if (!run) fail(`unknown scenario '${scenario}'`);
try {
  pass(await run(args));
} catch (error) {
  fail(error && error.stack ? error.stack : String(error));
}
