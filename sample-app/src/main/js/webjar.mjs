// Copies the installed socket.io-client's dist/ files into a classes folder in WebJar
// layout, META-INF/resources/webjars/socket.io-client/<version>/dist/, where the server's
// `socketio.serve-client` finds them. Other versions left there by earlier builds are
// removed, so that exactly one bundle is on the classpath.
//
//   node webjar.mjs <classesDir>        (the build runs it after `npm install`)
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [classesDir] = process.argv.slice(2);
if (!classesDir) {
  console.error("usage: node webjar.mjs <classesDir>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, "node_modules", "socket.io-client");
if (!existsSync(join(pkgDir, "dist"))) {
  console.error(`no ${join(pkgDir, "dist")}: run npm install in ${here} first`);
  process.exit(1);
}
const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const webjars = join(classesDir, "META-INF", "resources", "webjars", "socket.io-client");
if (existsSync(webjars)) {
  for (const old of readdirSync(webjars)) {
    if (old !== version) rmSync(join(webjars, old), { recursive: true, force: true });
  }
}
const target = join(webjars, version, "dist");
rmSync(target, { recursive: true, force: true });
cpSync(join(pkgDir, "dist"), target, { recursive: true });
console.log(`socket.io-client ${version} copied to ${target}`);
