// Drives the chat page of the sample app (default profile) in headless Chromium with
// playwright-core: the page loads the official client from /socket.io/socket.io.js, as
// served by the application.
//
//   node browser-chat.mjs <http://host:port> [screenshot.png]
//
// Chromium is Debian's /usr/bin/chromium (CHROMIUM_PATH overrides it); playwright-core
// never downloads a browser. Prints one "ok <step>" line per step, then
// "PASS [browser-chat]" and exits 0, or prints "FAIL [browser-chat] <step>: reason" on
// stderr and exits 1. Every wait is bounded (8 s), and so is the whole run (60 s).
// The screenshot (default: sample-app/target/browser-chat.png) shows alice's page at
// the end; bob's goes next to it as *-bob.png, and a failing step leaves *-failure.png.
//
// Steps:
//   open          two browser contexts (alice, bob) open the page; the client bundle is
//                 there (window.io); each enters a nickname and is connected, in #general
//   members       each sees both nicknames in the room's member list
//   typing        alice types: bob sees "alice is typing…"; it clears with her message
//   message       alice sends a message: bob shows it, alice's shows "delivered ✓"; bob
//                 answers the same way
//   image-upload  alice picks a PNG (generated here) in the file input: bob shows it as
//                 a loaded <img> (naturalWidth = the PNG's width) from an object URL;
//                 alice's copy shows "delivered ✓"
//   image-paste   bob pastes a PNG (a ClipboardEvent carrying a File): alice shows it
//   image-limits  a too large file is refused by the page; the server refuses one sent
//                 around the page's check (its ack carries an error)
//   reconnect     bob's connection is cut (engine closed): his status goes
//                 "reconnecting", then "connected"; he is back in #general (alice sees
//                 exactly alice and bob there) and chats
//   reload        bob reloads the page: he reconnects by himself (nickname and room kept
//                 in sessionStorage), sees the room's history, the old connection is
//                 gone from the member lists, and both chat again
import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { chromium } from "playwright-core";

const [baseUrl, screenshotArg] = process.argv.slice(2);
const WAIT_MS = 8000;
const DEADLINE_MS = 80000;
const MAX_IMAGE_BYTES = 512 * 1024; // ChatNamespace.MAX_IMAGE_BYTES
const EXECUTABLE = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const SCREENSHOT = screenshotArg || fileURLToPath(new URL("../../../target/browser-chat.png", import.meta.url));
const started = Date.now();
let step = "start";
let browser;
const pages = {};

async function fail(message) {
  console.error(`FAIL [browser-chat] ${step}: ${message}`);
  for (const [name, page] of Object.entries(pages)) {
    try {
      console.error(`  ${name}: ${JSON.stringify(await page.evaluate(() => ({
        status: document.getElementById("status").textContent,
        statusLog: window.statusLog,
        room: document.getElementById("room-title").textContent,
        members: [...document.querySelectorAll("#members li")].map((li) => li.textContent),
        last: [...document.querySelectorAll("#messages .msg")].slice(-4).map((m) => m.textContent),
      }), null, { timeout: 2000 }))}`);
    } catch {
      // best effort
    }
  }
  try {
    if (pages.alice) await pages.alice.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-failure.png"), timeout: 2000 });
  } catch {
    // best effort
  }
  process.exit(1);
}

setTimeout(() => fail(`no result within ${DEADLINE_MS} ms`), DEADLINE_MS).unref();
process.on("unhandledRejection", (error) => fail(error && error.stack ? error.stack : String(error)));

if (!baseUrl) {
  console.error("usage: node browser-chat.mjs <http://host:port> [screenshot.png]");
  process.exit(2);
}
if (!existsSync(EXECUTABLE)) {
  await fail(`no Chromium at ${EXECUTABLE}: install Debian's chromium package (apt-get install chromium)`);
}

