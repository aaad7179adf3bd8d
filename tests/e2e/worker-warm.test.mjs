// The engine worker's warm-up (static/engine-worker.js): it runs one small analysis and reads
// the report with `readReport`, the page's own report reader, so the browser compiles that
// reader on the worker's core while the page mounts (the module's compiled code is shared
// with the page; a trace of a cold load at 4x CPU shows the page's first report task about
// 45 ms shorter). The worker swallows warm-up errors, so this checks the exports it calls on
// the built module, in Node: the warm-up report is read, a damaged one is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./harness.mjs";

test("the worker's warm-up report is read by the page's reader; a damaged one is refused", async () => {
  const dist = path.join(ROOT, "dist");
  const glue = await import(pathToFileURL(path.join(dist, "web.js")).href);
  await glue.default({ module_or_path: readFileSync(path.join(dist, "web_bg.wasm")) });
  const worker = readFileSync(path.join(ROOT, "static/engine-worker.js"), "utf8");
  // The same call the worker makes on {warm}.
  const call = worker.match(/readReport\(engineJob\(('[^']*'), (\[[^\]]*\]), \[\]\)\)/);
  assert.ok(call, "engine-worker.js reads its warm-up report with readReport(engineJob(...))");
  const report = glue.engineJob(call[1].slice(1, -1), JSON.parse(call[2]), []);
  const parsed = JSON.parse(report);
  assert.ok(parsed.causes.length > 0 && parsed.fixes.length > 0, "the warm-up report has causes and fixes to read");
  assert.equal(glue.readReport(report), true);
  assert.equal(glue.readReport(report.slice(0, report.length / 2)), false, "a report cut in half");
  assert.equal(glue.readReport('{"schema":"rdp-triage.report/1","causes":"none"}'), false);
});
