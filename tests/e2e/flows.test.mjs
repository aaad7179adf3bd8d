// End-to-end flows of the web app in a real Chromium: paste → meaning → question → fixes,
// an expired certificate dropped as a DER file, fix feedback re-ranking, reload keeping the
// session, the share link round trip and "start over". Every page also records requests and
// fails on any to another origin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { serveDist, launch, engineFeatures, recordForeign, addText, ROOT, appReady } from "./harness.mjs";

let server, browser, origin;
const features = engineFeatures();
const DIALOG = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7";

before(async () => { server = await serveDist(); browser = await launch(); origin = new URL(server.url).origin; });
after(async () => { await browser?.close(); server?.stop(); });

async function open(url = server.url, opts = {}) {
  const context = opts.context ?? await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const foreign = recordForeign(page, [origin]);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url);
  await appReady(page);
  return { page, context, done: async () => {
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.deepEqual(errors, [], "page errors");
    await context.close();
  } };
}

async function fixOrder(page) {
  return page.locator("#fixes li.fix").evaluateAll((els) => els.map((e) => e.dataset.fix));
}

test("0x904/0x7 paste → decoded meanings → question → fix list", async () => {
  const { page, done } = await open();
  await addText(page, DIALOG);
  const meaning = page.locator("#meaning");
  await meaning.getByText("disconnectReasonAtClientWinsockFDCLOSE").waitFor();
  assert.match(await meaning.innerText(), /ERRINFO_SERVER_DENIED_CONNECTION/);
  assert.match(await meaning.innerText(), /Source:/);
  assert.ok(await page.locator("#evidence mark").count() >= 2, "both codes highlighted");
  if (features.kb) {
    const q = page.locator("#question .q-text");
    await q.waitFor();
    assert.ok((await q.innerText()).length > 10, "a real question is asked");
    const first = page.locator("#question .options button").first();
    const label = await first.innerText();
    await first.click();
    await page.locator("#question .answered").getByText(label).first().waitFor();
    // The answer can be changed in place ("Change" opens its options).
    const answered = page.locator("#question .answered li").first();
    await answered.locator("summary").click();
    const other = answered.locator("button.option[aria-pressed=false]").first();
    const otherLabel = await other.innerText();
    await other.click();
    await answered.locator("button.option[aria-pressed=true]", { hasText: otherLabel }).waitFor();
    assert.ok(await page.locator("#fixes li.fix").count() >= 1, "fixes listed");
    assert.ok(await page.locator("#fixes li.fix .steps li").count() >= 1, "fix has steps");
    assert.ok(await page.locator("#causes meter").count() >= 1, "causes with bars");
  } else {
    // Before the knowledge base lands, the panels say what will appear instead of being blank.
    assert.match(await page.locator("#fixes").innerText(), /Fixes are listed here/);
    assert.match(await page.locator("#causes").innerText(), /Causes are ranked here/);
  }
  await done();
});

test("Skip offers the next-best question, lists the skipped one, and Ask again brings it back", async (t) => {
  if (!features.kb) return t.skip("knowledge base not built");
  const { page, done } = await open();
  await addText(page, DIALOG);
  const q = page.locator("#question .q-text");
  await q.waitFor();
  const first = await q.innerText();
  await page.locator("#skip").click();
  await page.locator("#question .skipped").getByText(first).waitFor();
  if (await q.count()) assert.notEqual(await q.innerText(), first, "the skipped question is not asked again");
  await page.locator("#question .skipped button").first().click();
  await page.locator("#question .q-text", { hasText: first }).waitFor();
  assert.equal(await page.locator("#question .skipped li").count(), 0);
  await done();
});

test("dropping an expired certificate (DER .cer) shows its card and the expired verdict", async () => {
  const { page, done } = await open();
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#host").press("Tab");
  const der = readFileSync(path.join(ROOT, "tests/e2e/fixtures/expired-rdp.cer")).toString("base64");
  await page.evaluate((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "rdp.cer", { type: "application/x-x509-ca-cert" }));
    const zone = document.querySelector(".paste-box");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, der);
  await page.locator("#evidence").getByText("rdp.cer").waitFor();
  assert.match(await page.locator("#evidence").innerText(), /Certificate/);
  if (features.cert) {
    const card = page.locator("#meaning .card.cert").first();
    await card.waitFor();
    assert.match(await card.innerText(), /srv01\.corp\.example/);
    assert.match(await card.innerText(), /expired \d+ days ago/);
    await page.locator("#meaning [data-verdict*=expired]").first().waitFor();
    if (features.kb) {
      const firstFix = page.locator("#fixes li.fix").first();
      await firstFix.waitFor();
      assert.match(await firstFix.getAttribute("data-causes"), /cert-expired/, "certificate renewal ranked first");
    }
  } else {
    // The stub decoder already reads PEM only: the dropped DER is kept as certificate evidence.
    assert.equal(await page.locator("#evidence .badge.kind-cert").count(), 1);
  }
  await done();
});

