// Bounded load test of the packaged edge handler (run by scripts/bench-edge): for workerd and
// for Node, installs the packed tarball, starts the handler on loopback, sends a fixed number of
// 0x904/0x7 requests at a fixed concurrency, and prints throughput, p50/p99 latency and memory.
// Memory: the runtimes' own resident memory grows under a new load whatever they serve (workerd
// serving a constant JSON grows about as much), so growth is judged two ways:
//  - the engine itself: the wasm linear memory after 20 000 in-process `diagnose` calls must
//    equal what it was after the first 1 000 (wasm memory never shrinks, so any leak shows);
//  - each runtime: its resident memory growth over the run, next to the growth of the same
//    runtime serving a constant response under the same load (the baseline); the engine's may
//    exceed the baseline's by at most 32 MB.
// Fails (exit 1) on any non-200 answer or report without causes, or on growth as above.
// Talks to 127.0.0.1 only; stops by itself.
import { installPackage, startNode, startWorkerd, startDeno, REQUEST_0x904, memory } from "./harness.mjs";
import { execFileSync } from "node:child_process";

const TOTAL = Number(process.env.EDGE_REQUESTS ?? 20000);
const CONCURRENCY = Number(process.env.EDGE_CONCURRENCY ?? 32);
const MARKS = [0.1, 0.25, 0.5, 0.75].map((f) => Math.floor(TOTAL * f));
const body = JSON.stringify(REQUEST_0x904);

async function load(s) {
  const latencies = new Float64Array(TOTAL);
  let next = 0, errors = 0, peakRss = 0;
  const rssAt = [];
  const sample = setInterval(() => { try { peakRss = Math.max(peakRss, memory(s.pid).rss); } catch { /* exited */ } }, 50);
  const t0 = performance.now();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= TOTAL) return;
      if (MARKS.includes(i)) rssAt.push(memory(s.pid).rss / 1024);
      const start = performance.now();
      try {
        const res = await fetch(s.url, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        if (res.status !== 200 || !text.includes('"causes":[{')) errors++;
      } catch { errors++; }
      latencies[i] = performance.now() - start;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sample);
  const end = memory(s.pid);
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { runtime: s.name, requests: TOTAL, concurrency: CONCURRENCY, seconds, rps: TOTAL / seconds, p50: pct(0.5), p99: pct(0.99), errors,
    rssAt, growthMB: end.rss / 1024 - rssAt[0], endRssMB: end.rss / 1024, peakRssMB: Math.max(peakRss, end.hwm) / 1024 };
}

const runtimes = (process.env.EDGE_RUNTIMES ?? "workerd,node").split(",");
const CONSTANT = `const reply = JSON.stringify({ schema: "rdp-triage.report/1", causes: [{ id: "constant" }] });`;
/** The same runtime serving a constant report: how much the runtime itself grows under this load. */
const baselines = {
  workerd: (pkg) => startWorkerd(pkg, `${CONSTANT} export default { async fetch(request) { await request.text(); return new Response(reply, { headers: { "content-type": "application/json" } }); } };`),
  node: (pkg) => startNode(pkg, `${CONSTANT} export default { async fetch(request) { await request.text(); return new Response(reply, { headers: { "content-type": "application/json" } }); } };`),
};
const starters = { workerd: startWorkerd, node: startNode, deno: startDeno };
const pkg = installPackage();
let failed = false;
try {
  const wasm = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", `
    import { ready, diagnose, memoryBytes } from "rdp-triage-engine";
    await ready();
    let first = 0;
    for (let i = 0; i < ${TOTAL}; i++) { diagnose(${JSON.stringify(body)}); if (i === 999) first = memoryBytes(); }
    console.log(JSON.stringify({ first, last: memoryBytes() }));`], { cwd: pkg.dir, encoding: "utf8" }));
  console.log(`engine in-process: wasm memory ${wasm.first} bytes after 1 000 diagnose calls, ${wasm.last} after ${TOTAL}`);
  if (wasm.last !== wasm.first) { console.error("edge load: the engine's wasm memory grew"); failed = true; }
  console.log(`edge load: ${TOTAL} requests of the 0x904/0x7 request, concurrency ${CONCURRENCY}, loopback`);
  console.log("runtime  | served   | req/s  | p50 ms | p99 ms | errors | RSS at 10/25/50/75 % of the run | RSS at end | growth | peak RSS");
  for (const name of runtimes) {
    const results = {};
    for (const [served, start] of [["engine", starters[name]], ["constant", baselines[name]]]) {
      if (!start) continue;
      const srv = await start(pkg);
      try {
        const r = await load(srv);
        results[served] = r;
        console.log(`${name.padEnd(8)} | ${served.padEnd(8)} | ${r.rps.toFixed(0).padStart(6)} | ${r.p50.toFixed(2).padStart(6)} | ${r.p99.toFixed(2).padStart(6)} | ${String(r.errors).padStart(6)} | ${r.rssAt.map((m) => m.toFixed(0)).join(" / ").padStart(21)} MB | ${r.endRssMB.toFixed(1).padStart(7)} MB | ${r.growthMB.toFixed(0).padStart(3)} MB | ${r.peakRssMB.toFixed(1)} MB`);
        if (r.errors > 0) { console.error(`edge load: ${name} (${served}): ${r.errors} failed requests`); failed = true; }
      } finally {
        await srv.stop();
      }
    }
    const e = results.engine, c = results.constant;
    if (e && c && e.growthMB > c.growthMB + 32) {
      console.error(`edge load: ${name}: grew ${e.growthMB.toFixed(0)} MB serving the engine against ${c.growthMB.toFixed(0)} MB serving a constant`);
      failed = true;
    }
  }
} finally {
  pkg.remove();
}
process.exit(failed ? 1 : 0);
