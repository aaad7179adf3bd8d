// The page's side of the local probe bridge (protocol v1, BRIEF.md) in a real Chromium, against
// a loopback HTTP server that speaks the protocol as `rdp-probe serve` does (pairing token spent
// once, session bearer, Origin/Host checks, CORS for the app origin only, host pinning). The
// page must ask for confirmation, pair once, scan, and put the probe report into the evidence.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { serveDist, launch, freePort, recordForeign, appReady } from "./harness.mjs";

let app, bridge, browser, appOrigin;
const TOKEN = "pairTOKEN123";
const log = [];

function startBridge(port) {
  let pairing = TOKEN, session = null, pinned = null;
  const srv = createServer((req, res) => {
    const origin = req.headers.origin;
    log.push(`${req.method} ${req.url}`);
    const cors = { "access-control-allow-origin": appOrigin, vary: "Origin" };
    if (origin !== appOrigin || ![`127.0.0.1:${port}`, `localhost:${port}`].includes(req.headers.host)) {
      res.writeHead(403); return res.end();
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, { ...cors, "access-control-allow-methods": "POST", "access-control-allow-headers": "authorization, content-type",
        "access-control-allow-private-network": "true", "access-control-max-age": "60" });
      return res.end();
    }
    const auth = (req.headers.authorization || "").replace(/^Bearer /, "");
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => {
      if (req.url === "/v1/pair") {
        if (!pairing || auth !== pairing) { res.writeHead(401, cors); return res.end(); }
        pairing = null; session = "sess-" + Math.random().toString(36).slice(2);
        res.writeHead(200, { ...cors, "content-type": "application/json" });
        return res.end(JSON.stringify({ session }));
      }
      if (req.url === "/v1/scan") {
        if (!session || auth !== session) { res.writeHead(401, cors); return res.end(); }
        const { host, port: p } = JSON.parse(body);
        if (pinned && pinned !== host) { res.writeHead(403, cors); return res.end(); }
        pinned = host;
        res.writeHead(200, { ...cors, "content-type": "application/json" });
        return res.end(JSON.stringify({ schema: "rdp-triage.probe/1", target: host, port: p }));
      }
      res.writeHead(404, cors); res.end();
    });
  });
  return new Promise((resolve) => srv.listen(port, "127.0.0.1", () => resolve({ port, stop: () => srv.close() })));
}

before(async () => {
  app = await serveDist();
  appOrigin = new URL(app.url).origin;
  bridge = await startBridge(await freePort());
  browser = await launch();
});
after(async () => { await browser?.close(); app?.stop(); bridge?.stop(); });

test("run probe from this computer: confirm, pair once, scan, report added; other hosts refused", async () => {
  const page = await browser.newPage();
  const foreign = recordForeign(page, [appOrigin, `http://127.0.0.1:${bridge.port}`]);
  await page.goto(`${app.url}#bridge=${bridge.port}.${TOKEN}`);
  await appReady(page);
  assert.ok(!page.url().includes(TOKEN), "the one-time token is removed from the address bar");
  await page.locator("#host").fill("srv01.corp.example");
  await page.locator("#host").press("Tab");
  await page.locator("#bridge-run").click();
  assert.equal(log.filter((l) => l.startsWith("POST")).length, 0, "nothing is sent before the user confirms");
  await page.locator("#bridge-confirm").click();
  await page.locator("#evidence").getByText("Probe report for srv01.corp.example").waitFor();
  await page.locator("#probe .success").waitFor();
  // A second scan of the same host reuses the session (no second pairing).
  await page.locator("#bridge-run").click();
  await page.locator("#bridge-confirm").click();
  for (let i = 0; i < 100 && log.filter((l) => l === "POST /v1/scan").length < 2; i++) await page.waitForTimeout(50);
  await page.locator("#probe .success").waitFor();
  assert.equal(log.filter((l) => l === "POST /v1/pair").length, 1);
  assert.equal(log.filter((l) => l === "POST /v1/scan").length, 2);
  // Another host is refused by the helper; the page says why.
  await page.locator("#host").fill("other.example");
  await page.locator("#host").press("Tab");
  await page.locator("#bridge-run").click();
  await page.locator("#bridge-confirm").click();
  await page.locator("#probe .bridge [role=alert]").getByText(/only scans the first host/).waitFor();
  assert.deepEqual(foreign, []);
  await page.close();
});
