// The README's two set-up commands are the ones the scripts and CI use, so they cannot drift.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./harness.mjs";

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const setup = readme.split(/^## /m).find((s) => s.startsWith("Set up"));

test("README's Set up section gives exactly two commands", () => {
  assert.ok(setup, "README needs a '## Set up' section");
  const cmds = [...setup.matchAll(/```(?:sh|bash)\n([^`]+)```/g)].map((m) => m[1].trim());
  assert.deepEqual(cmds, ["./scripts/serve", "./scripts/test"]);
  for (const c of cmds) assert.ok(statSync(path.join(ROOT, c)).mode & 0o111, `${c} must be executable`);
});

test(".ci/run calls the README's test command and nothing weaker", () => {
  const ci = readFileSync(path.join(ROOT, ".ci/run"), "utf8");
  const lines = ci.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));
  assert.ok(lines.some((l) => /^\s*exec \.\/scripts\/test\s*$/.test(l)), ".ci/run must exec ./scripts/test");
  assert.ok(!/--skip|SKIP_|\|\| *true/.test(ci), ".ci/run must not weaken the test command");
  assert.ok(existsSync(path.join(ROOT, "scripts/test")));
});

test("serve command serves on 127.0.0.1:8080 by default", () => {
  const serve = readFileSync(path.join(ROOT, "scripts/serve"), "utf8");
  assert.match(serve, /PORT:-8080/);
  assert.match(readFileSync(path.join(ROOT, "scripts/serve.py"), "utf8"), /127\.0\.0\.1/);
});
