// socket.io-client 4.x clients on any nodes of a cluster, driven by a test over
// stdin/stdout (FleetClients, for MixedFleetOperationsTests and JavaFleetOperationsTests):
// connect named clients, make them join rooms, see what they received, wait for an event.
//
//   node fleet-clients.mjs
//
// Same line protocol as cluster-peer.mjs (control-protocol.mjs): prints {"ready":true};
// then each line on stdin is a command {"id":..., "op":..., ...} answered by one line
// {"id":..., "ok":true, "result":...} or {"id":..., "ok":false, "error":"...",
// "result":null}. Logs go to stderr. Commands:
//   connect {name, url, acks}   connects over WebSocket with auth {user: name} and query
//                               {client: name} -> {id}. acks "answer": a `q` event
//                               (arg, ack) is acknowledged with two arguments,
//                               `<name>:<arg>` and "second"; acks "never": not at all
//   join {name, room} / leave {name, room}
//                               sends `join` / `leave` (room, ack) -> the rooms the server
//                               acknowledged with (Node.js) or null (Java)
//   events {name}               -> [{event, args}] everything it received, `q` included
//                               (without the ack function), and "disconnect" with its
//                               reason
//   waitFor {name, event, timeoutMs}
//                               -> the first such event received (now or within the
//                               time), or an error
//   close {name}                disconnects that client -> null
//   exit                        disconnects all and stops
// Stops when stdin closes. Every client is created with reconnection off.
import { createRequire } from "node:module";
import { serve } from "./control-protocol.mjs";

const require = createRequire(import.meta.url);
const { io } = require("socket.io-client");

const clients = new Map();

function clientNamed(name) {
  const client = clients.get(name);
  if (!client) throw new Error(`no client ${name}`);
  return client;
}

function record(client, event, args) {
  client.events.push({ event, args });
  for (const waiter of [...client.waiters]) {
    if (waiter.event === event) {
      client.waiters.delete(waiter);
      waiter.resolve({ event, args });
    }
  }
}

const ops = {
  connect({ name, url, acks = "answer", timeoutMs = 5000 }) {
    if (clients.has(name)) throw new Error(`client ${name} exists`);
    const socket = io(url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      timeout: timeoutMs,
      auth: { user: name },
      query: { client: name },
    });
    const client = { name, socket, events: [], waiters: new Set() };
    clients.set(name, client);
    socket.onAny((event, ...args) => {
      const ack = typeof args[args.length - 1] === "function" ? args.pop() : null;
      record(client, event, args);
      if (event === "q" && ack && acks === "answer") ack(`${name}:${args[0]}`, "second");
    });
    socket.on("disconnect", (reason) => record(client, "disconnect", [reason]));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} did not connect to ${url}`)), timeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        resolve({ id: socket.id });
      });
      socket.once("connect_error", (error) => {
        clearTimeout(timer);
        reject(new Error(`${name} could not connect to ${url}: ${error.message}`));
      });
    });
  },
  async join({ name, room, timeoutMs = 5000 }) {
    return (await clientNamed(name).socket.timeout(timeoutMs).emitWithAck("join", room)) ?? null;
  },
  async leave({ name, room, timeoutMs = 5000 }) {
    return (await clientNamed(name).socket.timeout(timeoutMs).emitWithAck("leave", room)) ?? null;
  },
  events({ name }) {
    return clientNamed(name).events;
  },
  waitFor({ name, event, timeoutMs = 5000 }) {
    const client = clientNamed(name);
    const seen = client.events.find((candidate) => candidate.event === event);
    if (seen) return seen;
    return new Promise((resolve, reject) => {
      const waiter = { event, resolve };
      client.waiters.add(waiter);
      setTimeout(() => {
        if (client.waiters.delete(waiter)) {
          reject(new Error(`${name} got no '${event}' within ${timeoutMs} ms; it got ${JSON.stringify(client.events)}`));
        }
      }, timeoutMs);
    });
  },
  close({ name }) {
    clientNamed(name).socket.disconnect();
    return null;
  },
  exit() {
    setImmediate(stop);
    return null;
  },
};

function stop() {
  for (const { socket } of clients.values()) socket.disconnect();
  setTimeout(() => process.exit(0), 100).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

serve(ops, { ready: true }, stop);
