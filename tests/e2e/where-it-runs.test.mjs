// What runs where (ARCHITECTURE.md, web): the first analysis goes to the engine worker, which
// warmed itself when the module was compiled; once the page's own engine is warm (shortly after
// that first report), a small request (items up to 64 KB together) is analysed on the page,
// with no job for the worker; a bigger one still goes to the worker, so a big paste never
// stalls the page. Jobs are counted by wrapping Worker.prototype.postMessage before any of the
// page's scripts run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, addText, appReady } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const DIALOG = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7";

test("the first report comes from the worker; later small requests are analysed on the page, a big one in the worker", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript(() => {
    window.__jobs = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (msg, ...rest) {
      if (msg && typeof msg.request === "string") window.__jobs += 1;
      return post.call(this, msg, ...rest);
    };
  });
  const jobs = () => page.evaluate(() => window.__jobs);
  await page.goto(server.url);
  await appReady(page);

  await addText(page, DIALOG);
  await page.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").waitFor();
  assert.equal(await jobs(), 1, "the first analysis is a job for the engine worker");

  // The page's engine warms up 50 ms after that report; give it time, then add small pieces.
  await page.waitForTimeout(1500);
  await addText(page, "Extended error code: 0x3");
  await page.locator("#meaning").getByText("ERRINFO_IDLE_TIMEOUT").waitFor();
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#host").press("Tab");
  await page.waitForTimeout(300);
  assert.equal(await jobs(), 1, "small requests are analysed on the page");

  // Over 64 KB together: the worker again.
  const log = "2026-11-20 10:00:01.123 [INFO][com.freerdp.core] - client: nothing happened here\n".repeat(900)
    + "Extended error code: 0xC\n";
  assert.ok(log.length > 64 * 1024);
  await addText(page, log);
  await page.locator("#meaning").getByText("ERRINFO_LOGOFF_BY_USER").waitFor({ timeout: 30_000 });
  assert.ok(await jobs() >= 2, "a request over 64 KB is a job for the engine worker");
  assert.deepEqual(errors, []);
  await context.close();
});
