// What the scenario scripts socketio-client.mjs and cluster-client.mjs share: PASS / FAIL
// reporting with a deadline for the whole run, waiting for events (every wait bounded),
// acks, and comparing what arrived (binary as hex) with what was expected.
import { isDeepStrictEqual, inspect } from "node:util";

// generous bounds: they only matter when something is wrong, and CI machines are small
export const WAIT_MS = 6000;

/** The client's `transports` option of each mode. */
export const transportsFor = {
  polling: ["polling"],
  websocket: ["websocket"],
  upgrade: ["polling", "websocket"],
};

// --- reporting -------------------------------------------------------------------------

/**
 * The outcome of a run labelled `label`: `pass(details)` prints "PASS [<label>]" (plus
 * details) and exits 0, `fail(message)` prints "FAIL [<label>]: message" on stderr and
 * exits 1. The run fails when it has no result within `deadlineMs`, and on an unhandled
 * rejection.
 */
export function report(label, deadlineMs) {
  const fail = (message) => {
    console.error(`FAIL [${label}]: ${message}`);
    process.exit(1);
  };
  const pass = (details) => {
    console.log(`PASS [${label}]${details ? ": " + details : ""}`);
    process.exit(0);
  };
  setTimeout(() => fail(`no result within ${deadlineMs} ms`), deadlineMs).unref();
  process.on("unhandledRejection", (error) => fail(error && error.stack ? error.stack : String(error)));
  return { pass, fail };
}

// --- waiting ---------------------------------------------------------------------------

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The args of the next `event` of `emitter`, waiting at most `ms`. */
export function waitFor(emitter, event, ms = WAIT_MS) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${ms} ms`)), ms);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

/** Records `events` of `emitter` from now on, so that none is missed whatever the order of the waits. */
export function inbox(emitter, events) {
  const queues = new Map();
  const waiters = new Map();
  const watch = (event) => {
    if (queues.has(event)) return;
    queues.set(event, []);
    waiters.set(event, []);
    emitter.on(event, (...args) => {
      const waiter = waiters.get(event).shift();
      if (waiter) waiter(args);
      else queues.get(event).push(args);
    });
  };
  events.forEach(watch);
  return {
    /** Records `event` too, from now on. */
    watch,
    /** The args of the next `event` not taken yet, waiting at most `ms`. */
    next(event, ms = WAIT_MS) {
      const queue = queues.get(event);
      if (!queue) throw new Error(`'${event}' is not recorded`);
      if (queue.length > 0) return Promise.resolve(queue.shift());
      return new Promise((resolve, reject) => {
        const waiter = (args) => {
          clearTimeout(timer);
          resolve(args);
        };
        const timer = setTimeout(() => {
          waiters.set(event, waiters.get(event).filter((w) => w !== waiter));
          reject(new Error(`no '${event}' within ${ms} ms`));
        }, ms);
        waiters.get(event).push(waiter);
      });
    },
    /** Fails when `event` arrives (or had arrived, not taken) within `ms`. */
    async none(event, ms = 300) {
      await sleep(ms);
      const queue = queues.get(event);
      if (queue.length > 0) throw new Error(`unexpected '${event}' ${show(queue[0])}`);
    },
    /** Takes everything received so far. */
    drain(event) {
      const queue = queues.get(event);
      return queue.splice(0, queue.length);
    },
  };
}

/** Emits with an ack callback; resolves with the ack's args. */
export function ack(socket, event, ...args) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ack for '${event}' within ${WAIT_MS} ms`)), WAIT_MS);
    socket.emit(event, ...args, (...reply) => {
      clearTimeout(timer);
      resolve(reply);
    });
  });
}

// --- comparing -------------------------------------------------------------------------

/** Binary of any kind (Buffer, ArrayBuffer, typed array) as {"<bytes>": hex}. */
export function normalize(value) {
  if (Buffer.isBuffer(value)) return { "<bytes>": value.toString("hex") };
  if (value instanceof ArrayBuffer) return { "<bytes>": Buffer.from(value).toString("hex") };
  if (ArrayBuffer.isView(value)) {
    return { "<bytes>": Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex") };
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

export function show(value) {
  const text = inspect(normalize(value), { depth: 6, breakLength: Infinity, maxStringLength: 80 });
  return text.length > 400 ? text.slice(0, 400) + "…" : text;
}

export function assertEqual(actual, expected, what) {
  if (!isDeepStrictEqual(normalize(actual), normalize(expected))) {
    throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
