// Embedding in a helpdesk portal, with real pages on other loopback origins: the portal page
// (allowed in embed-config.json) frames the app with URL prefill, receives
// {type:"rdp-triage:report"} messages and can prefill by postMessage; a page on a third origin
// (not allowed) is ignored when it posts a prefill and cannot frame the app at all. Issue #14
// item 13: the frame stays compact (the long parts behind "Show the full plan"), tells the
// portal its height ({type:"rdp-triage:resize", height}), keeps its cases in its own storage
// slot, and works quietly in memory when the frame has no storage.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serveDist, launch, freePort, recordForeign, axeViolations, ROOT, appReady } from "./harness.mjs";

let app, portal, foreign, browser, tmp;

function pageServer(port, pages) {
  const srv = createServer((req, res) => {
    const body = pages[new URL(req.url, "http://x").pathname];
    res.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
    res.end(body ?? "not found");
  });
  return new Promise((resolve) => srv.listen(port, "127.0.0.1", () => resolve({ origin: `http://127.0.0.1:${port}`, stop: () => srv.close() })));
}

before(async () => {
  const portalPort = await freePort();
  const foreignPort = await freePort();
  tmp = mkdtempSync(path.join(tmpdir(), "rdp-triage-embed-"));
  cpSync(path.join(ROOT, "dist"), tmp, { recursive: true });
  writeFileSync(path.join(tmp, "embed-config.json"), JSON.stringify({ allowedOrigins: [`http://127.0.0.1:${portalPort}`] }));
  app = await serveDist(tmp);
  const appOrigin = new URL(app.url).origin;
  const frameSrc = `${app.url}?embed=1&code=0x904&ext=0x7&host=srv01.corp.example`;
  portal = await pageServer(portalPort, {
    "/portal.html": `<!doctype html><html lang="en"><head><title>Portal</title></head><body><h1>Ticket 123</h1>
      <iframe id="app" title="RDP Triage" src="${frameSrc}" width="900" height="700"></iframe>
      <script>window.__msgs = []; addEventListener("message", (e) => { if (e.origin === "${appOrigin}") window.__msgs.push(e.data); });</script>
      </body></html>`,
  });
  foreign = await pageServer(foreignPort, {
    "/poster.html": `<!doctype html><html><body><script>
      parent.frames[0].postMessage({ type: "rdp-triage:prefill", text: "Error code: 0x2407", host: "evil.example" }, "*");
      </script></body></html>`,
    "/framer.html": `<!doctype html><html><body><iframe id="app" title="x" src="${frameSrc}"></iframe></body></html>`,
  });
  browser = await launch();
});
after(async () => { await browser?.close(); app?.stop(); portal?.stop(); foreign?.stop(); if (tmp) rmSync(tmp, { recursive: true, force: true }); });

const hasCode = (msgs, code) => msgs.some((m) => m?.type === "rdp-triage:report" && m.report?.decoded?.some((d) => d.display === code));

test("portal frames the app, gets reports, prefills; a foreign origin is ignored", async () => {
  const page = await browser.newPage();
  const appOrigin = new URL(app.url).origin;
  const strays = recordForeign(page, [appOrigin, portal.origin, foreign.origin]);
  await page.goto(`${portal.origin}/portal.html`);
  const frame = page.frameLocator("#app");
  await frame.locator(".app.embed #paste").waitFor();
  // URL prefill: code/ext/host became evidence, and the report reached the parent.
  await page.waitForFunction(() => window.__msgs.some((m) => m.report?.decoded?.some((d) => d.display === "0x904")));
  assert.equal(await frame.locator("#host").inputValue(), "srv01.corp.example");
  assert.ok(hasCode(await page.evaluate(() => window.__msgs), "0x7"));

  // A third origin posts a prefill into the app frame: ignored.
  await page.evaluate((src) => { const f = document.createElement("iframe"); f.src = src; f.title = "other"; document.body.append(f); }, `${foreign.origin}/poster.html`);
  await page.waitForTimeout(600);
  // The portal itself (allowed) prefills by postMessage: accepted.
  await page.evaluate((o) => document.getElementById("app").contentWindow.postMessage({ type: "rdp-triage:prefill", text: "Error code: 0x204" }, o), appOrigin);
  await page.waitForFunction(() => window.__msgs.some((m) => m.report?.decoded?.some((d) => d.display === "0x204")));
  const msgs = await page.evaluate(() => window.__msgs);
  assert.ok(!hasCode(msgs, "0x2407"), "foreign prefill must be ignored");
  assert.equal(await frame.locator("#host").inputValue(), "srv01.corp.example");
  assert.doesNotMatch(await frame.locator("#evidence").innerText(), /0x2407/);
  const last = msgs.filter((m) => m?.type === "rdp-triage:report").at(-1);
  assert.equal(last.report.schema, "rdp-triage.report/1");
  assert.deepEqual(strays, []);
  await page.close();
});

test("a page on an origin not in embed-config.json cannot frame the app (CSP frame-ancestors)", async () => {
  const page = await browser.newPage();
  await page.goto(`${foreign.origin}/framer.html`);
  await page.waitForTimeout(1500);
  const child = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(child, "iframe exists");
  assert.equal(await child.locator("#paste").count(), 0, "the app did not load inside the foreign page");
  await page.close();
});

