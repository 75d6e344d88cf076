// socket.io-client 4.x against a secured application (SecuredAppInteropTests):
//   node secured-client.mjs <polling|websocket|upgrade> <baseUrl> <user:password|none> [event[=jsonArg] ...]
// With credentials (HTTP Basic on every request: polling, the WebSocket upgrade), it
// connects, waits for the upgrade in `upgrade` mode, emits each event (with its argument,
// if given) with an ack and prints one line
// `RESULT {"transport":..., "session":<first arg of a 'session' event, if any>, "acks":{"<event>":<first ack arg>}}`; without
// them it prints `RESULT {"connectError":"<message>"}` when the connection is refused.
// Then PASS [secured <mode>], exit 0; FAIL [...] and exit 1 on anything unexpected.
import { createRequire } from "node:module";
import { ack, report, transportsFor, waitFor } from "./scenario-kit.mjs";

const require = createRequire(import.meta.url);
const { io } = require("socket.io-client");
const [mode, baseUrl, credentials, ...events] = process.argv.slice(2);
const { pass, fail } = report(`secured ${mode}`, 20000);

const extraHeaders = credentials === "none" ? {} : { Authorization: "Basic " + Buffer.from(credentials).toString("base64") };
const socket = io(baseUrl, { transports: transportsFor[mode], extraHeaders, reconnection: false, forceNew: true,
  auth: { nickname: "anonymous" } });
let session;
socket.on("session", (data) => { session = data; });

try {
  const outcome = await Promise.race([
    waitFor(socket, "connect").then(() => "connected"),
    waitFor(socket, "connect_error").then(([error]) => error),
  ]);
  if (outcome !== "connected") {
    console.log("RESULT " + JSON.stringify({ connectError: outcome.message }));
    socket.close();
    pass();
  }
  if (mode === "upgrade" && socket.io.engine.transport.name !== "websocket") {
    await waitFor(socket.io.engine, "upgrade");
  }
  const acks = {};
  for (const spec of events) {
    const [event, arg] = spec.split(/=(.*)/s);
    const args = arg === undefined ? await ack(socket, event) : await ack(socket, event, JSON.parse(arg));
    acks[event] = args[0];
  }
  console.log("RESULT " + JSON.stringify({ transport: socket.io.engine.transport.name, session, acks }));
  socket.close();
  pass();
} catch (error) {
  fail(error && error.stack ? error.stack : String(error));
}
