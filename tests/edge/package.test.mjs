// The engine as an npm package, where portals run it: the tarball from scripts/build-js is
// installed into a fresh project and exercised in Node (through the package's `exports`), type-
// checked with TypeScript against its declarations, and served by its edge handler in Node,
// Deno and workerd on loopback, each answering the 0x904/0x7 request and a malformed one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, REQUEST_0x904, installPackage, startNode, startDeno, startWorkerd, post } from "./harness.mjs";

let pkg;
before(() => { pkg = installPackage(); });
after(() => pkg?.remove());

test("the package carries the workspace version and the files it declares", () => {
  const cargo = readFileSync(path.join(ROOT, "Cargo.toml"), "utf8");
  const ws = cargo.slice(cargo.indexOf("[workspace.package]"));
  assert.equal(pkg.version, ws.match(/^version = "(.*)"/m)[1]);
  const manifest = JSON.parse(readFileSync(path.join(pkg.pkgDir, "package.json"), "utf8"));
  assert.equal(manifest.name, "rdp-triage-engine");
  for (const f of manifest.files) readFileSync(path.join(pkg.pkgDir, f)); // throws when missing
  assert.ok(manifest.exports["."].types && manifest.exports["./workerd"].default && manifest.exports["./edge-handler"].default);
});

test("Node: the package's main export diagnoses through its `exports` map", () => {
  const script = `
    import { ready, diagnose, diagnoseObject, schemaVersions, knowledgeCheck, reportToMarkdown } from "rdp-triage-engine";
    await ready();
    const r = await diagnoseObject(${JSON.stringify(REQUEST_0x904)});
    const bad = JSON.parse(diagnose("{not json"));
    console.log(JSON.stringify({
      top: r.causes.slice(0, 5).map((c) => c.id), decoded: r.decoded.map((d) => d.name),
      fixes: r.fixes.length, bad: bad.diagnostics.map((d) => d.code), schema: JSON.parse(schemaVersions()).report,
      kb: JSON.parse(knowledgeCheck()).errors.length, md: reportToMarkdown(JSON.stringify(r)).includes("0x904"),
    }));`;
  const out = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: pkg.dir, encoding: "utf8" }));
  assert.ok(out.decoded.includes("disconnectReasonAtClientWinsockFDCLOSE"), out.decoded.join());
  assert.ok(out.decoded.includes("ERRINFO_SERVER_DENIED_CONNECTION"), out.decoded.join());
  assert.ok(!out.top.slice(0, 3).includes("firewall-blocked"), `0x904 means TCP connected: ${out.top}`);
  assert.ok(out.fixes >= 3);
  assert.deepEqual(out.bad, ["request-invalid-json"]);
  assert.equal(out.schema, "rdp-triage.report/1");
  assert.equal(out.kb, 0);
  assert.equal(out.md, true);
});

test("TypeScript: the declarations type-check a consumer and catch a wrong field", () => {
  const tsc = path.join(ROOT, "node_modules/.bin/tsc");
  const cfg = { compilerOptions: { strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", lib: ["es2022", "dom"], skipLibCheck: false }, files: ["consumer.ts"] };
  writeFileSync(path.join(pkg.dir, "tsconfig.json"), JSON.stringify(cfg));
  writeFileSync(path.join(pkg.dir, "consumer.ts"), `
    import { diagnoseObject, type DiagnoseReport, type DiagnoseRequest } from "rdp-triage-engine";
    import handler, { MAX_BODY } from "rdp-triage-engine/edge-handler";
    const req: DiagnoseRequest = { schema: "rdp-triage.request/1", texts: ["Error code: 0x904"], answers: { "other-users": "nobody" }, feedback: { "renew-rdp-self-signed-cert": "failed" } };
    export async function first(): Promise<string | undefined> {
      const r: DiagnoseReport = await diagnoseObject(req);
      const q = r.next_question?.options.map((o) => o.id);
      return r.causes[0]?.id + String(q?.length) + String(MAX_BODY) + String(typeof handler.fetch);
    }
  `);
  execFileSync(tsc, ["-p", "."], { cwd: pkg.dir, encoding: "utf8" });
  // The declarations must also refuse what the engine does not read.
  writeFileSync(path.join(pkg.dir, "consumer.ts"), `
    import type { DiagnoseRequest } from "rdp-triage-engine";
    export const bad: DiagnoseRequest = { feedback: { "renew-rdp-self-signed-cert": "maybe" } };
  `);
  assert.throws(() => execFileSync(tsc, ["-p", "."], { cwd: pkg.dir, encoding: "utf8", stdio: "pipe" }),
    (e) => /"maybe"/.test(String(e.stdout)) && /not assignable/.test(String(e.stdout)));
});

for (const [name, start] of [["Node", startNode], ["Deno", startDeno], ["workerd", startWorkerd]]) {
  test(`${name}: the packaged edge handler serves reports on loopback`, async () => {
    const s = await start(pkg);
    try {
      const res = await post(s.url, REQUEST_0x904);
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type"), /application\/json/);
      const r = await res.json();
      assert.equal(r.schema, "rdp-triage.report/1");
      assert.ok(r.decoded.some((d) => d.name === "disconnectReasonAtClientWinsockFDCLOSE"));
      assert.ok(r.causes.length >= 21);
      const sum = r.causes.reduce((a, c) => a + c.probability, 0);
      assert.ok(Math.abs(sum - 1) < 1e-6, `probabilities sum to ${sum}`);
      assert.ok(r.causes.findIndex((c) => c.id === "firewall-blocked") >= 3);

      const bad = await post(s.url, "{not json");
      assert.equal(bad.status, 200);
      assert.deepEqual((await bad.json()).diagnostics.map((d) => d.code), ["request-invalid-json"]);

      const wrongType = await post(s.url, "x", "text/plain");
      assert.equal(wrongType.status, 415);
      const get = await fetch(s.url);
      assert.equal(get.status, 405);
    } finally {
      await s.stop();
    }
  });
}
