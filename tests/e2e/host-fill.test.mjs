// Issue #14 item 8: the host named in a paste (here an event's Computer line, and an mstsc
// command line) is offered for the host field ("Found X in the event"), and once it is there
// the commands of the fixes and the questions name it instead of the SERVER placeholder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, addText, appReady } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const EVENT = `Log Name:      Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin
Source:        Microsoft-Windows-TerminalServices-RemoteConnectionManager
Event ID:      1058
Level:         Error
Computer:      RDS01.contoso.local
Description:
The RD Session Host Server has failed to replace the expired self signed certificate used for RD Session Host Server authentication on TLS connection.`;
const DIALOG = "Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x204\nExtended error code: 0x0";

async function settle(page) {
  await page.waitForTimeout(250);
  await page.waitForFunction(() => (document.querySelector("#meaning .status")?.textContent ?? "") === "");
  await page.waitForTimeout(250);
}

const commands = (page) => page.locator("#fixes code, #question .q-text").allTextContents();

test("the event's Computer is offered, and fills the commands and questions", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  await addText(page, DIALOG);
  await addText(page, EVENT);
  await page.locator("#fixes li.fix").first().waitFor();
  await settle(page);
  const before = (await commands(page)).join("\n");
  assert.match(before, /\bSERVER\b/, "the placeholder shows while no host is known");

  const offer = page.locator("#host-offer");
  await offer.waitFor();
  assert.match(await offer.innerText(), /RDS01\.contoso\.local.*event/s);
  await page.locator("#use-host").click();
  assert.equal(await page.locator("#host").inputValue(), "RDS01.contoso.local");
  await settle(page);
  const after = (await commands(page)).join("\n");
  assert.doesNotMatch(after, /\bSERVER\b/, "no placeholder once the host is known");
  assert.match(after, /RDS01\.contoso\.local/);
  assert.equal(await page.locator("#host-offer").count(), 0, "the host in use is not offered again");
  // The ticket summary's commands name it too.
  assert.doesNotMatch(await page.locator("#markdown").textContent(), /\bSERVER\b/);
  await context.close();
});

test("mstsc /v:host:port is offered with its port, and /v: commands keep the port", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  await addText(page, `C:\\> mstsc.exe /v:srv09.corp.example:3390\n${DIALOG}`);
  await page.locator("#host-offer").waitFor();
  assert.match(await page.locator("#host-offer").innerText(), /srv09\.corp\.example:3390.*command line/s);
  await page.locator("#use-host").click();
  assert.equal(await page.locator("#host").inputValue(), "srv09.corp.example:3390");
  await settle(page);
  const all = await commands(page);
  assert.ok(all.some((c) => /\bsrv09\.corp\.example\b/.test(c)), "the commands name the host");
  assert.ok(all.every((c) => !/\bSERVER\b/.test(c)), "no placeholder left");
  assert.ok(all.every((c) => !/\/v:SERVER|\/v:srv09\.corp\.example(?!:3390)/.test(c)), all.join(" | "));
  await context.close();
});
