// Shared harness for the end-to-end tests: serves dist/ on a free loopback port with
// scripts/serve.py and launches Debian's Chromium through playwright-core.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import path from "node:path";

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