test("embedded layout passes axe without serious or critical violations", async () => {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await page.goto(`${app.url}?embed=1&code=0x904&ext=0x7`);
  await appReady(page);
  await page.locator(".app.embed #meaning .decoded").first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.close();
});

const resizes = (msgs) => msgs.filter((m) => m?.type === "rdp-triage:resize").map((m) => m.height);

test("compact frame: the long parts open behind \"Show the full plan\", and the portal hears every height", async () => {
  const page = await browser.newPage();
  await page.goto(`${portal.origin}/portal.html`);
  const frame = page.frameLocator("#app");
  await frame.locator(".app.embed #meaning .decoded").first().waitFor();
  await page.waitForFunction(() => window.__msgs.some((m) => m.type === "rdp-triage:resize"));
  await page.waitForTimeout(500);
  const closed = resizes(await page.evaluate(() => window.__msgs)).at(-1);
  assert.ok(Number.isInteger(closed) && closed > 200, `height ${closed}`);
  // The fixes, causes, export and probe panels are in the DOM but folded away; the verdict
  // stays outside the fold, so the frame reads verdict-first.
  assert.equal(await frame.locator("#fixes").isVisible(), false);
  assert.equal(await frame.locator("#verdict").isVisible(), true);
  assert.equal(await frame.locator("#full-plan #verdict").count(), 0);
  const summary = frame.locator("#full-plan > summary");
  assert.match(await summary.innerText(), /Show the full plan/);
  await summary.click();
  await frame.locator("#fixes li.fix").first().waitFor();
  await page.waitForFunction((h) => window.__msgs.some((m) => m.type === "rdp-triage:resize" && m.height > h + 300), closed);
  const open = resizes(await page.evaluate(() => window.__msgs)).at(-1);
  // The height posted is the content's, not the frame's 700 px.
  const content = await frame.locator(".app").evaluate((el) => el.offsetTop + el.offsetHeight);
  assert.equal(open, content);
  await summary.click();
  await page.waitForFunction((h) => { const r = window.__msgs.filter((m) => m.type === "rdp-triage:resize"); return r.at(-1).height < h; }, open);
  await page.close();
});

test("embedded cases have their own storage slot: the full app's saved case is untouched", async () => {
  const context = await browser.newContext();
  const full = await context.newPage();
  await full.goto(app.url);
  await appReady(full);
  await full.locator("#paste").fill("Error code: 0x2407");
  await full.locator("#add").click();
  await full.locator("#host").fill("srv-full.corp.example");
  await full.locator("#host").press("Tab");
  await full.waitForFunction(() => (localStorage.getItem("rdp-triage.session/1") ?? "").includes("srv-full"));
  await full.close();

  const page = await context.newPage();
  await page.goto(`${portal.origin}/portal.html`);
  const frame = page.frameLocator("#app");
  await frame.locator(".app.embed #meaning .decoded").first().waitFor();
  assert.equal(await frame.locator("#host").inputValue(), "srv01.corp.example");
  assert.doesNotMatch(await frame.locator("#evidence").innerText(), /0x2407/, "the full app's case does not show in the frame");
  assert.equal(await frame.locator("#kept-case").count(), 0);
  const inFrame = page.frames().find((f) => f.url().startsWith(app.url));
  await inFrame.waitForFunction(() => (localStorage.getItem("rdp-triage.embed.session/1") ?? "").includes("srv01.corp.example"));
  assert.match(await inFrame.evaluate(() => localStorage.getItem("rdp-triage.session/1") ?? ""), /srv-full/);
  await page.close();

  const again = await context.newPage();
  await again.goto(app.url);
  await appReady(again);
  await again.locator("#evidence").getByText("0x2407").first().waitFor();
  assert.equal(await again.locator("#host").inputValue(), "srv-full.corp.example");
  assert.doesNotMatch(await again.locator("#evidence").innerText(), /0x904/);
  await context.close();
});

test("a frame without storage works quietly in memory (no alert)", async () => {
  const context = await browser.newContext();
  // What Chromium does in a frame whose storage is blocked (third-party storage off): reading
  // window.localStorage throws a SecurityError. Applied to the app's frame only.
  await context.addInitScript(() => {
    if (window !== window.top) {
      Object.defineProperty(window, "localStorage", { configurable: true, get() { throw new DOMException("Access is denied for this document.", "SecurityError"); } });
    }
  });
  const page = await context.newPage();
  await page.goto(`${portal.origin}/portal.html`);
  const frame = page.frameLocator("#app");
  await frame.locator(".app.embed #meaning .decoded").first().waitFor();
  await frame.locator("#storage-quiet").waitFor();
  assert.equal(await frame.locator("#storage-warning").count(), 0, "no storage alert");
  const alerts = await frame.locator("[role=alert]").allInnerTexts();
  assert.deepEqual(alerts.map((t) => t.trim()).filter(Boolean), [], "nothing in the alert regions");
  await page.waitForFunction(() => window.__msgs.some((m) => m.report?.decoded?.some((d) => d.display === "0x904")));
  await context.close();
});
