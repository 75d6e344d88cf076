// The JSON-lines control protocol of cluster-peer.mjs and fleet-clients.mjs (driven by
// ControlledScript in the Java tests): the script prints one ready line, then each line on
// stdin is a command {"id":..., "op":..., ...}, answered by one line {"id":..., "ok":true,
// "result":...} or {"id":..., "ok":false, "error":"...", "result":...} (result: the
// error's `result`, what arrived before the failure, or null). Nothing else goes to
// stdout.
import { createInterface } from "node:readline";

function answer(line) {
  process.stdout.write(JSON.stringify(line) + "\n");
}

async function run(ops, line) {
  let command;
  try {
    command = JSON.parse(line);
  } catch (error) {
    answer({ id: null, ok: false, error: `not JSON: ${line}` });
    return;
  }
  const op = ops[command.op];
  if (!op) {
    answer({ id: command.id, ok: false, error: `unknown op ${command.op}` });
    return;
  }
  try {
    answer({ id: command.id, ok: true, result: (await op(command)) ?? null });
  } catch (error) {
    answer({ id: command.id, ok: false, error: String(error && error.message), result: error.result ?? null });
  }
}

/**
 * Prints `ready` (an object with "ready": true) as the ready line, then answers each
 * command on stdin with `ops[command.op](command)` (a value or a promise); calls `stop`
 * when stdin closes.
 */
export function serve(ops, ready, stop) {
  answer(ready);
  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => {
    if (line.trim()) run(ops, line);
  });
  input.on("close", stop);
}
