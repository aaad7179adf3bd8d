// Shared harness for the end-to-end tests: serves dist/ on a free loopback port with
// scripts/serve.py and launches Debian's Chromium through playwright-core.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { existsSync, readdirSync, readFileSync } from "node:fs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

/** Starts the static server; returns { url, stop }. */
export async function serveDist(dir = path.join(ROOT, "dist")) {
  const port = await freePort();
  const proc = spawn("python3", [path.join(ROOT, "scripts/serve.py"), "--dir", dir, "--port", String(port)], {
    env: { ...process.env, SERVE_QUIET: "1" }, stdio: ["ignore", "pipe", "inherit"],
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try { const r = await fetch(url); if (r.ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline) { proc.kill(); throw new Error("static server did not start"); }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port, stop: () => proc.kill() };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** What has landed in the engine, read from the sources, so flow tests assert the real
 *  knowledge-base and certificate content once it exists (and the empty states before). */
export function engineFeatures() {
  const kbDir = path.join(ROOT, "engine/knowledge");
  const kb = existsSync(kbDir) && readdirSync(kbDir, { recursive: true }).some((f) => /\.(json|toml)$/.test(String(f)));
  const certSrc = readFileSync(path.join(ROOT, "engine/src/cert/mod.rs"), "utf8");
  const cert = !/fn analyze\(input: &str, _host/.test(certSrc);
  return { kb, cert };
}

/** Records every request a page makes to an origin outside `allowed` (array of origins). */
export function recordForeign(page, allowed) {
  const foreign = [];
  page.on("request", (r) => {
    const u = r.url();
    if (u.startsWith("data:") || u.startsWith("blob:")) return;
    let origin;
    try { origin = new URL(u).origin; } catch { foreign.push(u); return; }
    if (!allowed.includes(origin)) foreign.push(u);
  });
  return foreign;
}

/** Injects axe-core and returns the serious/critical violations on the page. */
export async function axeViolations(page) {
  // Evaluated through the devtools protocol: the page's CSP (rightly) forbids injected <script>s.
  await page.evaluate(readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8"));
  const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return res.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Waits until the app has mounted and taken over index.html's page shell (the shell's paste
 *  box and Add work before that, so their presence no longer means the app is there). */
export async function appReady(page, timeout = 30_000) {
  await page.waitForFunction(() => performance.getEntriesByName("rdp-triage-ready").length > 0
    && !document.getElementById("shell"), null, { timeout });
}

/** Paste text into the app as a user would (text box + Add). */
export async function addText(page, text) {
  await page.locator("#paste").fill(text);
  await page.locator("#add").click();
}

/** mstsc's 0x904 / 0x7 dialog, the classic paste. */
export const DIALOG_0x904 = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7";

/** A fresh 1280×900 page with `text` added and its report settled (fix cards on screen, no
 *  analysis pending); `done()` asserts the page threw nothing and closes it. */
export async function openWithReport(browser, url, text = DIALOG_0x904) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await appReady(page);
  await addText(page, text);
  await page.locator("#fixes li.fix").first().waitFor();
  await page.waitForTimeout(250);
  await page.waitForFunction(() => (document.querySelector("#meaning .status")?.textContent ?? "") === "");
  await page.waitForTimeout(250);
  return { page, done: async () => { if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`); await context.close(); } };
}
