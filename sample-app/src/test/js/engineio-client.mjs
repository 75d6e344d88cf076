// Drives the official engine.io-client (6.x for EIO=4, 3.x for EIO=3) against the
// Engine.IO echo endpoint of the conformance fixture.
//
//   node engineio-client.mjs <6|3> <scenario> <polling|websocket|upgrade> <http://host:port>
//
// Exits 0 when the scenario holds, 1 with a reason on stderr otherwise. Every
// scenario is bounded by a deadline.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const [clientVersion, scenario, mode, baseUrl] = process.argv.slice(2);
const DEADLINE_MS = 20000;
const PATH = "/engine.io";

const transportsFor = {
  polling: ["polling"],
  websocket: ["websocket"],
  upgrade: ["polling", "websocket"],
};

function openSocket() {
  const options = { path: PATH, transports: transportsFor[mode], upgrade: mode === "upgrade" };
  if (clientVersion === "6") {
    const { Socket } = require("engine.io-client");
    return new Socket(baseUrl, options);
  }
  const Socket = require("engine.io-client3");
  return new Socket(baseUrl, options);
}

function fail(message) {
  console.error(`FAIL [v${clientVersion} ${scenario} ${mode}]: ${message}`);
  process.exit(1);
}

function pass(details) {
  console.log(`PASS [v${clientVersion} ${scenario} ${mode}]${details ? ": " + details : ""}`);
  process.exit(0);
}

setTimeout(() => fail(`no result within ${DEADLINE_MS} ms`), DEADLINE_MS).unref();

function waitFor(socket, event, ms = 6000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    socket.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

function sameBytes(received, expected) {
  const bytes = Buffer.isBuffer(received)
    ? received
    : received instanceof ArrayBuffer
      ? Buffer.from(received)
      : ArrayBuffer.isView(received)
        ? Buffer.from(received.buffer, received.byteOffset, received.byteLength)
        : null;
  return bytes !== null && Buffer.compare(bytes, expected) === 0;
}

async function echo(socket, message) {
  const reply = waitFor(socket, "message");
  socket.send(message);
  const [received] = await reply;
  if (typeof message === "string") {
    if (received !== message) throw new Error(`sent ${JSON.stringify(message)}, got back ${JSON.stringify(received)}`);
  } else if (!sameBytes(received, message)) {
    throw new Error(`sent ${message.length} bytes, got back ${String(received)}`);
  }
}

async function echoAll(socket) {
  await echo(socket, "hello");
  await echo(socket, "€ and 😀, multi-byte");
  await echo(socket, Buffer.from([0, 1, 2, 3, 255]));
  await echo(socket, "x".repeat(100_000));
  await echo(socket, Buffer.alloc(50_000, 7));
  // several messages in flight at once come back in order
  const received = [];
  const all = new Promise((resolve) => {
    socket.on("message", (data) => {
      received.push(data);
      if (received.length === 20) resolve();
    });
  });
  for (let i = 0; i < 20; i++) socket.send(i % 2 === 0 ? `m${i}` : Buffer.from([i]));
  await all;
  received.forEach((data, i) => {
    const ok = i % 2 === 0 ? data === `m${i}` : sameBytes(data, Buffer.from([i]));
    if (!ok) throw new Error(`burst message ${i} came back as ${String(data)}`);
  });
  socket.removeAllListeners("message");
}

async function pollSid(sid) {
  const eio = clientVersion === "6" ? 4 : 3;
  const response = await fetch(`${baseUrl}${PATH}/?EIO=${eio}&transport=polling&sid=${sid}`);
  return { status: response.status, body: await response.text() };
}

const scenarios = {
  async echo() {
    const socket = openSocket();
    await waitFor(socket, "open");
    if (mode === "upgrade") {
      await echo(socket, "before the upgrade");
      if (socket.transport.name !== "websocket") await waitFor(socket, "upgrade");
      if (socket.transport.name !== "websocket") throw new Error(`transport is ${socket.transport.name} after upgrade`);
      const stale = await pollSid(socket.id);
      if (stale.status !== 400) throw new Error(`polling after the upgrade answered ${stale.status}`);
    } else if (socket.transport.name !== transportsFor[mode][0]) {
      throw new Error(`transport is ${socket.transport.name}`);
    }
    await echoAll(socket);
    socket.close();
    return `transport ${socket.transport ? socket.transport.name : "closed"}`;
  },

  async "ping-timeout"() {
    // the client stops answering heartbeats: the server must close the session
    const socket = openSocket();
    await waitFor(socket, "open");
    if (mode === "upgrade" && socket.transport.name !== "websocket") await waitFor(socket, "upgrade");
    const sid = socket.id;
    const opened = Date.now();
    if (clientVersion === "6") {
      const original = socket._sendPacket.bind(socket);
      socket._sendPacket = (type, ...rest) => (type === "pong" ? undefined : original(type, ...rest));
    } else {
      socket.ping = () => {};
    }
    const [reason] = await waitFor(socket, "close", 5000);
    const elapsed = Date.now() - opened;
    // v4: the server pings after 300 ms and gives up 200 ms later, long before the
    // client's own timer (interval + timeout after the last ping) would fire
    if (clientVersion === "6" && reason !== "transport close") {
      throw new Error(`closed with '${reason}', expected the server to close it ('transport close')`);
    }
    const after = await pollSid(sid);
    if (after.status !== 400 || !after.body.includes('"code":1')) {
      throw new Error(`session still known after the timeout: ${after.status} ${after.body}`);
    }
    return `closed after ${elapsed} ms with '${reason}'`;
  },

  async close() {
    const socket = openSocket();
    await waitFor(socket, "open");
    if (mode === "upgrade" && socket.transport.name !== "websocket") await waitFor(socket, "upgrade");
    const sid = socket.id;
    await echo(socket, "last words");
    const closed = waitFor(socket, "close");
    socket.close();
    const [reason] = await closed;
    // the server forgets the session at once; a poll that overtakes the client's close
    // packet may still meet the session (and get 400 for overlapping the client's own
    // pending poll), so ask until the answer is "Session ID unknown"
    let after;
    for (let i = 0; i < 20; i++) {
      after = await pollSid(sid);
      if (after.status === 400 && after.body.includes('"code":1')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (after.status !== 400 || !after.body.includes('"code":1')) {
      throw new Error(`session still known after close: ${after.status} ${after.body}`);
    }
    return `client saw '${reason}', server forgot ${sid}`;
  },

  async "too-large"() {
    // a message over maxPayload (1,000,000 bytes) ends the session, never the server
    const socket = openSocket();
    await waitFor(socket, "open");
    if (mode === "upgrade" && socket.transport.name !== "websocket") await waitFor(socket, "upgrade");
    const closed = waitFor(socket, "close", 5000);
    socket.send("y".repeat(1_200_000));
    const [reason] = await closed;
    const again = openSocket();
    await waitFor(again, "open");
    await echo(again, "still serving");
    again.close();
    return `closed with '${reason}'`;
  },
};

const run = scenarios[scenario];
if (!run || !transportsFor[mode] || !["6", "3"].includes(clientVersion)) {
  fail(`usage: node engineio-client.mjs <6|3> <${Object.keys(scenarios).join("|")}> <polling|websocket|upgrade> <url>`);
}
run().then(pass, (error) => fail(error && error.stack ? error.stack : String(error)));