test("marking the top fix \"didn't help\" re-ranks the list", async () => {
  const { page, done } = await open();
  await addText(page, DIALOG);
  await page.locator("#meaning").getByText("0x904").first().waitFor();
  if (!features.kb) {
    assert.equal(await page.locator("#fixes li.fix").count(), 0, "no fixes without a knowledge base");
    return done();
  }
  const before = await fixOrder(page);
  assert.ok(before.length >= 2, `need two fixes, got ${before}`);
  await page.locator(`#fixes li.fix[data-fix="${before[0]}"] button[data-outcome=failed]`).click();
  await page.waitForFunction((top) => document.querySelector("#fixes li.fix")?.dataset.fix !== top
    || document.querySelector(`#fixes li.fix[data-fix="${top}"] button[data-outcome=failed][aria-pressed=true]`), before[0]);
  const afterOrder = await fixOrder(page);
  assert.notEqual(afterOrder[0], before[0], `order after "didn't help": ${afterOrder}`);
  assert.equal(await page.locator(`#fixes li.fix[data-fix="${before[0]}"] button[data-outcome=failed]`).getAttribute("aria-pressed"), "true");
  await done();
});

test("reload keeps items, host, answers and feedback", async () => {
  const { page, done } = await open();
  await addText(page, DIALOG);
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#host").press("Tab");
  await page.locator("#meaning").getByText("0x904").first().waitFor();
  let answered = null, failedFix = null;
  if (features.kb && await page.locator("#question .options button").count()) {
    answered = await page.locator("#question .q-text").innerText();
    await page.locator("#question .options button").first().click();
    await page.locator("#question .answered").waitFor();
  }
  if (features.kb && await page.locator("#fixes li.fix").count()) {
    failedFix = (await fixOrder(page))[0];
    await page.locator(`#fixes li.fix[data-fix="${failedFix}"] button[data-outcome=failed]`).click();
    await page.locator(`#fixes li.fix[data-fix="${failedFix}"] button[data-outcome=failed][aria-pressed=true]`).waitFor({ state: "attached" });
  }
  await page.waitForTimeout(300);
  await page.reload();
  await appReady(page);
  await page.locator("#evidence .item-label").getByText("Remote Desktop Connection").waitFor();
  await page.waitForFunction(() => document.querySelector("#host").value === "srv01.corp.example", null, { timeout: 5000 });
  await page.locator("#meaning").getByText("disconnectReasonAtClientWinsockFDCLOSE").first().waitFor();
  if (answered) await page.locator("#question .answered").getByText(answered.slice(0, 20)).first().waitFor();
  if (failedFix) await page.locator(`#fixes li.fix[data-fix="${failedFix}"] button[data-outcome=failed][aria-pressed=true]`).waitFor({ state: "attached", timeout: 10_000 });
  await done();
});

test("share link round trip restores the session in a fresh browser, never sending the payload", async () => {
  const { page, done } = await open();
  await addText(page, DIALOG);
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#host").press("Tab");
  await page.locator("#meaning").getByText("0x904").first().waitFor();
  await page.locator("#make-link").click();
  await page.locator("#export .warning").getByText(/contains everything you pasted/).waitFor();
  const link = await page.locator("#share-link").inputValue();
  assert.match(link, /#r=[A-Za-z0-9_-]+$/);
  await done();

  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  const urls = [];
  p2.on("request", (r) => urls.push(r.url()));
  await p2.goto(link);
  await p2.locator("#evidence .item-label").getByText("Remote Desktop Connection").waitFor();
  assert.equal(await p2.locator("#host").inputValue(), "srv01.corp.example");
  await p2.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").first().waitFor();
  assert.ok(!p2.url().includes("#r="), "the payload is removed from the address bar");
  assert.ok(urls.every((u) => !u.includes("r=")), "no request carries the payload");
  // A damaged link explains itself instead of failing silently.
  await p2.goto(server.url + "#r=not*base64");
  await p2.locator("#notice-error").getByText(/could not be opened/).waitFor();
  await ctx.close();
});

test("start over asks first, then clears the page and the saved session", async () => {
  const { page, done } = await open();
  await addText(page, DIALOG);
  await page.locator("#evidence li.item").waitFor();
  await page.locator("#start-over").click();
  await page.locator("#start-over-no").click();
  assert.equal(await page.locator("#evidence li.item").count(), 1, "cancel keeps everything");
  await page.locator("#start-over").click();
  await page.locator("#start-over-yes").click();
  await page.locator("#evidence.empty").waitFor();
  await page.reload();
  await appReady(page);
  assert.equal(await page.locator("#evidence li.item").count(), 0);
  await done();
});

test("a 10 MB paste is accepted without freezing, and the storage limit is explained", async () => {
  const { page, done } = await open();
  await page.evaluate(() => {
    const line = "2026-11-20 10:00:01 INFO client: nothing interesting happened here\n";
    let s = ""; while (s.length < 10 * 1024 * 1024) s += line;
    const dt = new DataTransfer(); dt.setData("text/plain", s + "Error code: 0x904\n");
    document.querySelector("#paste").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.locator("#meaning").getByText("disconnectReasonAtClientWinsockFDCLOSE").waitFor();
  await page.locator("#storage-warning").getByText(/will not survive a reload/).waitFor();
  assert.equal(await page.locator("#paste").inputValue(), "", "the text box never held the 10 MB");
  const shown = await page.locator("#evidence .item-text").evaluate((e) => e.textContent.length);
  assert.ok(shown < 20000, `rendered ${shown} characters of the paste`);
  await done();
});
