// Privacy in a real Chromium: a paste that holds a private key and a password raises a warning;
// the key and the password never reach local storage, the share link or the Markdown summary;
// "Hide user names, IP addresses and other host names" removes them from the summary and the
// link while keeping the host being diagnosed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import { serveDist, launch, addText, appReady } from "./harness.mjs";

let server, browser;
before(async () => { server = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const KEY_BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7privatekeymaterial";
const PASTE = [
  "Remote Desktop Connection",
  "Error code: 0x904",
  "Extended error code: 0x7",
  "User: CORP\\alice.jones connected from 10.20.30.40 via gw01.corp.example",
  "cmdkey /generic:TERMSRV/srv01.corp.example /user:CORP\\alice.jones /pass:Winter2026!",
  "-----BEGIN PRIVATE KEY-----",
  KEY_BODY,
  "-----END PRIVATE KEY-----",
].join("\n");

function decodeLink(link) {
  const frag = link.split("#r=")[1];
  const b64 = frag.replace(/-/g, "+").replace(/_/g, "/");
  return inflateRawSync(Buffer.from(b64, "base64")).toString("utf8");
}

test("secrets are flagged, never stored, never exported; redaction keeps only the diagnosed host", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#host").press("Tab");
  await addText(page, PASTE);
  await page.locator("#meaning").getByText("0x904").first().waitFor();
  // The page warns about the secret, and the secret is nowhere in the page (issue #14 item 1).
  await page.getByText(/cut out of the text before it was added/).first().waitFor();
  for (const show of await page.getByText(/Show the text/).all()) await show.click().catch(() => {});
  const html = await page.content();
  assert.ok(!html.includes(KEY_BODY), "the private key is not rendered anywhere");
  assert.ok(!html.includes("Winter2026!"), "the password is not rendered anywhere");
  assert.ok(html.includes("[private key removed]"), "the place of the key is marked");

  // Local storage never holds the key or the password.
  await page.waitForTimeout(300);
  const stored = await page.evaluate(() => localStorage.getItem("rdp-triage.session/1") || "");
  assert.ok(stored.includes("0x904"), "the session is saved");
  assert.ok(!stored.includes(KEY_BODY), "no private key in storage");
  assert.ok(!stored.includes("Winter2026!"), "no password in storage");

  // Without redaction: the summary and the link still leave secrets out.
  let md = await page.locator("#markdown").textContent();
  assert.ok(!md.includes(KEY_BODY) && !md.includes("Winter2026!"), "no secret in the summary");
  await page.locator("#make-link").click();
  let payload = decodeLink(await page.locator("#share-link").inputValue());
  assert.ok(payload.includes("0x904"), "the link carries the paste");
  assert.ok(!payload.includes(KEY_BODY) && !payload.includes("Winter2026!"), "no secret in the link");

  // With redaction: user names, IPs and other hosts go; the diagnosed host stays.
  await page.locator("#redact-ips").check();
  md = await page.locator("#markdown").textContent();
  for (const s of ["alice.jones", "10.20.30.40", "gw01.corp.example"]) assert.ok(!md.includes(s), `summary hides ${s}`);
  assert.ok(md.includes("srv01.corp.example"), "summary keeps the diagnosed host");
  await page.locator("#make-link").click();
  payload = decodeLink(await page.locator("#share-link").inputValue());
  for (const s of ["alice.jones", "10.20.30.40", "gw01.corp.example", KEY_BODY, "Winter2026!"]) {
    assert.ok(!payload.includes(s), `link hides ${s}`);
  }
  assert.ok(payload.includes("srv01.corp.example"), "link keeps the diagnosed host");
  await context.close();
});

test("a paste that is only a private key is discarded, never shown (issue #14 item 1)", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  await addText(page, ["-----BEGIN PRIVATE KEY-----", KEY_BODY, "-----END PRIVATE KEY-----"].join("\n"));
  await page.getByText(/It was discarded: nothing was added, shown or saved/).first().waitFor();
  await page.waitForTimeout(300);
  const html = await page.content();
  assert.ok(!html.includes(KEY_BODY), "the key is not in the DOM");
  const stored = await page.evaluate(() => localStorage.getItem("rdp-triage.session/1") || "");
  assert.ok(!stored.includes(KEY_BODY), "the key is not stored");
  await context.close();
});

/** Pastes `text` into the paste box as the browser does (a paste event with clipboard data). */
async function pasteEvent(page, text) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", t);
    document.querySelector("#paste").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

// A big paste takes the engine worker's path (web/src/hooks/use_engine_worker.rs): the worker
// looks for secrets; with one, the page cuts it before the item exists, as for any paste.
test("a big paste (over 64 KB) with secrets has them cut before it becomes an item", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url);
  await appReady(page);
  const filler = "2026-11-20 10:00:01.123 [INFO][com.freerdp.core] - nothing here\n".repeat(1500);
  await pasteEvent(page, filler + PASTE + "\n" + filler);
  await page.locator("#meaning").getByText("0x904").first().waitFor();
  await page.getByText(/cut out of the text before it was added/).first().waitFor();
  assert.equal(await page.locator("#paste").inputValue(), "", "the text box never held the big paste");
  assert.equal(await page.locator("#evidence li.item").count(), 1);
  for (const show of await page.getByText(/Show the text/).all()) await show.click().catch(() => {});
  const html = await page.content();
  assert.ok(!html.includes(KEY_BODY), "the private key is not rendered anywhere");
  assert.ok(!html.includes("Winter2026!"), "the password is not rendered anywhere");
  await page.waitForTimeout(300);
  const stored = await page.evaluate(() => localStorage.getItem("rdp-triage.session/1") || "");
  assert.ok(stored.includes("0x904"), "the session is saved");
  assert.ok(!stored.includes(KEY_BODY) && !stored.includes("Winter2026!"), "no secret in storage");
  // A big paste that is only a private key is discarded.
  const keyOnly = ["-----BEGIN PRIVATE KEY-----", ...Array(1200).fill(KEY_BODY), "-----END PRIVATE KEY-----"].join("\n");
  await pasteEvent(page, keyOnly);
  await page.getByText(/It was discarded: nothing was added, shown or saved/).first().waitFor();
  assert.equal(await page.locator("#evidence li.item").count(), 1, "nothing was added");
  await context.close();
});
