// Drives the official socket.io-client (4.x, and 2.x as `socket.io-client2`, which speaks
// EIO=3) against the Socket.IO side of the conformance fixture
// (/work/shared/conformance-fixture.md; reference-fixture.mjs is the same fixture written
// with the Node.js socket.io 4.8 server, and every scenario passes against it).
//
//   node socketio-client.mjs <4|2> <scenario> <polling|websocket|upgrade> <http://host:port> [msgpack]
//
// Modes: transports ["polling"], ["websocket"], or ["polling","websocket"] with the
// upgrade, in which case every scenario first waits until the engine runs on WebSocket.
// Prints "PASS [v<client> <scenario> <mode>]" (plus details) and exits 0, or prints
// "FAIL [v<client> <scenario> <mode>]: reason" on stderr and exits 1. Every wait is
// bounded, and so is the whole run (8 s; 28 s for `reconnect`).
//
// With `msgpack` (4.x only) the clients use socket.io-msgpack-parser 3.x, for a server
// started with it (the sample app with --socketio.parser=msgpack, reference-fixture.mjs
// with --parser msgpack), and the label ends with " msgpack".
//
// Scenarios (fixture rows they check):
//   connect-auth       `auth` on connection echoes the CONNECT auth payload, {} when none
//                      (2.x has no auth: always {})
//   message-echo       `message` -> `message-back`, `message-with-ack` -> ack: strings,
//                      numbers, booleans, null, nested objects/arrays, multi-byte UTF-8,
//                      no args, several args, 100 kB, a burst of 20 in order
//   binary             Buffers at top level, nested in objects and arrays, several
//                      attachments, empty, 100 kB; both via `message-back` and via the ack
//   ack                client -> server acks with 0..n args, 10 acks in flight;
//                      4.x also emitWithAck() and timeout().emit()
//   server-ack         `ask` -> the client acks (also with a Buffer) -> `ask-result`;
//                      not acking -> `ask-timeout` after ~1 s and no `ask-result`
//   rooms              `join`/`leave` ack, `rooms` = sorted rooms incl. the own id,
//                      `to-room` reaches the room's sockets (the sender when in it), nobody
//                      else; a socket's own id works as a room
//   broadcast          three clients: every socket of `/` but the sender, binary too
//   handshake          `handshake` acks {auth, query}: query = the first HTTP request's
//                      parameters (EIO, transport, custom ones from the `query` option)
//   slow               `slow` 500 then 50: the 50 ms ack comes first; a `message` sent
//                      after `slow 500` is echoed before that ack
//   throw              after `throw` (twice) the socket stays connected and is served
//   disconnect-me      `disconnect` with "io server disconnect", no reconnection; the
//                      underlying connection closes (a second namespace on it goes too)
//   custom-namespace   `/custom` emits `auth` with the auth payload (2.x: its query)
//   protected          `/protected` refuses without token "secret": 4.x `connect_error`
//                      "unauthorized" with data {reason:"bad token"}; 2.x `error` event
//                      with {reason:"bad token"}; admitted with auth (2.x: query) token
//   dynamic            `/dynamic-42` connects, `whoami` acks "/dynamic-42"; `/dynamic-x`
//                      is refused as an invalid namespace
//   invalid-namespace  `/nope` refused (4.x `connect_error` "Invalid namespace"; 2.x
//                      `error` {message:"Invalid namespace"}); `/` on the same connection
//                      is unaffected
//   multiplex          one Manager: `/`, `/custom`, `/dynamic-1` over one Engine.IO
//                      connection; closing one socket leaves the others working
//   connect-timeout    raw engine.io-client on /socket.io/ that never sends a CONNECT:
//                      EIO=4 closed by the server after ~1 s; EIO=3 (2.x) is connected to
//                      `/` by the server at once (it sends "0") and stays open
//   reconnect          connects, prints a line READY_FOR_RESTART, then waits (15 s) for
//                      `disconnect` ("transport close"/"transport error"), then for the
//                      automatic reconnection (10 s), then checks `auth` and an echo
//
// The READY_FOR_RESTART protocol (scenario `reconnect` only): once the client is connected
// (and upgraded in upgrade mode) and an echo worked, the script prints exactly the line
// READY_FOR_RESTART on stdout. The harness then stops the server and starts it again on the
// same port, within 15 s. The client reconnects by itself (reconnectionDelay 100 ms,
// reconnectionDelayMax 500 ms) and the script prints PASS or FAIL as usual.
import { createRequire } from "node:module";
import { WAIT_MS, ack, assert, assertEqual, inbox, report, show, sleep, transportsFor, waitFor } from "./scenario-kit.mjs";