// --- a PNG made here: width x height, a colour gradient with a checker ------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(width, height, hue) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const checker = ((x >> 3) + (y >> 3)) % 2 === 0 ? 1 : 0.8;
      row[1 + x * 3] = Math.round((hue === "blue" ? 40 : 250) * checker);
      row[2 + x * 3] = Math.round(((x / width) * 200 + 30) * checker);
      row[3 + x * 3] = Math.round(((y / height) * 200 + (hue === "blue" ? 55 : 20)) * checker);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// --- helpers ----------------------------------------------------------------------------

function ok(details = "") {
  console.log(`ok ${step} (${Date.now() - started} ms)${details ? ": " + details : ""}`);
}

const wait = { timeout: WAIT_MS };

async function open(name) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => fail(`${name}'s page threw: ${error.message}`));
  pages[name] = page;
  await page.goto(baseUrl + "/", wait);
  await enter(page, name);
  return page;
}

async function enter(page, nickname) {
  if (!(await page.evaluate(() => typeof window.io === "function"))) {
    throw new Error("window.io is missing: /socket.io/socket.io.js was not served");
  }
  await page.fill("#nickname", nickname, wait);
  await page.click("#enter", wait);
  await connectedInGeneral(page);
  // upgraded from polling: volatile packets (typing) are dropped while no poll is parked
  await page.waitForFunction(() => window.chat.socket.io.engine.transport.name === "websocket", null, wait);
}

async function connectedInGeneral(page) {
  await page.waitForSelector('#status[data-state="connected"]', wait);
  await page.waitForFunction(() => document.getElementById("room-title").textContent === "general", null, wait);
}

/** Records the page's status changes (data-state of #status, "state@ms") in window.statusLog. */
async function recordStatus(page) {
  await page.evaluate(() => {
    const status = document.getElementById("status");
    const t0 = performance.now();
    const at = (state) => state + "@" + Math.round(performance.now() - t0);
    window.statusLog = [at(status.dataset.state)];
    // one record per change; several may come in one callback
    new MutationObserver((records) => records.forEach((record, i) => window.statusLog.push(
      at(i + 1 < records.length ? records[i + 1].oldValue : status.dataset.state))))
      .observe(status, { attributes: true, attributeFilter: ["data-state"], attributeOldValue: true });
  });
}

/** Waits until the member list shows exactly these nicknames. */
async function onlyMembers(page, expected) {
  await page.waitForFunction((names) => {
    const shown = [...document.querySelectorAll("#members li")].map((li) => li.textContent).sort();
    return JSON.stringify(shown) === JSON.stringify([...names].sort());
  }, expected, wait);
}

async function members(page, expected) {
  await page.waitForFunction((names) => {
    const shown = [...document.querySelectorAll("#members li")].map((li) => li.textContent);
    return names.every((name) => shown.includes(name));
  }, expected, wait);
}

async function say(from, to, text) {
  await from.fill("#text", text, wait);
  await from.press("#text", "Enter", wait);
  await to.waitForFunction((t) => [...document.querySelectorAll(".msg:not(.mine) .bubble.text")]
    .some((b) => b.textContent === t), text, wait);
  await from.waitForFunction((t) => [...document.querySelectorAll(".msg.mine")].some((m) =>
    m.querySelector(".bubble.text")?.textContent === t
      && m.querySelector('.state[data-state="delivered"]')?.textContent === "delivered ✓"), text, wait);
}

async function imageShown(page, width, mine) {
  const selector = (mine ? ".msg.mine" : ".msg:not(.mine)") + " img";
  await page.waitForFunction(({ selector, width }) => [...document.querySelectorAll(selector)]
    .some((img) => img.complete && img.naturalWidth === width && img.src.startsWith("blob:")), { selector, width }, wait);
}

// --- the run ----------------------------------------------------------------------------

