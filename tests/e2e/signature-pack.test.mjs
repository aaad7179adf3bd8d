// The engine's signatures in languages other than English are not in the page's wasm: the
// page fetches them (signatures-intl.json) after its first report, loads them into its own
// engine and the worker's, and analyses the case again (issue #16: what is transferred
// before the first report; issue #13: dialogs in many languages).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, addText, appReady } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const DIALOG = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7";
// mstsc's German NLA dialog (engine/knowledge/signatures/mstsc.json, locale de).
const GERMAN = "Remotedesktopverbindung\nAuthentifizierungsfehler.\nDie lokale Sicherheitsautorität (LSA) ist nicht erreichbar.";
const LSA = /Local Security Authority/;

async function open(route) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  if (route) await page.route("**/signatures-intl.json", route);
  await page.goto(server.url);
  await appReady(page);
  return { page, done: async () => { assert.deepEqual(errors, []); await context.close(); } };
}

test("the pack comes after the first report, and a German dialog is read with it", async () => {
  const { page, done } = await open();
  // When the report is on screen, as the page itself sees it (a test's own polling notices it
  // later, by 100 ms and more on a loaded machine).
  await page.evaluate(() => {
    new MutationObserver((_, obs) => {
      if ((document.getElementById("meaning")?.textContent ?? "").includes("ERRINFO_SERVER_DENIED_CONNECTION")) {
        window.__shownAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await addText(page, DIALOG);
  await page.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").first().waitFor();
  const shown = await page.evaluate(() => window.__shownAt);
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/signatures-intl.json")), null, { timeout: 10_000 });
  // Fetched after the first report, or, when nothing was added for a while after the app
  // mounted (app.rs WARM_AFTER_MS, 1.5 s), then.
  const t = await page.evaluate(() => ({
    pack: performance.getEntriesByType("resource").find((e) => e.name.endsWith("/signatures-intl.json")).startTime,
    mounted: performance.getEntriesByName("rdp-triage-ready")[0].startTime,
  }));
  assert.ok(t.pack >= Math.min(shown - 50, t.mounted + 1400), `pack at ${Math.round(t.pack)} ms, report at ${Math.round(shown)}, mounted at ${Math.round(t.mounted)}`);
  await page.waitForTimeout(300);
  await addText(page, GERMAN);
  await page.locator("#meaning").getByText(LSA).first().waitFor({ timeout: 10_000 });
  await done();
});

test("a German dialog added before the pack is there is analysed again once it is", async () => {
  // The pack is held back until the first report is on screen: the report is made without it.
  let release;
  const held = new Promise((r) => { release = r; });
  const { page, done } = await open(async (route) => { await held; await route.continue(); });
  await addText(page, GERMAN);
  await page.waitForFunction(() => (document.querySelector("#meaning .status")?.textContent ?? "") === "");
  await page.waitForTimeout(500);
  assert.doesNotMatch(await page.locator("#meaning").innerText(), LSA, "not read before the pack");
  release();
  await page.locator("#meaning").getByText(LSA).first().waitFor({ timeout: 10_000 });
  // A big paste goes to the worker, which has the pack too.
  await page.locator("#paste").evaluate((el, text) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, `${"2026-11-20 10:00:01 nothing of interest on this line\n".repeat(2000)}Der Anmeldeversuch ist fehlgeschlagen.\n`);
  await page.locator("#evidence").getByText(/KB|MB/).first().waitFor({ timeout: 20_000 });
  await page.locator("#meaning").getByText(/sign-in attempt failed|logon fail|credentials/i).first().waitFor({ timeout: 20_000 });
  await done();
});

test("without the pack the app still works and says what is missing", async () => {
  const { page, done } = await open((route) => route.fulfill({ status: 404, body: "not here" }));
  await addText(page, DIALOG);
  await page.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").first().waitFor();
  await page.getByText(/languages other than English are read with fewer signatures/).first().waitFor({ timeout: 10_000 });
  await done();
});
