// The engine worker's warm-up (static/engine-worker.js): it goes once through the page's own
// handling of a first paste (`warmPage`: the state takes the sample, makes the job, the engine
// answers it, the page's reader reads the report and the state takes it in), so the browser
// compiles that code on the worker's core while the page mounts (the module's compiled code is
// shared with the page). The worker swallows warm-up errors, so this runs the call it makes on
// the built module, in Node: a dialog code goes all the way through; a paste with nothing to
// decode says so.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./harness.mjs";

test("the worker's warm-up goes through the page's handling of a first paste", async () => {
  const dist = path.join(ROOT, "dist");
  const glue = await import(pathToFileURL(path.join(dist, "web.js")).href);
  await glue.default({ module_or_path: readFileSync(path.join(dist, "web_bg.wasm")) });
  const worker = readFileSync(path.join(ROOT, "static/engine-worker.js"), "utf8");
  // The same call the worker makes on {warm}.
  const call = worker.match(/warmPage\("([^"]+)", new Date\(\)\.toISOString\(\)\)/);
  assert.ok(call, "engine-worker.js warms up with warmPage(sample, now)");
  const now = new Date().toISOString();
  assert.equal(glue.warmPage(call[1], now), true, `the sample ${JSON.stringify(call[1])} is decoded and its report taken in`);
  assert.equal(glue.warmPage("nothing to decode here", now), false);
  assert.equal(glue.warmPage("", now), false);
});