const require = createRequire(import.meta.url);
const [clientVersion, scenario, mode, baseUrl, parserName] = process.argv.slice(2);
const V4 = clientVersion === "4";
const MSGPACK = parserName === "msgpack";
const DEADLINE_MS = scenario === "reconnect" ? 28000 : 20000;

const { pass, fail } = report(`v${clientVersion} ${scenario} ${mode}${MSGPACK ? " msgpack" : ""}`, DEADLINE_MS);

// --- clients ---------------------------------------------------------------------------

const lookup = () => (V4 ? require("socket.io-client").io : require("socket.io-client2"));
const ManagerClass = () => (V4 ? require("socket.io-client").Manager : require("socket.io-client2").Manager);

function baseOptions(extra = {}) {
  return {
    transports: transportsFor[mode],
    upgrade: mode === "upgrade",
    forceNew: true,
    reconnection: false,
    timeout: WAIT_MS,
    ...(MSGPACK ? { parser: require("socket.io-msgpack-parser") } : {}),
    ...extra,
  };
}

// The events every socket records from the start, so that none is missed whatever the
// order in which the scenario waits for them.
const STANDARD_EVENTS = ["connect", "disconnect", "connect_error", "error", "auth", "message-back"];

/** A new client (own Manager) on a namespace; `socket.box` holds what it received. */
function client(nsp = "/", extra = {}, events = []) {
  const socket = lookup()(baseUrl + nsp, baseOptions(extra));
  socket.box = inbox(socket, [...STANDARD_EVENTS, ...events]);
  return socket;
}

/** A Manager (one Engine.IO connection) for several namespaces. */
function manager(extra = {}) {
  const Manager = ManagerClass();
  return new Manager(baseUrl, baseOptions(extra));
}

function managed(io, nsp, extra = {}, events = []) {
  const socket = io.socket(nsp, extra);
  socket.box = inbox(socket, [...STANDARD_EVENTS, ...events]);
  return socket;
}

/** Connected, and in upgrade mode running on WebSocket. Returns the `auth` payload. */
async function ready(socket, { auth = true } = {}) {
  await socket.box.next("connect");
  await onTransport(socket.io.engine);
  if (!socket.connected) throw new Error("socket not connected after 'connect'");
  return auth ? (await socket.box.next("auth"))[0] : undefined;
}

async function onTransport(engine) {
  const expected = mode === "polling" ? "polling" : "websocket";
  if (mode === "upgrade" && engine.transport.name !== "websocket") await waitFor(engine, "upgrade");
  if (engine.transport.name !== expected) throw new Error(`transport is ${engine.transport.name}, expected ${expected}`);
}

function notApplicable(what) {
  return `(not applicable to 2.x: ${what})`;
}

// --- data ------------------------------------------------------------------------------

const PAYLOADS = [
  ["hello"],
  [42],
  [-7.25],
  [0],
  [true],
  [false],
  [null],
  [""],
  ["€ and 😀, multi-byte ünïcödé 日本語"],
  [{ a: 1, b: { c: [1, "two", { d: null, e: false }] }, "ключ": "значение" }],
  [[1, [2, [3, []]], {}]],
  [],
  ["several", 1, { two: 2 }, [3], null, true, "😀"],
  ["x".repeat(100_000)],
];

const BINARY_PAYLOADS = [
  [Buffer.from([0, 1, 2, 3, 255])],
  [{ file: Buffer.from("a file"), name: "f.txt", size: 6 }],
  [[Buffer.from([9]), "between", Buffer.from([8, 7])]],
  [Buffer.from([1]), { nested: { deeper: [Buffer.from([2, 2]), { bytes: Buffer.from([3, 3, 3]) }] } }, "text", 7],
  [Buffer.alloc(0)],
  [Buffer.alloc(100_000, 0xab)],
];

