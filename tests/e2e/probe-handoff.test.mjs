// The web app with the real `rdp-probe` binary (probe-helper): `scan --open` prints an
// `APP_URL#r=…` link whose probe report the page loads; `serve` prints `APP_URL#bridge=PORT.TOKEN`
// and the page runs the probe through it after the user confirms. The scanned target is a
// closed port on 127.0.0.1, so the probe reports a refused connection (a real measurement).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { serveDist, launch, freePort, recordForeign, ROOT, appReady } from "./harness.mjs";

let app, browser, probeBin, closedPort;
const children = [];

before(async () => {
  const build = spawnSync("cargo", ["build", "-q", "-p", "probe-helper"], { cwd: ROOT, stdio: "inherit", timeout: 600_000 });
  assert.equal(build.status, 0, "cargo build -p probe-helper");
  probeBin = path.join(ROOT, "target/debug/rdp-probe");
  app = await serveDist();
  browser = await launch();
  closedPort = await freePort();
});
after(async () => { for (const c of children) c.kill(); await browser?.close(); app?.stop(); });

function run(args, env = {}) {
  const child = spawn(probeBin, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { out += d; });
  const timer = setTimeout(() => child.kill(), 60_000);
  child.on("exit", () => clearTimeout(timer));
  return { child, output: () => out };
}

async function waitFor(fn, what, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("rdp-probe scan --open: the printed link opens the probe report in the app", async () => {
  const p = run(["scan", `127.0.0.1:${closedPort}`, "--open", "--app", app.url, "--timeout", "2s"], { BROWSER: "true" });
  const link = await waitFor(() => p.output().match(/(http:\/\/127\.0\.0\.1:\d+\/#r=[A-Za-z0-9_-]+)/)?.[1], "the #r= link");
  const page = await browser.newPage();
  const foreign = recordForeign(page, [new URL(app.url).origin]);
  await page.goto(link);
  await page.locator("#evidence .kind-probe").waitFor();
  await page.locator("#meaning").getByText("What the probe found").waitFor();
  assert.ok(await page.locator("#meaning .facts li").count() >= 1, "probe facts listed");
  assert.ok(!page.url().includes("#r="));
  assert.deepEqual(foreign, []);
  await page.close();
});

test("rdp-probe serve: pair with the printed link, confirm, scan, report added", async () => {
  const s = run(["serve", "--app", app.url, "--idle", "60s", "--timeout", "2s"]);
  const link = await waitFor(() => s.output().match(/(http:\/\/127\.0\.0\.1:\d+\/#bridge=\d+\.[A-Za-z0-9_-]+)/)?.[1], "the #bridge= link");
  const bridgeOrigin = `http://127.0.0.1:${link.match(/#bridge=(\d+)\./)[1]}`;
  const page = await browser.newPage();
  const foreign = recordForeign(page, [new URL(app.url).origin, bridgeOrigin]);
  await page.goto(link);
  await appReady(page);
  await page.locator("#host").fill(`127.0.0.1:${closedPort}`);
  await page.locator("#host").press("Tab");
  await page.locator("#bridge-run").click();
  await page.locator("#bridge-confirm").click();
  await page.locator("#probe .success").waitFor({ timeout: 20_000 });
  await page.locator("#evidence .kind-probe").waitFor();
  await page.locator("#meaning").getByText("What the probe found").waitFor();
  assert.deepEqual(foreign, []);
  await page.close();
  s.child.kill();
});
