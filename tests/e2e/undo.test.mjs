// Issue #14 item 11: Undo for "This fixed it", "Didn't help", "Can't do this" and "Remove":
// a status line with an Undo button, reachable by keyboard (focus moves to it after Remove,
// Ctrl+Z outside text fields), focus put back where the change was, gone after the next
// action or a few seconds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, addText, axeViolations, openWithReport } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const DIALOG = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7";

const open = () => openWithReport(browser, server.url, DIALOG);

async function settle(page) {
  await page.waitForTimeout(250);
  await page.waitForFunction(() => (document.querySelector("#meaning .status")?.textContent ?? "") === "");
  await page.waitForTimeout(250);
}

const focused = (page) => page.evaluate(() => document.activeElement?.id ?? "");
const pressed = (page, fix, outcome) => page.locator(`#fixes li.fix[data-fix="${fix}"] button[data-outcome=${outcome}][aria-pressed=true]`).count();

for (const [outcome, words] of [["failed", /didn't help/], ["worked", /fixed it/], ["skipped", /can't do/]]) {
  test(`undo "${outcome}" with the Undo button, focus back on the fix`, async () => {
    const { page, done } = await open();
    const fix = await page.locator("#fixes li.fix").first().getAttribute("data-fix");
    await page.locator(`#fixes li.fix[data-fix="${fix}"] button[data-outcome=${outcome}]`).click();
    await page.locator("#undo").waitFor();
    assert.match(await page.locator(".undo-bar").innerText(), words);
    assert.equal(await pressed(page, fix, outcome), 1);
    await page.locator("#undo").click();
    await settle(page);
    assert.equal(await pressed(page, fix, outcome), 0, "the feedback is gone");
    assert.equal(await page.locator("#undo").count(), 0, "the offer ends once used");
    assert.equal(await focused(page), `fix-${fix}`, "focus back on the fix card");
    assert.doesNotMatch(await page.evaluate(() => localStorage.getItem("rdp-triage.session/1")), /"feedback":\{"/);
    await done();
  });
}

test("Ctrl+Z after Didn't help (focus on the moved card) undoes it", async () => {
  const { page, done } = await open();
  const fix = await page.locator("#fixes li.fix").first().getAttribute("data-fix");
  await page.locator(`#fixes li.fix[data-fix="${fix}"] button[data-outcome=failed]`).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((id) => document.activeElement?.id === id, `fix-${fix}`);
  await page.keyboard.press("Control+z");
  await settle(page);
  assert.equal(await pressed(page, fix, "failed"), 0);
  await done();
});

test("Remove: focus goes to Undo, Enter brings the item back with focus on its Remove button", async () => {
  const { page, done } = await open();
  await page.locator("#evidence .remove").first().click();
  await page.waitForFunction(() => document.activeElement?.id === "undo");
  assert.equal(await page.locator("#evidence li.item").count(), 0);
  assert.match(await page.locator(".undo-bar").innerText(), /Removed/);
  await page.keyboard.press("Enter");
  await page.locator("#evidence li.item").waitFor();
  await page.locator("#meaning").getByText("0x904").first().waitFor();
  await settle(page);
  assert.match(await focused(page), /^remove-\d+$/);
  assert.equal(await page.locator("#fixes li.fix").count() > 0, true, "the advice is back");
  await done();
});

test("the offer ends with the next action, and after a few seconds", async () => {
  const { page, done } = await open();
  const fixes = page.locator("#fixes li.fix");
  await fixes.first().locator("button[data-outcome=skipped]").click();
  await page.locator("#undo").waitFor();
  await addText(page, "Event ID: 1058");
  await page.locator("#undo").waitFor({ state: "detached" });
  await settle(page);
  await page.locator("#fixes li.fix").first().locator("button[data-outcome=worked]").click();
  await page.locator("#undo").waitFor();
  assert.deepEqual(await axeViolations(page), [], "axe with the undo line showing");
  await page.locator("#undo").waitFor({ state: "detached", timeout: 15_000 });
  await done();
});
