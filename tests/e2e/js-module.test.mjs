// The engine as a JS/wasm module: posts a request through the example edge handler
// (engine/js/edge-handler.mjs) and checks the report. Needs `scripts/build-js` to have run.
import { test } from "node:test";
import assert from "node:assert/strict";
import handler from "../../engine/js/edge-handler.mjs";

const post = (body, headers = { "content-type": "application/json" }) =>
  handler.fetch(new Request("http://edge.test/diagnose", { method: "POST", headers, body }));

test("a 0x904 / 0x7 request gets a ranked, explained report", async () => {
  const res = await post(JSON.stringify({
    schema: "rdp-triage.request/1",
    texts: ["Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7"],
    answers: { "other-users": "nobody" },
    now: "2026-11-21T09:00:00Z",
  }));
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type"), /application\/json/);
  const report = await res.json();
  assert.equal(report.schema, "rdp-triage.report/1");
  const names = report.decoded.map((d) => d.name);
  assert.ok(names.includes("disconnectReasonAtClientWinsockFDCLOSE"), names.join());
  assert.ok(names.includes("ERRINFO_SERVER_DENIED_CONNECTION"), names.join());
  assert.ok(report.causes.length >= 21);
  for (let i = 1; i < report.causes.length; i++) {
    assert.ok(report.causes[i - 1].probability >= report.causes[i].probability, "causes sorted by probability");
  }
  const sum = report.causes.reduce((s, c) => s + c.probability, 0);
  assert.ok(Math.abs(sum - 1) < 1e-6, `probabilities sum to ${sum}`);
  const firewall = report.causes.findIndex((c) => c.id === "firewall-blocked");
  assert.ok(firewall >= 5, `0x904 means TCP connected: firewall-blocked must not be near the top (rank ${firewall + 1})`);
  assert.ok(report.causes.slice(0, 5).some((c) => c.id.startsWith("cert-")), "a certificate cause is in the top 5");
  assert.ok(report.fixes.length >= 3);
  for (const f of report.fixes) {
    assert.ok(f.id && f.title && f.steps.length && f.verify && f.who && f.causes.length, JSON.stringify(f));
  }
  assert.deepEqual(report.answered.map((q) => [q.id, q.answer]), [["other-users", "nobody"]]);
});

test("bad input gives diagnostics, not exceptions", async () => {
  const garbage = await (await post("{not json")).json();
  assert.equal(garbage.schema, "rdp-triage.report/1");
  assert.equal(garbage.diagnostics[0].code, "request-invalid-json");

  const odd = await (await post(JSON.stringify({
    texts: ["Error code: 0x204"],
    answers: { "no-such-question": "yes" },
    feedback: { "no-such-fix": "failed" },
    probe: { schema: "rdp-triage.probe/99" },
  }))).json();
  const codes = odd.diagnostics.map((d) => d.code);
  for (const c of ["unknown-question", "unknown-fix"]) assert.ok(codes.includes(c), codes.join());
  assert.ok(codes.some((c) => c.startsWith("probe-")), codes.join());
  assert.equal(odd.causes[0].probability > 0, true);
});

test("only POST with JSON is served", async () => {
  const get = await handler.fetch(new Request("http://edge.test/diagnose"));
  assert.equal(get.status, 405);
  assert.equal(get.headers.get("allow"), "POST");
  const text = await post("hello", { "content-type": "text/plain" });
  assert.equal(text.status, 415);
});
