// Quality checks in a real Chromium: axe-core (no serious/critical violations) on every screen
// in light and dark, desktop and 360 px; pasted script/HTML never executes; nothing is requested
// from another origin; keyboard-only use reaches Add and the result.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { serveDist, launch, recordForeign, axeViolations, addText, ROOT, appReady } from "./harness.mjs";

let server, browser, origin;
before(async () => { server = await serveDist(); browser = await launch(); origin = new URL(server.url).origin; });
after(async () => { await browser?.close(); server?.stop(); });

const DIALOG = "Remote Desktop Connection\nError code: 0x904\nExtended error code: 0x7";
const PEM = readFileSync(path.join(ROOT, "tests/e2e/fixtures/expired-rdp.pem"), "utf8");

for (const scheme of ["light", "dark"]) {
  for (const width of [1280, 360]) {
    test(`axe: every screen, ${scheme}, ${width} px`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
      const page = await ctx.newPage();
      const foreign = recordForeign(page, [origin]);
      await page.goto(server.url);
      await appReady(page);
      const screens = {};
      screens.empty = await axeViolations(page);
      await addText(page, DIALOG);
      await page.locator("#meaning .decoded").first().waitFor();
      await addText(page, PEM);
      await page.locator("#evidence .kind-cert").waitFor();
      await page.locator("#host").fill("srv01.corp.example");
      await page.locator("#host").press("Tab");
      await page.locator("#export details summary").click();
      await page.locator("#make-link").click();
      await page.locator("#share-link").waitFor();
      screens.results = await axeViolations(page);
      await page.locator("#start-over").click();
      await page.locator("#start-over-yes").waitFor();
      screens.confirm = await axeViolations(page);
      for (const [name, v] of Object.entries(screens)) assert.deepEqual(v, [], `${name} screen`);
      if (width === 360) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page is ${overflow} px wider than a 360 px screen`);
      }
      assert.deepEqual(foreign, []);
      await ctx.close();
    });
  }
}

test("pasted script and HTML never execute (text box, files, URL prefill, share link)", async () => {
  const page = await browser.newPage();
  let dialogs = 0;
  page.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
  const payloads = [
    `<script>window.__xss = 1</script>`,
    `<img src=x onerror="window.__xss = 2">`,
    `<svg onload="window.__xss = 3"></svg> Error code: 0x904`,
    `"><iframe srcdoc="<script>parent.__xss = 4</script>"></iframe>`,
    `<a href="javascript:window.__xss=5">click</a> Extended error code: 0x7`,
    `{"schema":"rdp-triage.probe/1","target":"<img src=x onerror=window.__xss=6>","port":3389}`,
    `-----BEGIN CERTIFICATE-----\n<img src=x onerror=window.__xss=7>\n-----END CERTIFICATE-----`,
  ];
  const text = encodeURIComponent(`<img src=x onerror="window.__xss=8"> Error code: 0x904`);
  await page.goto(`${server.url}?text=${text}&host=${encodeURIComponent("<b onmouseover=alert(1)>h</b>")}`);
  await appReady(page);
  for (const p of payloads) await addText(page, p);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["<script>window.__xss = 9</script><img src=x onerror=window.__xss=10>"], "<img src=x onerror=alert(1)>.html"));
    document.querySelector(".paste-box").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.locator("#evidence li.item").nth(payloads.length + 1).waitFor();
  await page.locator("#export details summary").click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator("#evidence img, #evidence script, #evidence iframe, #evidence svg, #evidence a[href^=javascript], #markdown img").count(), 0);
  assert.match(await page.locator("#evidence").innerText(), /<img src=x onerror/);
  await page.close();
});

test("keyboard only: focus reaches the paste box, Ctrl+Enter adds, focus is visible", async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await appReady(page);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "skip-link");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "paste", "skip link lands in the paste box");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "focused control shows an outline");
  await page.keyboard.type("Error code: 0x904");
  await page.keyboard.press("Control+Enter");
  await page.locator("#meaning .decoded").first().waitFor();
  await page.close();
});

test("an overlay knowledge file from another origin is refused and never requested", async () => {
  const page = await browser.newPage();
  const foreign = recordForeign(page, [origin]);
  await page.goto(`${server.url}?overlay=${encodeURIComponent("http://127.0.0.1:9/org-knowledge.json")}`);
  await page.locator("#notice-error").getByText(/another site.*only files from/).waitFor();
  assert.deepEqual(foreign, []);
  // A same-origin file that is not JSON is reported too.
  await page.goto(`${server.url}?overlay=index.html`);
  await page.locator("#notice-error").getByText(/not valid JSON/).waitFor();
  await page.close();
});

test("works offline after the first load (service worker), including the engine", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(server.url);
  await appReady(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await appReady(page);
  await ctx.setOffline(true);
  await page.reload();
  await appReady(page);
  await addText(page, "Error code: 0x904\nExtended error code: 0x7");
  await page.locator("#meaning").getByText("ERRINFO_SERVER_DENIED_CONNECTION").waitFor();
  await ctx.close();
});
