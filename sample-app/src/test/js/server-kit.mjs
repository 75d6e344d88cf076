// What the Node.js servers of these tests share (reference-fixture.mjs, cluster-peer.mjs):
// their command-line options, and joining a cluster through @socket.io/redis-adapter 8.x
// or @socket.io/redis-streams-adapter 0.3.x.

/** Removes `name` and its value from `argv` and returns the value (undefined when absent). */
export function option(argv, name) {
  const index = argv.indexOf(name);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  argv.splice(index, 2);
  if (!value) throw new Error(`${name} needs a value`);
  return value;
}

/**
 * The Redis adapter on the Redis at `address` (host:port), with `options`: two node-redis 4
 * clients (pub, sub), both connected when this resolves, to `{ adapter, clients }`. A
 * Redis outage is logged on stderr, not fatal: the clients reconnect by themselves.
 * redis and @socket.io/redis-adapter are loaded only here.
 */
export async function redisAdapter(address, options) {
  const { createClient } = await import("redis");
  const { createAdapter } = await import("@socket.io/redis-adapter");
  const [host, port] = address.split(":");
  const pub = createClient({
    socket: { host, port: Number(port), reconnectStrategy: (retries) => Math.min(50 + retries * 50, 500) },
  });
  const sub = pub.duplicate();
  // node-redis emits "error" on every failed (re)connection: without a listener the
  // process dies; with one the client keeps reconnecting and resubscribes.
  for (const [name, client] of [["pub", pub], ["sub", sub]]) {
    client.on("error", (error) => console.error(`redis ${name}: ${error.message}`));
    client.on("reconnecting", () => console.error(`redis ${name}: reconnecting`));
    client.on("ready", () => console.error(`redis ${name}: ready`));
  }
  await Promise.all([pub.connect(), sub.connect()]);
  return { adapter: createAdapter(pub, sub, options), clients: [pub, sub] };
}

/**
 * The Redis Streams adapter on the Redis at `address` (host:port) at its defaults: one
 * node-redis 4 client, connected when this resolves, to `{ adapter, clients }` (the adapter
 * duplicates it for its XREAD loop and its subscriptions). redis and
 * @socket.io/redis-streams-adapter are loaded only here.
 */
export async function redisStreamsAdapter(address) {
  const { createClient } = await import("redis");
  const { createAdapter } = await import("@socket.io/redis-streams-adapter");
  const [host, port] = address.split(":");
  const client = createClient({
    socket: { host, port: Number(port), reconnectStrategy: (retries) => Math.min(50 + retries * 50, 500) },
  });
  client.on("error", (error) => console.error(`redis: ${error.message}`));
  await client.connect();
  return { adapter: createAdapter(client), clients: [client] };
}
