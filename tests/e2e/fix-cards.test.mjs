// The plan renders its first three fix cards (and every card that has feedback) with the
// report, and the others after "Show the other N fixes" or when the page is printed: the
// cards are most of the report's elements, and laying all of them out made each report slow
// (issue #16: first report ≤ 400 ms, later ones ≤ 100 ms, with the CPU slowed 4×).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, openWithReport } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const open = () => openWithReport(browser, server.url);

const cards = (page) => page.locator("#fixes li.fix").evaluateAll((els) => els.map((e) => e.dataset.fix));
/** How many fixes the plan has: the cards on screen and the ones the button offers. */
const planned = async (page) => (await page.locator("#fixes li.fix").count()) + Number((await page.locator("#more-fixes").innerText()).match(/(\d+) fixes/)[1]);

test("three cards with the report, the rest after Show the other fixes (focus on the first new one)", async () => {
  const { page, done } = await open();
  const shown = await cards(page);
  const total = await planned(page);
  assert.ok(total > 4, `the 0x904/0x7 plan has more than four fixes (${total})`);
  assert.equal(shown.length, 3, `only the first three cards: ${shown}`);
  const more = page.locator("#more-fixes");
  assert.equal(await more.innerText(), `Show the other ${total - 3} fixes`);
  await more.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((n) => document.querySelectorAll("#fixes li.fix").length === n, total);
  assert.deepEqual((await cards(page)).slice(0, 3), shown, "the first three stay where they were");
  assert.equal(await more.count(), 0, "the button is gone once every card is there");
  const fourth = (await cards(page))[3];
  await page.waitForFunction((id) => document.activeElement?.id === `fix-${id}`, fourth);
  await done();
});

test("a card with feedback stays on screen when it moves below the first three", async () => {
  const { page, done } = await open();
  const [top] = await cards(page);
  await page.locator(`#fixes li.fix[data-fix="${top}"] button[data-outcome=failed]`).click();
  await page.waitForFunction((id) => document.querySelector("#fixes li.fix")?.dataset.fix !== id, top);
  const after = await cards(page);
  assert.equal(after.length, 4, `three untried cards and the tried one: ${after}`);
  assert.ok(after.indexOf(top) >= 3, `the tried card moved down: ${after}`);
  assert.equal(await page.locator(`#fixes li.fix[data-fix="${top}"] button[data-outcome=failed]`).getAttribute("aria-pressed"), "true");
  assert.match(await page.locator("#more-fixes").innerText(), /^Show the other \d+ fix(es)?$/);
  await done();
});

test("printing renders every card first (the browser's own Print command and the Print button)", async () => {
  for (const how of ["beforeprint", "button"]) {
    const { page, done } = await open();
    const total = await planned(page);
    if (how === "beforeprint") {
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    } else {
      // The dialog itself is not opened in a test: window.print is replaced by a recorder that
      // counts the cards on the page at the moment printing starts.
      await page.evaluate(() => { window.print = () => { window.__printedCards = document.querySelectorAll("#fixes li.fix").length; }; });
      await page.locator("#print").click();
      await page.waitForFunction(() => window.__printedCards !== undefined);
      assert.equal(await page.evaluate(() => window.__printedCards), total, "every card is on the page when printing starts");
    }
    await page.waitForFunction((n) => document.querySelectorAll("#fixes li.fix").length === n, total);
    await done();
  }
});
