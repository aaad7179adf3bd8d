// The page never sits blank (issue #14 item 12, issue #16 part 7): on a slow link (1.5 Mbit/s,
// 150 ms latency, CDP Network.emulateNetworkConditions) the host field and the paste box of
// index.html's shell take input before the app's wasm has loaded; what was added, left in the
// box, dropped (a file) or pasted over 64 KB, or typed in the host field then is carried over
// when the app takes over and analysed at once; the keyboard focus and the caret stay where they
// were; the shell is axe clean and styled from the HTML alone (no style sheet request, no CSP
// violation).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, axeViolations, appReady } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const DIALOG = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7";

/** A page on a 1.5 Mbit/s link with 150 ms latency, navigated (returns once the HTML is in). */
async function slowPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // A blocked inline style (its hash missing from the CSP) shows as a console error.
  page.on("console", (m) => { if (m.type() === "error" && /Content Security Policy/.test(m.text())) errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const bytesPerSecond = (1.5 * 1000 * 1000) / 8;
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond,
  });
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  return { page, context, done: async () => { assert.deepEqual(errors, [], "page errors"); await context.close(); } };
}

const appMounted = (page) => page.evaluate(() => performance.getEntriesByName("rdp-triage-ready").length > 0 || !document.getElementById("shell"));

test("on a slow link the paste box takes text before the wasm has loaded, and what was added then is analysed once it has", async () => {
  const { page, done } = await slowPage();
  await page.locator("#paste").fill(DIALOG, { timeout: 5_000 });
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#add").click();
  const usable = await page.evaluate(() => performance.now());
  assert.equal(await appMounted(page), false, "the text was typed and added before the app had loaded");
  // Styled from the HTML alone (the style sheet is inline, allowed by its hash in the CSP): the
  // page fetched no style sheet, and Add already wears the primary button's colours.
  const styled = await page.evaluate(() => ({
    sheets: performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".css")).length,
    inline: document.querySelectorAll("head style").length,
    addBg: getComputedStyle(document.getElementById("add")).backgroundColor,
    pasteBg: getComputedStyle(document.getElementById("paste")).backgroundColor,
  }));
  assert.equal(styled.sheets, 0, "no style sheet request before the first paint");
  assert.equal(styled.inline, 1, "one inline style block");
  assert.notEqual(styled.addBg, styled.pasteBg, `Add is styled as the primary button: ${JSON.stringify(styled)}`);
  assert.equal(await page.locator("#paste").inputValue(), "", "Add empties the box");
  assert.match(await page.locator("#shell-status").innerText(), /1 piece is waiting/);
  // The engine's answer for what was added before it was ready.
  await page.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").first().waitFor({ timeout: 90_000 });
  const shown = await page.evaluate(() => performance.now());
  assert.ok(shown > usable, "the report came after the box was usable");
  assert.equal(await page.locator("#shell").count(), 0, "the app took the shell over");
  assert.equal(await page.locator("#paste").count(), 1, "one paste box");
  assert.equal(await page.locator("#host").inputValue(), "srv01.corp.example", "the host typed early is kept");
  assert.equal(await page.locator("#evidence li.item").count(), 1, "the added text is one evidence item");
  await done();
});

test("text left in the box is analysed at once when the app takes over; focus and caret stay in the host field", async () => {
  const { page, done } = await slowPage();
  await page.locator("#paste").fill(DIALOG, { timeout: 5_000 });
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#host").evaluate((el) => el.setSelectionRange(3, 3));
  assert.equal(await appMounted(page), false, "typed before the app had loaded");
  await page.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").first().waitFor({ timeout: 90_000 });
  assert.equal(await page.locator("#shell").count(), 0, "the app took the shell over");
  assert.equal(await page.locator("#evidence li.item").count(), 1, "the text left in the box became an evidence item");
  assert.equal(await page.locator("#paste").inputValue(), "", "and left the box");
  const focus = await page.evaluate(() => ({ id: document.activeElement?.id, start: document.activeElement?.selectionStart }));
  assert.deepEqual(focus, { id: "host", start: 3 }, "focus and caret carried over to the app's host field");
  assert.equal(await page.locator("#host").inputValue(), "srv01.corp.example");
  await done();
});

test("a file dropped and a large paste on the shell are queued and analysed once the app is there", async () => {
  const { page, done } = await slowPage();
  await page.locator("#paste").waitFor({ timeout: 5_000 });
  assert.equal(await appMounted(page), false);
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "client.log", { type: "text/plain" }));
    document.querySelector("#paste").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    // Over 64 KB: queued as it is instead of filling the text box.
    const big = "2026-11-20 10:00:01.123 [INFO][com.freerdp.core] - nothing here\n".repeat(1200) + "Extended error code: 0x3\n";
    const clip = new DataTransfer();
    clip.setData("text/plain", big);
    document.querySelector("#paste").dispatchEvent(new ClipboardEvent("paste", { clipboardData: clip, bubbles: true, cancelable: true }));
  }, "Error code: 0x904\nExtended error code: 0x7");
  assert.equal(await page.locator("#paste").inputValue(), "", "the large paste did not go into the box");
  assert.match(await page.locator("#shell-status").innerText(), /2 pieces are waiting/);
  assert.equal(await appMounted(page), false, "both were queued before the app had loaded");
  await page.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").first().waitFor({ timeout: 90_000 });
  await page.locator("#meaning").getByText("ERRINFO_IDLE_TIMEOUT").first().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator("#evidence li.item").count(), 2, "the file and the paste are two evidence items");
  assert.match(await page.locator("#evidence").innerText(), /client\.log/, "the dropped file keeps its name");
  await done();
});

test("the shell alone is accessible (axe), labelled, and says the engine is loading", async () => {
  const { page, done } = await slowPage();
  await page.locator("#paste").waitFor({ timeout: 5_000 });
  assert.equal(await appMounted(page), false);
  assert.deepEqual(await axeViolations(page), []);
  assert.match(await page.locator("label[for=paste]").innerText(), /Paste anything/);
  assert.match(await page.locator("label[for=host]").innerText(), /Computer name/);
  assert.match(await page.locator("#shell").innerText(), /engine is still loading/);
  await appReady(page, 90_000);
  assert.deepEqual(await axeViolations(page), [], "and the app after taking over");
  await done();
});
