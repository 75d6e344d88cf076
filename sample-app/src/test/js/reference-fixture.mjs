// The conformance fixture (/work/shared/conformance-fixture.md, mirrored by the sample
// app's `conformance` profile) written with the official Node.js socket.io 4.8 server.
// A developer's tool: run the scenarios of socketio-client.mjs / engineio-client.mjs
// against it to see what the reference implementation does. The cluster tests also start
// it as the Node.js member of a mixed fleet.
//
//   node reference-fixture.mjs [port] [--redis <host>:<port>] [--redis-key <key>]
//                              [--adapter redis|redis-streams] [--recovery [<ms>]]
//                              [--ping-interval <ms>] [--ping-timeout <ms>] [--parser msgpack]
//
// Default port 3000. With --redis it joins a cluster through @socket.io/redis-adapter 8.x
// (node-redis 4 clients; key prefix "socket.io" unless --redis-key), like the sample app
// with --socketio.adapter.type=redis: `to-room` and `broadcast` then reach every node on
// that Redis. A Redis outage is logged, not fatal: the clients reconnect by themselves.
// Prints "Started on port N" once it accepts connections (and, with --redis, once both
// Redis clients are connected); stops on SIGINT/SIGTERM. --ping-interval / --ping-timeout
// replace the fixture's 300 ms / 200 ms (the cluster benchmark uses the defaults 25 s / 20 s).
// --parser msgpack serves /socket.io/ with socket.io-msgpack-parser 3.x, like the sample app
// with --socketio.parser=msgpack (the /engine.io/ echo is unchanged).
// --adapter redis-streams joins the cluster through @socket.io/redis-streams-adapter 0.3.x at
// its defaults instead (like --socketio.adapter.type=redis-streams); --recovery [ms] turns on
// connection state recovery (maxDisconnectionDuration ms, 2 min without a value; like
// --socketio.connection-state-recovery.enabled=true).
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { Server } from "socket.io";
import { option, redisAdapter, redisStreamsAdapter } from "./server-kit.mjs";

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const redisAddress = option(argv, "--redis");
const redisKey = option(argv, "--redis-key") || "socket.io";
const pingInterval = Number(option(argv, "--ping-interval") || 300);
const pingTimeout = Number(option(argv, "--ping-timeout") || 200);
const parserName = option(argv, "--parser") || "default";
const adapterType = option(argv, "--adapter") || "redis";
const recovery = recoveryOption(argv);
if (!["redis", "redis-streams"].includes(adapterType)) throw new Error(`unknown adapter ${adapterType}`);
const port = Number(argv[0] || 3000);
if (!["default", "msgpack"].includes(parserName)) throw new Error(`unknown parser ${parserName}`);

const settings = {
  pingInterval,
  pingTimeout,
  maxHttpBufferSize: 1e6,
  cors: { origin: true, credentials: true },
  allowEIO3: true,
};

// anything but the two endpoints: 404
const httpServer = createServer((req, res) => {
  res.writeHead(404);
  res.end();
});

// --- Socket.IO at /socket.io/ -------------------------------------------------------

const io = new Server(httpServer, {
  ...settings,
  path: "/socket.io/",
  connectTimeout: 1000,
  destroyUpgrade: false,
  ...(recovery ? { connectionStateRecovery: { maxDisconnectionDuration: recovery, skipMiddlewares: true } } : {}),
  ...(parserName === "msgpack" ? { parser: require("socket.io-msgpack-parser") } : {}),
});

// The fixture's handlers are "controller methods": an exception in one is logged and the
// connection carries on (in Node an exception escaping an event listener would otherwise
// bring the whole process down).
function handler(name, fn) {
  return (...args) => {
    try {
      fn(...args);
    } catch (error) {
      console.error(`handler '${name}' threw: ${error.message}`);
    }
  };
}

function ackOf(args) {
  return typeof args[args.length - 1] === "function" ? args.pop() : () => {};
}

const root = io.of("/");
root.on("connection", (socket) => {
  socket.emit("auth", socket.handshake.auth);

  socket.on("message", handler("message", (...args) => socket.emit("message-back", ...args)));

  socket.on("message-with-ack", handler("message-with-ack", (...args) => ackOf(args)(...args)));

  socket.on("join", handler("join", (room, ack) => {
    socket.join(room);
    if (typeof ack === "function") ack();
  }));

  socket.on("leave", handler("leave", (room, ack) => {
    socket.leave(room);
    if (typeof ack === "function") ack();
  }));

  socket.on("rooms", handler("rooms", (ack) => ack([...socket.rooms].sort())));

  socket.on("to-room", handler("to-room", (room, event, ...args) => root.to(room).emit(event, ...args)));

  socket.on("broadcast", handler("broadcast", (event, ...args) => socket.broadcast.emit(event, ...args)));

  socket.on("ask", handler("ask", (...args) => {
    socket.timeout(1000).emit("ask", ...args, (error, ...values) => {
      if (error) socket.emit("ask-timeout");
      else socket.emit("ask-result", ...values);
    });
  }));

  socket.on("handshake", handler("handshake", (ack) => ack({ auth: socket.handshake.auth, query: socket.handshake.query })));

  socket.on("slow", handler("slow", (ms, ack) => setTimeout(() => ack("done"), ms)));

  socket.on("throw", handler("throw", () => {
    throw new Error("thrown on purpose by the 'throw' handler");
  }));

  socket.on("disconnect-me", handler("disconnect-me", () => socket.disconnect(true)));
});