async function echoBoth(socket, args, what) {
  socket.emit("message", ...args);
  assertEqual(await socket.box.next("message-back"), args, `${what} via message-back`);
  assertEqual(await ack(socket, "message-with-ack", ...args), args, `${what} via ack`);
}

// --- scenarios -------------------------------------------------------------------------

const scenarios = {
  async "connect-auth"() {
    const plain = client("/");
    assertEqual(await ready(plain), {}, "auth without an auth payload");
    assert(typeof plain.id === "string" && plain.id.length > 0, `no socket id: ${plain.id}`);
    plain.close();
    const payload = { token: "abc", n: 1, nested: { list: [1, "two"], flag: true } };
    const withAuth = client("/", { auth: payload });
    const received = await ready(withAuth);
    withAuth.close();
    if (V4) {
      assertEqual(received, payload, "auth with an auth payload");
      return "auth {} without payload, echoed with one";
    }
    assertEqual(received, {}, "auth of a 2.x client given an (ignored) auth option");
    return "auth {} " + notApplicable("no auth payload; the server emits {}");
  },

  async "message-echo"() {
    const socket = client("/");
    await ready(socket);
    for (const args of PAYLOADS) await echoBoth(socket, args, `args ${show(args)}`);
    // a burst in flight at once comes back in order
    for (let i = 0; i < 20; i++) socket.emit("message", `m${i}`, i);
    for (let i = 0; i < 20; i++) assertEqual(await socket.box.next("message-back"), [`m${i}`, i], `burst message ${i}`);
    socket.close();
    return `${PAYLOADS.length} payloads both ways, burst of 20 in order`;
  },

  async binary() {
    const socket = client("/");
    await ready(socket);
    for (const args of BINARY_PAYLOADS) await echoBoth(socket, args, `binary args ${show(args)}`);
    socket.close();
    return `${BINARY_PAYLOADS.length} binary payloads both ways`;
  },

  async ack() {
    const socket = client("/");
    await ready(socket);
    for (const args of [[], ["one"], [1, "two", { three: [3] }], [null], ["ü😀", Buffer.from([1, 2])]]) {
      assertEqual(await ack(socket, "message-with-ack", ...args), args, `ack of ${show(args)}`);
    }
    // acks in flight at once each reach their own callback
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => ack(socket, "message-with-ack", i, `n${i}`)));
    replies.forEach((reply, i) => assertEqual(reply, [i, `n${i}`], `concurrent ack ${i}`));
    if (!V4) {
      socket.close();
      return "acks with 0..n args, 10 concurrent " + notApplicable("no emitWithAck()/timeout()");
    }
    assertEqual(await socket.emitWithAck("message-with-ack", "solo"), "solo", "emitWithAck");
    const timed = await new Promise((resolve) =>
      socket.timeout(2000).emit("message-with-ack", "a", 2, (error, ...args) => resolve([error, args])),
    );
    assert(!timed[0], `timeout().emit() failed: ${timed[0]}`);
    assertEqual(timed[1], ["a", 2], "timeout().emit() ack");
    assertEqual(await socket.timeout(2000).emitWithAck("message-with-ack", { x: 1 }), { x: 1 }, "timeout().emitWithAck()");
    socket.close();
    return "acks with 0..n args, 10 concurrent, emitWithAck, timeout()";
  },

  async "server-ack"() {
    const socket = client("/", {}, ["ask", "ask-result", "ask-timeout"]);
    await ready(socket);
    // the client acks
    socket.emit("ask", "q", 1, { x: [2] });
    const [question, number, object, callback] = await socket.box.next("ask");
    assertEqual([question, number, object], ["q", 1, { x: [2] }], "ask args");
    assert(typeof callback === "function", "ask came without an ack callback");
    callback("got", question, Buffer.from([4, 2]));
    assertEqual(await socket.box.next("ask-result"), ["got", "q", Buffer.from([4, 2])], "ask-result");
    // an ack with no args
    socket.emit("ask");
    const noArgs = await socket.box.next("ask");
    assert(noArgs.length === 1 && typeof noArgs[0] === "function", `ask without args came as ${show(noArgs)}`);
    noArgs[0]();
    assertEqual(await socket.box.next("ask-result"), [], "ask-result of an ack without args");
    // the client does not ack
    const started = Date.now();
    socket.emit("ask", "ignored");
    const ignored = await socket.box.next("ask");
    assertEqual(ignored.slice(0, -1), ["ignored"], "ask args");
    const timedOut = await socket.box.next("ask-timeout", WAIT_MS);
    const elapsed = Date.now() - started;
    assertEqual(timedOut, [], "ask-timeout args");
    assert(elapsed >= 900 && elapsed <= 2500, `ask-timeout after ${elapsed} ms, expected ~1000 ms`);
    // a late ack after the timeout is dropped
    ignored[ignored.length - 1]("too late");
    await socket.box.none("ask-result", 300);
    await socket.box.none("ask-timeout", 0);
    socket.close();
    return `acked -> ask-result; not acked -> ask-timeout after ${elapsed} ms`;
  },

  async rooms() {
    const events = ["greet"];
    const [a, b, c] = [client("/", {}, events), client("/", {}, events), client("/", {}, events)];
    await Promise.all([a, b, c].map((s) => ready(s)));
    assertEqual(await ack(a, "rooms"), [[a.id]], "rooms of a fresh socket");
    assertEqual(await ack(a, "join", "room-1"), [], "join ack");
    assertEqual(await ack(a, "join", "room-0"), [], "join ack");
    assertEqual(await ack(b, "join", "room-1"), [], "join ack");
    assertEqual(await ack(a, "join", "room-1"), [], "joining twice");
    assertEqual(await ack(a, "rooms"), [[a.id, "room-0", "room-1"].sort()], "rooms of a");
    assertEqual(await ack(b, "rooms"), [[b.id, "room-1"].sort()], "rooms of b");
    assertEqual(await ack(c, "rooms"), [[c.id]], "rooms of c");

    a.emit("to-room", "room-1", "greet", "hi", 1, { from: "a" });
    for (const s of [a, b]) assertEqual(await s.box.next("greet"), ["hi", 1, { from: "a" }], "greet in room-1 from a member");
    await c.box.none("greet");

    c.emit("to-room", "room-1", "greet", "from c", Buffer.from([1]));
    for (const s of [a, b]) assertEqual(await s.box.next("greet"), ["from c", Buffer.from([1])], "greet in room-1 from outside");
    await c.box.none("greet");

    b.emit("to-room", "room-0", "greet");
    assertEqual(await a.box.next("greet"), [], "greet without args in room-0");

    c.emit("to-room", c.id, "greet", "to myself");
    assertEqual(await c.box.next("greet"), ["to myself"], "greet to the own-id room");

    assertEqual(await ack(b, "leave", "room-1"), [], "leave ack");
    assertEqual(await ack(b, "rooms"), [[b.id]], "rooms of b after leave");
    assertEqual(await ack(b, "leave", "never-joined"), [], "leaving a room never joined");
    a.emit("to-room", "room-1", "greet", "again");
    assertEqual(await a.box.next("greet"), ["again"], "greet after b left");
    await Promise.all([b.box.none("greet"), c.box.none("greet"), a.box.none("greet")]);

    a.emit("to-room", "empty-room", "greet", "nobody");
    await Promise.all([a, b, c].map((s) => s.box.none("greet")));
    [a, b, c].forEach((s) => s.close());
    return "join/leave/rooms sorted incl. own id, to-room members only";
  },

  async broadcast() {
    const events = ["news"];
    const [a, b, c] = [client("/", {}, events), client("/", {}, events), client("/", {}, events)];
    await Promise.all([a, b, c].map((s) => ready(s)));
    a.emit("broadcast", "news", "x", { n: 1 });
    for (const s of [b, c]) assertEqual(await s.box.next("news"), ["x", { n: 1 }], "broadcast");
    await a.box.none("news");
    b.emit("broadcast", "news", { blob: Buffer.from([5, 6]) });
    for (const s of [a, c]) assertEqual(await s.box.next("news"), [{ blob: Buffer.from([5, 6]) }], "binary broadcast");
    await b.box.none("news");
    [a, b, c].forEach((s) => s.close());
    return "all but the sender, binary too";
  },

  async handshake() {
    const query = { foo: "bar", num: "42", odd: "a b&c=é/?" };
    const auth = { user: "u1", roles: ["a", "b"] };
    const socket = client("/", { query, auth });
    await ready(socket);
    const [reply] = await ack(socket, "handshake");
    assert(reply && typeof reply === "object", `handshake acked ${show(reply)}`);
    assertEqual(reply.auth, V4 ? auth : {}, "handshake auth");
    for (const [name, value] of Object.entries(query)) assertEqual(reply.query[name], value, `query parameter ${name}`);
    assertEqual(reply.query.EIO, V4 ? "4" : "3", "query parameter EIO");
    assertEqual(reply.query.transport, transportsFor[mode][0], "query parameter transport");
    for (const [name, value] of Object.entries(reply.query)) assert(typeof value === "string", `query ${name} is ${show(value)}`);
    socket.close();
    return `query keys ${Object.keys(reply.query).sort().join(",")}${V4 ? "" : "; auth {} " + notApplicable("no auth payload")}`;
  },

  async slow() {
    const socket = client("/");
    await ready(socket);
    const order = [];
    const slow500 = ack(socket, "slow", 500).then((reply) => order.push(["500", reply]));
    const slow50 = ack(socket, "slow", 50).then((reply) => order.push(["50", reply]));
    await Promise.all([slow500, slow50]);
    assertEqual(order, [["50", ["done"]], ["500", ["done"]]], "order of the slow acks");

    const events = [];
    const slow = ack(socket, "slow", 500).then((reply) => events.push(["slow", reply]));
    socket.emit("message", "after-slow");
    const echoed = socket.box.next("message-back").then((args) => events.push(["message-back", args]));
    await Promise.all([slow, echoed]);
    assertEqual(events, [["message-back", ["after-slow"]], ["slow", ["done"]]], "message after a slow call");
    socket.close();
    return "slow handlers hold up nothing";
  },

  async throw() {
    const socket = client("/");
    await ready(socket);
    socket.emit("throw");
    socket.emit("throw", "with", { args: 1 });
    assertEqual(await ack(socket, "message-with-ack", "still here"), ["still here"], "ack after throw");
    socket.emit("message", "and echoed");
    assertEqual(await socket.box.next("message-back"), ["and echoed"], "echo after throw");
    await socket.box.none("disconnect", 300);
    assert(socket.connected, "disconnected after throw");
    socket.close();
    return "served after the handler threw";
  },

  async "disconnect-me"() {
    // reconnection on: a server-side disconnect must not be retried
    const socket = client("/", { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 200 });
    await ready(socket);
    socket.emit("disconnect-me");
    const [reason] = await socket.box.next("disconnect");
    assertEqual(reason, "io server disconnect", "disconnect reason");
    assert(!socket.connected, "still connected");
    await socket.box.none("connect", 600);
    socket.close();

    // the underlying connection closes: another namespace multiplexed on it goes too
    const io = manager();
    const root = managed(io, "/");
    const other = managed(io, "/custom");
    await Promise.all([ready(root), ready(other)]);
    const engine = io.engine;
    const engineClosed = waitFor(engine, "close", 3000);
    engineClosed.catch(() => {}); // awaited below
    root.emit("disconnect-me");
    assertEqual((await root.box.next("disconnect"))[0], "io server disconnect", "disconnect reason");
    const [otherReason] = await other.box.next("disconnect");
    assert(
      ["io server disconnect", "transport close"].includes(otherReason),
      `the other namespace saw '${otherReason}'`,
    );
    const [engineReason] = await engineClosed;
    root.close();
    other.close();
    return `'io server disconnect'; other namespace on the connection: '${otherReason}', engine '${engineReason}'`;
  },

  async "custom-namespace"() {
    const plain = client("/custom");
    assertEqual(await ready(plain), {}, "auth on /custom without payload");
    plain.close();
    if (V4) {
      const socket = client("/custom", { auth: { x: 1, y: "z" } });
      assertEqual(await ready(socket), { x: 1, y: "z" }, "auth on /custom");
      socket.close();
      return "/custom auth {} and echoed";
    }
    // 2.x: the socket's query travels in the CONNECT packet and is the auth payload
    const socket = client("/custom", { query: { x: "1", y: "z" } });
    assertEqual(await ready(socket), { x: "1", y: "z" }, "auth on /custom of a 2.x client with a query");
    socket.close();
    return "/custom auth {}; 2.x query {x,y} arrives as auth";
  },

  async protected() {
    const refusals = V4 ? [{}, { auth: { token: "wrong" } }] : [{}, { query: { token: "wrong" } }];
    const seen = [];
    for (const options of refusals) {
      const socket = client("/protected", options);
      if (V4) {
        const [error] = await socket.box.next("connect_error");
        assert(error instanceof Error, `connect_error with ${show(error)}`);
        assertEqual(error.message, "unauthorized", "connect_error message");
        assertEqual(error.data, { reason: "bad token" }, "connect_error data");
        seen.push(`connect_error '${error.message}' ${show(error.data)}`);
      } else {
        const [data] = await socket.box.next("error");
        assertEqual(data, { reason: "bad token" }, "2.x error event payload");
        seen.push(`error ${show(data)}`);
      }
      await socket.box.none("connect", 300);
      await socket.box.none("auth", 0);
      assert(!socket.connected, "connected although refused");
      socket.close();
    }
    const admitted = client("/protected", V4 ? { auth: { token: "secret" } } : { query: { token: "secret" } });
    assertEqual(await ready(admitted), { token: "secret" }, "auth on /protected");
    admitted.close();
    return `refused with ${seen[0]}; admitted with token secret${V4 ? "" : " (2.x: in the query)"}`;
  },

  async dynamic() {
    const socket = client("/dynamic-42", V4 ? { auth: { k: "v" } } : {});
    assertEqual(await ready(socket), V4 ? { k: "v" } : {}, "auth on /dynamic-42");
    assertEqual(await ack(socket, "whoami"), ["/dynamic-42"], "whoami");
    const other = client("/dynamic-7");
    assertEqual(await ready(other), {}, "auth on /dynamic-7");
    assertEqual(await ack(other, "whoami"), ["/dynamic-7"], "whoami");
    socket.close();
    other.close();
    const refused = client("/dynamic-x");
    const detail = await expectInvalidNamespace(refused);
    refused.close();
    return `/dynamic-42 and /dynamic-7 served; /dynamic-x refused with ${detail}`;
  },

  async "invalid-namespace"() {
    const refused = client("/nope");
    const detail = await expectInvalidNamespace(refused);
    refused.close();
    // on a shared connection the refusal leaves `/` alone
    const io = manager();
    const root = managed(io, "/");
    const nope = managed(io, "/nope");
    await ready(root);
    await expectInvalidNamespace(nope);
    root.emit("message", "unaffected");
    assertEqual(await root.box.next("message-back"), ["unaffected"], "echo on / beside a refused namespace");
    assert(root.connected, "/ disconnected");
    root.close();
    nope.close();
    return `refused with ${detail}`;
  },

  async multiplex() {
    const io = manager();
    let opens = 0;
    io.on("open", () => opens++);
    const root = managed(io, "/");
    const custom = managed(io, "/custom", V4 ? { auth: { ns: "custom" } } : {});
    const dynamic = managed(io, "/dynamic-1");
    const auths = await Promise.all([ready(root), ready(custom), ready(dynamic)]);
    assertEqual(auths, [{}, V4 ? { ns: "custom" } : {}, {}], "auth per namespace");
    assert(root.io === io && custom.io === io && dynamic.io === io, "sockets on different managers");
    assert(opens === 1, `the manager opened ${opens} Engine.IO connections`);
    const engineId = io.engine.id;
    root.emit("message", "on /");
    assertEqual(await root.box.next("message-back"), ["on /"], "echo on /");
    assertEqual(await ack(dynamic, "whoami"), ["/dynamic-1"], "whoami on /dynamic-1");
    await custom.box.none("message-back", 0);
    await dynamic.box.none("message-back", 0);
    custom.close();
    assertEqual((await custom.box.next("disconnect"))[0], "io client disconnect", "disconnect reason of /custom");
    assertEqual(await ack(dynamic, "whoami"), ["/dynamic-1"], "whoami after /custom left");
    root.emit("message", "still /");
    assertEqual(await root.box.next("message-back"), ["still /"], "echo after /custom left");
    assert(io.engine.id === engineId && opens === 1, "the Engine.IO connection changed");
    root.close();
    dynamic.close();
    return `three namespaces over Engine.IO session ${engineId}`;
  },

  async "connect-timeout"() {
    // a bare Engine.IO client on the Socket.IO path that never sends a CONNECT
    const options = { path: "/socket.io", transports: transportsFor[mode], upgrade: mode === "upgrade" };
    const engine = V4
      ? new (require("engine.io-client").Socket)(baseUrl, options)
      : new (require("engine.io-client3"))(baseUrl, options);
    const messages = [];
    engine.on("message", (data) => messages.push(data));
    const closed = waitFor(engine, "close", 4000);
    await waitFor(engine, "open");
    const opened = Date.now();
    if (mode === "upgrade" && engine.transport.name !== "websocket") await waitFor(engine, "upgrade");
    if (V4) {
      const [reason] = await closed;
      const elapsed = Date.now() - opened;
      assert(elapsed >= 800 && elapsed <= 2500, `closed after ${elapsed} ms, expected ~1000 ms`);
      assertEqual(messages, [], "messages before the close");
      return `closed by the server after ${elapsed} ms ('${reason}')`;
    }
    // EIO=3: the server connects the client to `/` at once; no timeout applies
    closed.catch(() => {});
    await sleep(1800);
    assertEqual(messages, ["0", '2["auth",{}]'], "messages of an EIO=3 client");
    assert(engine.readyState === "open", `EIO=3 connection ${engine.readyState} after 1.8 s`);
    engine.close();
    return "EIO=3: CONNECT '0' for / and auth {} sent at once, still open after 1.8 s " + notApplicable("no connect timeout");
  },

  async reconnect() {
    const auth = V4 ? { token: "again" } : {};
    const socket = client("/", { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 500, auth });
    assertEqual(await ready(socket), V4 ? auth : {}, "auth");
    socket.emit("message", "before restart");
    assertEqual(await socket.box.next("message-back"), ["before restart"], "echo before the restart");
    const firstId = socket.id;
    console.log("READY_FOR_RESTART");
    const [reason] = await socket.box.next("disconnect", 15000);
    assert(["transport close", "transport error"].includes(reason), `disconnect reason '${reason}'`);
    const down = Date.now();
    await socket.box.next("connect", 10000);
    const back = Date.now() - down;
    await onTransport(socket.io.engine);
    assertEqual((await socket.box.next("auth"))[0], V4 ? auth : {}, "auth after reconnection");
    socket.emit("message", "after restart", Buffer.from([1]));
    assertEqual(await socket.box.next("message-back"), ["after restart", Buffer.from([1])], "echo after reconnection");
    assert(socket.id !== firstId, "same socket id after reconnection");
    socket.close();
    return `disconnect '${reason}', reconnected ${back} ms later`;
  },
};

async function expectInvalidNamespace(socket) {
  let detail;
  if (V4) {
    const [error] = await socket.box.next("connect_error");
    assert(error instanceof Error, `connect_error with ${show(error)}`);
    assertEqual(error.message, "Invalid namespace", "connect_error message");
    assertEqual(error.data, undefined, "connect_error data");
    detail = `connect_error '${error.message}'`;
  } else {
    const [data] = await socket.box.next("error");
    assertEqual(data, { message: "Invalid namespace" }, "2.x error event payload");
    detail = `error ${show(data)}`;
  }
  await socket.box.none("connect", 300);
  assert(!socket.connected, "connected to an invalid namespace");
  return detail;
}

const run = scenarios[scenario];
const parserOk = parserName === undefined || (MSGPACK && V4);
if (!run || !transportsFor[mode] || !["4", "2"].includes(clientVersion) || !baseUrl || !parserOk) {
  fail(
    `usage: node socketio-client.mjs <4|2> <${Object.keys(scenarios).join("|")}> <polling|websocket|upgrade> <url> [msgpack (4 only)]`,
  );
}
run().then(pass, (error) => fail(error && error.stack ? error.stack : String(error)));