try {
  step = "launch";
  browser = await chromium.launch({
    executablePath: EXECUTABLE,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run", "--disable-quic"],
    timeout: 45000, // a cold Chromium start on a small, loaded machine can take long
  });
  ok(browser.version());

  step = "open";
  const alice = await open("alice");
  const bob = await open("bob");
  ok();

  step = "members";
  await members(alice, ["alice", "bob"]);
  await members(bob, ["alice", "bob"]);
  ok();

  step = "typing";
  // typing goes on until bob sees it (the page repeats its volatile "typing" each second)
  await alice.focus("#text");
  const typingSeen = bob.waitForFunction(() => document.getElementById("typing").textContent === "alice is typing…",
    null, wait);
  let typed = 0;
  let seen = false;
  typingSeen.then(() => { seen = true; }, () => {});
  while (!seen && typed < 20) {
    await alice.keyboard.type("hello bob, this is alice"[typed % 24], { delay: 0 });
    typed++;
    await Promise.race([typingSeen.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 300))]);
  }
  await typingSeen;
  ok(`after ${typed} keystrokes`);

  step = "message";
  await say(alice, bob, "hello bob, this is alice");
  await bob.waitForFunction(() => document.getElementById("typing").textContent === "", null, wait);
  await say(bob, alice, "hi alice, ça va ?");
  ok();

  step = "image-upload";
  const upload = png(160, 96, "orange");
  await alice.setInputFiles("#file", { name: "gradient.png", mimeType: "image/png", buffer: upload });
  await imageShown(bob, 160, false);
  await imageShown(alice, 160, true);
  await alice.waitForFunction(() => [...document.querySelectorAll(".msg.mine")].some((m) => m.querySelector("img")
    && m.querySelector('.state[data-state="delivered"]')), null, wait);
  ok(`${upload.length} bytes`);

  step = "image-paste";
  const pasted = png(120, 80, "blue");
  await bob.focus("#text");
  await bob.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
    document.getElementById("text").dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true,
      cancelable: true }));
  }, pasted.toString("base64"));
  await imageShown(alice, 120, false);
  await imageShown(bob, 120, true);
  ok(`${pasted.length} bytes`);

  step = "image-limits";
  const max = MAX_IMAGE_BYTES;
  await alice.setInputFiles("#file", { name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(max + 1) });
  await alice.waitForFunction(() => [...document.querySelectorAll(".msg.system.error")]
    .some((m) => m.textContent.startsWith("huge.png is too large")), null, wait);
  const refused = await alice.evaluate((size) => new Promise((resolve) => {
    const socket = window.io("/chat", { forceNew: true, auth: { nickname: "limits" } });
    socket.on("connect", () => socket.emit("join", "limits", () =>
      socket.timeout(8000).emit("image", { name: "big.png", type: "image/png" }, new ArrayBuffer(size), (err, answer) => {
        socket.close();
        resolve(err ? "no answer: " + err.message : answer);
      })));
  }), max + 1);
  if (!refused || !refused.error || !refused.error.startsWith("image too large")) {
    throw new Error(`the server accepted an image of ${max + 1} bytes: ${JSON.stringify(refused)}`);
  }
  ok(refused.error);

  step = "reconnect";
  await recordStatus(bob);
  await bob.evaluate(() => window.chat.socket.io.engine.close());
  await bob.waitForFunction(() => window.statusLog.some((s) => s.startsWith("reconnecting")), null, wait);
  await bob.waitForFunction(() => window.statusLog.at(-1).startsWith("connected"), null, wait);
  await connectedInGeneral(bob);
  await onlyMembers(alice, ["alice", "bob"]);
  await say(bob, alice, "still here after a reconnect");
  ok((await bob.evaluate(() => window.statusLog)).join(" → "));

  step = "reload";
  await bob.reload(wait);
  await connectedInGeneral(bob);
  await bob.waitForFunction(() => [...document.querySelectorAll(".bubble.text")]
    .some((b) => b.textContent === "hello bob, this is alice"), null, wait);
  await onlyMembers(alice, ["alice", "bob"]);
  await onlyMembers(bob, ["alice", "bob"]);
  await say(bob, alice, "back after a reload");
  await say(alice, bob, "welcome back");
  ok();

  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await alice.screenshot({ path: SCREENSHOT });
  await bob.screenshot({ path: SCREENSHOT.replace(/\.png$/, "-bob.png") });
  await browser.close();
  console.log(`PASS [browser-chat]: ${Date.now() - started} ms, screenshot ${SCREENSHOT}`);
  process.exit(0);
} catch (error) {
  await fail(error && error.message ? error.message : String(error));
}