io.of("/custom").on("connection", (socket) => socket.emit("auth", socket.handshake.auth));

const guarded = io.of("/protected");
guarded.use((socket, next) => {
  const auth = socket.handshake.auth;
  if (auth && auth.token === "secret") return next();
  const error = new Error("unauthorized");
  error.data = { reason: "bad token" };
  next(error);
});
guarded.on("connection", (socket) => socket.emit("auth", socket.handshake.auth));

io.of(/^\/dynamic-\d+$/).on("connection", (socket) => {
  socket.emit("auth", socket.handshake.auth);
  socket.on("whoami", handler("whoami", (ack) => ack(socket.nsp.name)));
});

// --- the bare Engine.IO echo at /engine.io/ ------------------------------------------

const engineIo = createRequire(require.resolve("socket.io"))("engine.io");
const echo = new engineIo.Server(settings);
echo.attach(httpServer, { path: "/engine.io/", destroyUpgrade: false });
echo.on("connection", (socket) => socket.on("message", (data) => socket.send(data)));

// --- EIO other than 3 or 4 ---------------------------------------------------------------
// With allowEIO3 the Node server takes a missing or unknown EIO for 3; the fixture answers
// 400 {"code":5,"message":"Unsupported protocol version"} instead. Runs ahead of both
// servers' request and upgrade listeners.

const UNSUPPORTED = JSON.stringify({ code: 5, message: "Unsupported protocol version" });

function unsupportedVersion(req) {
  const url = new URL(req.url, "http://localhost");
  if (!["/socket.io/", "/engine.io/"].some((path) => url.pathname.startsWith(path))) return false;
  const eio = url.searchParams.get("EIO");
  return eio !== "3" && eio !== "4";
}

for (const event of ["request", "upgrade"]) {
  const listeners = httpServer.listeners(event);
  httpServer.removeAllListeners(event);
  httpServer.on(event, (req, target, head) => {
    if (!unsupportedVersion(req)) {
      listeners.forEach((listener) => listener.call(httpServer, req, target, head));
    } else if (event === "request") {
      const headers = { "Content-Type": "application/json" };
      if (req.headers.origin) {
        headers["Access-Control-Allow-Origin"] = req.headers.origin;
        headers["Access-Control-Allow-Credentials"] = "true";
      }
      target.writeHead(400, headers);
      target.end(UNSUPPORTED);
    } else {
      target.end(
        "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/json\r\n" +
          `Content-Length: ${Buffer.byteLength(UNSUPPORTED)}\r\n\r\n${UNSUPPORTED}`,
      );
    }
  });
}

// --- optional: the Redis adapter --------------------------------------------------------

let redisClients = [];

async function joinCluster(address) {
  const { adapter, clients } = adapterType === "redis-streams"
    ? await redisStreamsAdapter(address)
    : await redisAdapter(address, { key: redisKey });
  redisClients = clients;
  io.adapter(adapter);
  console.log(`Redis ${adapterType} adapter on ${address}${adapterType === "redis" ? ", key " + redisKey : ""}`);
}

if (redisAddress) {
  // a PUBLISH in flight when Redis dies rejects a promise that nobody awaits (the
  // adapter's broadcast): log it instead of ending the process
  process.on("unhandledRejection", (error) => console.error(`unhandled rejection: ${error && error.message}`));
  await joinCluster(redisAddress);
}

// -------------------------------------------------------------------------------------

httpServer.listen(port, () => console.log(`Started on port ${port}`));

function stop() {
  for (const client of redisClients) client.disconnect().catch(() => {});
  io.close();
  echo.close();
  httpServer.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

/** `--recovery [ms]`: the max disconnection duration, 2 min without a value; undefined if absent. */
function recoveryOption(args) {
  const index = args.indexOf("--recovery");
  if (index < 0) return undefined;
  const value = args[index + 1];
  const hasValue = value !== undefined && /^[0-9]+$/.test(value);
  args.splice(index, hasValue ? 2 : 1);
  return hasValue ? Number(value) : 120_000;
}
