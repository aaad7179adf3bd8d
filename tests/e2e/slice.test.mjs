// End-to-end: the served page decodes a pasted 0x904/0x7 dialog in a real Chromium (paste, then Add).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test("pasting 0x904 / 0x7 shows both decoded meanings", async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.locator("#paste").fill("Remote Desktop Connection\nError code: 0x904\nExtended error code: 0x7");
  await page.locator("#add").click();
  const meaning = page.locator("#meaning");
  await meaning.getByText("disconnectReasonAtClientWinsockFDCLOSE").waitFor({ timeout: 5000 });
  const text = await meaning.innerText();
  assert.match(text, /ERRINFO_SERVER_DENIED_CONNECTION/);
  assert.match(text, /closed/i);
  await page.close();
});

test("decimal code 2308 decodes to 0x904 and garbage says what to paste", async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.locator("#paste").fill("error code 2308");
  await page.locator("#add").click();
  await page.locator("#meaning").getByText("0x904").first().waitFor({ timeout: 5000 });
  await page.locator("#paste").fill("lorem ipsum dolor");
  await page.locator("#add").click();
  await page.locator("#meaning").getByText(/Nothing in this text was recognised/).waitFor({ timeout: 5000 });
  await page.close();
});
