// Issue #14 item 15: getting rdp-probe. scripts/stage-probe (run by scripts/build-web) puts
// the built binaries beside the app with their SHA-256 in probe/manifest.json; the probe panel
// links them. The linked file downloads and its SHA-256 is the one shown. With no binary
// built, the panel says in one line how to build it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serveDist, launch, ROOT } from "./harness.mjs";

let browser, bin;
const tmps = [];

before(async () => {
  // The probe as the tests build it (scripts/serve builds the release one; same staging).
  const build = spawnSync("cargo", ["build", "-q", "-p", "probe-helper"], { cwd: ROOT, stdio: "inherit", timeout: 900_000 });
  assert.equal(build.status, 0, "cargo build -p probe-helper");
  bin = path.join(ROOT, "target/debug/rdp-probe");
  browser = await launch();
});
after(async () => { await browser?.close(); for (const t of tmps) rmSync(t, { recursive: true, force: true }); });

/** A copy of dist/ staged by scripts/stage-probe with the given Linux binary (or none). */
async function staged(linux) {
  const dir = mkdtempSync(path.join(tmpdir(), "rdp-triage-probe-dl-"));
  tmps.push(dir);
  cpSync(path.join(ROOT, "dist"), dir, { recursive: true });
  const r = spawnSync(path.join(ROOT, "scripts/stage-probe"), [dir], {
    cwd: ROOT, encoding: "utf8",
    env: { ...process.env, RDP_PROBE_LINUX: linux, RDP_PROBE_WINDOWS: path.join(dir, "no-such.exe") },
  });
  assert.equal(r.status, 0, r.stderr);
  return serveDist(dir);
}

test("the probe panel links the served rdp-probe; the download's SHA-256 is the one shown", async () => {
  const server = await staged(bin);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(server.url);
  const link = page.locator("#probe-downloads a.probe-file");
  await link.waitFor();
  assert.match(await link.innerText(), /^rdp-probe \(Linux/);
  const shown = (await page.locator("#probe-downloads code.sha256").first().innerText()).trim();
  assert.match(shown, /^[0-9a-f]{64}$/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const file = await download.path();
  const got = createHash("sha256").update(readFileSync(file)).digest("hex");
  assert.equal(got, shown, "the downloaded file's SHA-256 is the one on screen");
  assert.equal(got, createHash("sha256").update(readFileSync(bin)).digest("hex"), "and it is the built binary");
  assert.equal(download.suggestedFilename(), "rdp-probe");
  await context.close();
  server.stop();
});

test("with no binary built, the panel says in one line how to build it", async () => {
  const server = await staged(path.join(ROOT, "target/no-such-rdp-probe"));
  const page = await browser.newPage();
  await page.goto(server.url);
  const line = page.locator("#probe-build");
  await line.waitFor();
  assert.match(await line.innerText(), /cargo build --release -p probe-helper/);
  assert.equal(await page.locator("#probe-downloads").count(), 0);
  await page.close();
  server.stop();
});
