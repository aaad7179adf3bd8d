// Times `diagnose` of the wasm module under Node on the same full request as the native bench
// (engine/benches/full-request.json). Run by scripts/bench-engine after scripts/build-js.
import { readFile } from "node:fs/promises";
import init, { diagnose, knowledgeCheck } from "./pkg/rdp_triage_engine.js";

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
const times = [];
for (let i = 0; i < runs; i++) {
  const s = performance.now();
  diagnose(request);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const loads = [];
for (let i = 0; i < 50; i++) {
  const s = performance.now();
  const k = JSON.parse(knowledgeCheck());
  loads.push(performance.now() - s);
  if (k.errors.length) throw new Error(`knowledge errors: ${k.errors.join("; ")}`);
}
loads.sort((a, b) => a - b);
const med = times[Math.floor(times.length / 2)];
console.log(`bench wasm (Node ${process.version}): diagnose full request median ${(med * 1000).toFixed(1)} µs = ${med.toFixed(3)} ms over ${runs} runs (target <= 2 ms); module init ${initMs.toFixed(1)} ms; first call (cold: knowledge + catalog load, lazy wasm compilation) ${coldMs.toFixed(1)} ms; knowledge load (warm module) median ${loads[25].toFixed(2)} ms; wasm ${wasm.length} bytes`);
