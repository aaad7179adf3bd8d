// Times `diagnose` of the wasm module under Node on the same full request as the native bench
// (engine/benches/full-request.json). Run by scripts/bench-engine after scripts/build-js.
import { readFile } from "node:fs/promises";
import init, { diagnose, knowledgeCheck, knowledgeLoad } from "./pkg/rdp_triage_engine.js";

const wasm = await readFile(new URL("./pkg/rdp_triage_engine_bg.wasm", import.meta.url));
const t0 = performance.now();
await init({ module_or_path: wasm });
const initMs = performance.now() - t0;
const request = await readFile(new URL("../benches/full-request.json", import.meta.url), "utf8");
const c0 = performance.now();
const first = JSON.parse(diagnose(request));
const coldMs = performance.now() - c0; // includes parsing the embedded knowledge and code catalog
if (!first.causes?.length) throw new Error("no causes in the report");
for (let i = 0; i < 200; i++) diagnose(request);
const runs = Number(process.env.RUNS ?? 2000);
// Runs in rounds: on a shared machine the median of the quietest round (the best of the round
// medians) is the figure to compare; the median over all runs is printed too.
const rounds = 10;
const per = Math.max(1, Math.floor(runs / rounds));
const times = [];
let bestRound = Infinity;
for (let r = 0; r < rounds; r++) {
  const t = [];
  for (let i = 0; i < per; i++) {
    const s = performance.now();
    diagnose(request);
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  bestRound = Math.min(bestRound, t[t.length >> 1]);
  times.push(...t);
}
times.sort((a, b) => a - b);
const loads = [];
let bestLoad = Infinity;
for (let r = 0; r < rounds; r++) {
  const t = [];
  for (let i = 0; i < 10; i++) {
    const s = performance.now();
    const n = knowledgeLoad(); // what an engine start does: read and index the knowledge
    t.push(performance.now() - s);
    if (!(n > 0)) throw new Error("no knowledge entries");
  }
  t.sort((a, b) => a - b);
  bestLoad = Math.min(bestLoad, t[t.length >> 1]);
  loads.push(...t);
}
loads.sort((a, b) => a - b);
// The health check (read, index and validate), which is not part of a start.
const checks = [];
for (let i = 0; i < 50; i++) {
  const s = performance.now();
  const k = JSON.parse(knowledgeCheck());
  checks.push(performance.now() - s);
  if (k.errors.length) throw new Error(`knowledge errors: ${k.errors.join("; ")}`);
}
checks.sort((a, b) => a - b);
const med = times[Math.floor(times.length / 2)];
console.log(`bench wasm (Node ${process.version}): diagnose full request median ${(med * 1000).toFixed(1)} µs = ${med.toFixed(3)} ms over ${times.length} runs, best round median ${bestRound.toFixed(3)} ms (${rounds} rounds of ${per}; target <= 2 ms); module init ${initMs.toFixed(1)} ms; first call (cold: knowledge + catalog load, lazy wasm compilation) ${coldMs.toFixed(1)} ms; knowledge load as a start does it (warm module) median ${loads[loads.length >> 1].toFixed(2)} ms, best round median ${bestLoad.toFixed(2)} ms (target <= 2 ms); knowledgeCheck (load + validation) median ${checks[checks.length >> 1].toFixed(2)} ms; wasm ${wasm.length} bytes`);
