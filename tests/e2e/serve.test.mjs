// The static server (scripts/serve.py) and the build's gzip copies: a file with a FILE.gz copy
// beside it goes gzip-encoded to a client that accepts gzip, as it is to one that does not, and
// as it is when the file was rewritten after its copy was made; every copy that scripts/build-web
// wrote in dist/ decodes to exactly its file.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { gzipSync, gunzipSync } from "node:zlib";
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serveDist, ROOT } from "./harness.mjs";

/** GET without any automatic decoding: status, headers and the body bytes as sent. */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, timeout: 10_000 }, (res) => {
      const parts = [];
      res.on("data", (c) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

test("a fresh gzip copy is sent gzip-encoded only to a client that accepts gzip; a stale one never", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rdp-triage-serve-"));
  const text = "RDP Triage ".repeat(500);
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(path.join(dir, "app.js"), text);
  writeFileSync(path.join(dir, "app.js.gz"), gzipSync(text));
  const server = await serveDist(dir);
  try {
    const gz = await get(`${server.url}app.js`, { "Accept-Encoding": "gzip, deflate, br" });
    assert.equal(gz.status, 200);
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.equal(gz.headers["content-type"], "text/javascript");
    assert.equal(Number(gz.headers["content-length"]), gz.body.length);
    assert.ok(gz.body.length < text.length / 10, `sent ${gz.body.length} bytes`);
    assert.equal(gunzipSync(gz.body).toString(), text);
    assert.match(gz.headers.vary, /Accept-Encoding/);
    assert.ok(gz.headers["content-security-policy"], "the policy header goes with the copy too");

    const raw = await get(`${server.url}app.js`);
    assert.equal(raw.headers["content-encoding"], undefined);
    assert.equal(raw.body.toString(), text);

    // The file rewritten after its copy was made (as a test rewrites embed-config.json): the
    // copy is older, so the file goes as it is.
    const later = new Date(Date.now() + 5_000);
    writeFileSync(path.join(dir, "app.js"), "changed");
    utimesSync(path.join(dir, "app.js"), later, later);
    const stale = await get(`${server.url}app.js`, { "Accept-Encoding": "gzip" });
    assert.equal(stale.headers["content-encoding"], undefined);
    assert.equal(stale.body.toString(), "changed");

    // A file without a copy, and the page itself at "/", go as they are.
    const page = await get(server.url, { "Accept-Encoding": "gzip" });
    assert.equal(page.headers["content-encoding"], undefined);
    assert.match(page.body.toString(), /<title>t<\/title>/);
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the build's gzip copies decode to exactly their files, and the big ones are there", () => {
  const dist = path.join(ROOT, "dist");
  const copies = readdirSync(dist).filter((f) => f.endsWith(".gz"));
  for (const must of ["index.html.gz", "web.js.gz", "web_bg.wasm.gz", "signatures-intl.json.gz"]) {
    assert.ok(copies.includes(must), `dist/${must} is missing`);
  }
  for (const c of copies) {
    const file = readFileSync(path.join(dist, c.slice(0, -3)));
    assert.ok(gunzipSync(readFileSync(path.join(dist, c))).equals(file), `dist/${c} does not decode to its file`);
  }
});
