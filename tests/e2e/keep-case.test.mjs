// Issue #14 item 3: opening a share link (in a new tab, or in the open page through the
// address bar) or an address with evidence in it never overwrites the agent's own saved case.
// The shared case opens beside it: a banner says the own case is kept and switches back to it,
// intact (evidence, host, fix feedback), and the choice survives a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, addText, axeViolations, appReady } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const OWN = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7";
const SHARED = "Your computer can't connect to the remote computer.\nError code: 0x2407\nExtended error code: 0x0";

async function settle(page) {
  await page.waitForTimeout(250);
  await page.waitForFunction(() => (document.querySelector("#meaning .status")?.textContent ?? "") === "");
  await page.waitForTimeout(250);
}

/** A share link for another case, made by the app itself in a separate browser context. */
async function shareLinkFor(text, host) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(server.url);
  await appReady(p);
  await addText(p, text);
  await p.locator("#host").fill(host);
  await p.locator("#host").press("Tab");
  await p.locator("#meaning").getByText("0x2407").first().waitFor();
  await p.locator("#make-link").click();
  const link = await p.locator("#share-link").inputValue();
  await ctx.close();
  return link;
}

async function ownCase(context) {
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  await addText(page, OWN);
  await page.locator("#host").fill("srv-own.corp.example");
  await page.locator("#host").press("Tab");
  await page.locator("#fixes li.fix").first().waitFor();
  await settle(page);
  const fix = await page.locator("#fixes li.fix").first().getAttribute("data-fix");
  await page.locator(`#fixes li.fix[data-fix="${fix}"] button[data-outcome=failed]`).click();
  await page.waitForFunction(() => (localStorage.getItem("rdp-triage.session/1") ?? "").includes("failed"));
  return { page, fix };
}

async function assertOwn(page, fix) {
  await page.locator("#evidence .item-label").getByText("Remote Desktop Connection").waitFor();
  assert.equal(await page.locator("#host").inputValue(), "srv-own.corp.example");
  assert.equal(await page.locator("#evidence li.item").count(), 1);
  await page.locator(`#fixes li.fix[data-fix="${fix}"] button[data-outcome=failed][aria-pressed=true]`).waitFor({ state: "attached" });
  assert.doesNotMatch(await page.locator("#evidence").innerText(), /0x2407/);
}

test("a share link opened in a new tab keeps the saved case; switch back restores it intact", async () => {
  const link = await shareLinkFor(SHARED, "srv-shared.corp.example");
  const context = await browser.newContext();
  const { page, fix } = await ownCase(context);
  await page.close();

  const tab = await context.newPage();
  const errors = [];
  tab.on("pageerror", (e) => errors.push(e.message));
  await tab.goto(link);
  await appReady(tab);
  await tab.locator("#evidence").getByText("0x2407").first().waitFor();
  assert.equal(await tab.locator("#host").inputValue(), "srv-shared.corp.example");
  const banner = tab.locator("#kept-case");
  await banner.waitFor();
  assert.match(await banner.innerText(), /Your own case is kept/);
  assert.match(await banner.innerText(), /srv-own\.corp\.example/);
  assert.deepEqual(await axeViolations(tab), [], "axe with the banner showing");
  // The own case is still in storage, beside the shared one.
  assert.match(await tab.evaluate(() => localStorage.getItem("rdp-triage.kept/1") ?? ""), /srv-own\.corp\.example/);

  // A reload keeps both.
  await tab.reload();
  await appReady(tab);
  await tab.locator("#kept-case").waitFor();
  assert.equal(await tab.locator("#host").inputValue(), "srv-shared.corp.example");

  await tab.locator("#switch-case").click();
  await assertOwn(tab, fix);
  // The shared case is now the one kept aside: nothing was lost either way.
  assert.match(await tab.locator("#kept-case").innerText(), /other case is kept.*srv-shared/is);
  await tab.reload();
  await appReady(tab);
  await assertOwn(tab, fix);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a share link opened in the open page (address bar, hash change) keeps the case too", async () => {
  const link = await shareLinkFor(SHARED, "srv-shared.corp.example");
  const context = await browser.newContext();
  const { page, fix } = await ownCase(context);
  await page.evaluate((h) => { location.hash = h; }, new URL(link).hash);
  await page.locator("#evidence").getByText("0x2407").first().waitFor();
  await page.locator("#kept-case").waitFor();
  await page.locator("#switch-case").click();
  await assertOwn(page, fix);
  await context.close();
});

test("an address with evidence (?code=) opened over a saved case keeps that case; a reload adds nothing", async () => {
  const context = await browser.newContext();
  const { page, fix } = await ownCase(context);
  await page.goto(`${server.url}?code=0x2407&host=srv-prefill`);
  await appReady(page);
  await page.locator("#evidence").getByText("0x2407").first().waitFor();
  assert.equal(await page.locator("#host").inputValue(), "srv-prefill");
  await page.locator("#kept-case").waitFor();
  await page.reload();
  await appReady(page);
  await page.locator("#evidence").getByText("0x2407").first().waitFor();
  await settle(page);
  assert.equal(await page.locator("#evidence li.item").count(), 1, "the reload did not add the code twice");
  await page.locator("#switch-case").click();
  await assertOwn(page, fix);
  await context.close();
});
