// A Node.js socket.io 4.8 node with @socket.io/redis-adapter 8.x whose server API a test
// drives over stdin/stdout, to prove the cluster requests (fetchSockets, serverSideEmit,
// broadcasts with acks, socketsJoin/Leave, disconnectSockets) between Node.js and Java
// nodes with real peers. MixedFleetOperationsTests runs it.
//
//   node cluster-peer.mjs <port> --redis <host>:<port> [--requests-timeout <ms>]
//                        [--adapter redis-streams]   (@socket.io/redis-streams-adapter 0.3.x)
//
// Listens on 127.0.0.1:<port> (path /socket.io/, namespace "/" only). A client's
// `socket.data` is `{ user: auth.user }`; a client may send `join` / `leave` (room, ack).
// Server-side events: `ping-node` answers `{ from: "node", got: <first argument> }`;
// `ping-node`, `note` and `binary-note` are recorded (command `received`).
//
// Control protocol (control-protocol.mjs), one JSON object per line. Once both Redis
// clients are connected and the server listens it prints {"ready":true,"port":N}. Then
// each line on stdin is a command {"id":..., "op":..., ...}; the answer is one line
// {"id":..., "ok":true, "result":...} or {"id":..., "ok":false, "error":"...",
// "result":...} (result: what arrived before the failure, with "elapsedMs"). Nothing else
// goes to stdout: logs go to stderr. Commands:
//   fetchSockets {room?}             -> [{id, remote, rooms, data, handshake}] (remote:
//                                       a RemoteSocket of another node; handshake whole)
//   remote {sid, action, ...}        fetchSockets of that id, then on what it returned:
//                                       action emit {event, args} | join {rooms} |
//                                       leave {room} | disconnect {close} -> {remote}
//   serverSideEmit {event, args}     -> null (an arg {"$buffer": [bytes]} is sent as a Buffer)
//   serverSideEmitWithAck {event, args} -> {responses, elapsedMs} or an error
//   emitWithAck {room?, timeoutMs, event, args} -> {responses, elapsedMs} or an error
//   socketsJoin {room, rooms} / socketsLeave {room, rooms} -> null
//   disconnectSockets {room, close}  -> null
//   serverCount                      -> the adapter's server count (PUBSUB NUMSUB)
//   received                         -> [{event, args}] server-side events so far
//   exit                             stops the process
// Stops on SIGTERM/SIGINT and when stdin closes.
import { createServer } from "node:http";
import { Server } from "socket.io";
import { serve } from "./control-protocol.mjs";
import { option, redisAdapter, redisStreamsAdapter } from "./server-kit.mjs";

const argv = process.argv.slice(2);
const redisAddress = option(argv, "--redis");
const requestsTimeout = Number(option(argv, "--requests-timeout") || 5000);
const adapterType = option(argv, "--adapter") || "redis";
const port = Number(argv[0]);
if (!port || !redisAddress) {
  console.error("usage: node cluster-peer.mjs <port> --redis <host>:<port> [--requests-timeout <ms>]");
  process.exit(2);
}

// an unhandled rejection must not end the node (a PUBLISH in flight when Redis goes away)
process.on("unhandledRejection", (error) => console.error(`unhandled rejection: ${error && error.stack}`));

const { adapter, clients: redisClients } = adapterType === "redis-streams"
  ? await redisStreamsAdapter(redisAddress)
  : await redisAdapter(redisAddress, { requestsTimeout });

const httpServer = createServer((req, res) => {
  res.writeHead(404);
  res.end();
});
const io = new Server(httpServer, {
  path: "/socket.io/",
  adapter,
});

io.on("connection", (socket) => {
  const auth = socket.handshake.auth || {};
  socket.data = { user: auth.user };
  socket.on("join", (room, ack) => {
    socket.join(room);
    if (typeof ack === "function") ack([...socket.rooms]);
  });
  socket.on("leave", (room, ack) => {
    socket.leave(room);
    if (typeof ack === "function") ack([...socket.rooms]);
  });
});

const received = [];
io.on("ping-node", (arg, cb) => {
  received.push({ event: "ping-node", args: [arg] });
  if (typeof cb === "function") cb({ from: "node", got: arg });
});
for (const event of ["note", "binary-note"]) {
  io.on(event, (...args) => {
    const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
    received.push({ event, args });
    if (ack) ack("noted");
  });
}

function describe(socket) {
  const { sessionStore, ...handshake } = socket.handshake;
  return {
    id: socket.id,
    remote: socket.constructor.name === "RemoteSocket",
    rooms: [...socket.rooms],
    data: socket.data,
    handshake,
  };
}

const target = (room) => (room === undefined || room === null ? io : io.in(room));

async function timed(promise) {
  const start = Date.now();
  try {
    const responses = await promise;
    return { responses, elapsedMs: Date.now() - start };
  } catch (error) {
    error.result = { responses: error.responses, elapsedMs: Date.now() - start };
    throw error;
  }
}

const ops = {
  async fetchSockets({ room }) {
    return (await target(room).fetchSockets()).map(describe);
  },
  async remote({ sid, action, event, args = [], rooms, room, close }) {
    const sockets = await io.in(sid).fetchSockets();
    const socket = sockets.find((candidate) => candidate.id === sid);
    if (!socket) throw new Error(`no socket ${sid} in the cluster`);
    if (action === "emit") socket.emit(event, ...args);
    else if (action === "join") socket.join(rooms);
    else if (action === "leave") socket.leave(room);
    else if (action === "disconnect") socket.disconnect(close);
    else throw new Error(`unknown action ${action}`);
    return { remote: socket.constructor.name === "RemoteSocket" };
  },
  serverSideEmit({ event, args = [] }) {
    io.serverSideEmit(event, ...args.map((arg) => (arg && Array.isArray(arg.$buffer) ? Buffer.from(arg.$buffer) : arg)));
    return null;
  },
  serverSideEmitWithAck({ event, args = [] }) {
    return timed(io.serverSideEmitWithAck(event, ...args));
  },
  emitWithAck({ room, timeoutMs, event, args = [] }) {
    const operator = room === undefined || room === null ? io : io.to(room);
    return timed(operator.timeout(timeoutMs).emitWithAck(event, ...args));
  },
  socketsJoin({ room, rooms }) {
    target(room).socketsJoin(rooms);
    return null;
  },
  socketsLeave({ room, rooms }) {
    target(room).socketsLeave(rooms);
    return null;
  },
  disconnectSockets({ room, close }) {
    target(room).disconnectSockets(close);
    return null;
  },
  serverCount() {
    return io.of("/").adapter.serverCount();
  },
  received() {
    return received;
  },
  exit() {
    setImmediate(stop);
    return null;
  },
};

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  io.close();
  Promise.allSettled(redisClients.map((client) => client.disconnect())).finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

httpServer.listen(port, "127.0.0.1", () => serve(ops, { ready: true, port }, stop));
