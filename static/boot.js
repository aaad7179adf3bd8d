// Loads the wasm app. External (not inline) so the page needs no 'unsafe-inline' in its CSP.
// Compiles web_bg.wasm once and keeps the module for the engine worker, which runs the same
// module (web/src/hooks/use_engine_worker.rs). Marks "rdp-triage-ready" once the app has
// mounted (the interactive-time measurement reads it), then registers the service worker that
// keeps the app working offline.
import init from "./web.js";

async function compile(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const type = res.headers.get("Content-Type") || "";
  return type.startsWith("application/wasm") && WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(res)
    : WebAssembly.compile(await res.arrayBuffer());
}

compile(new URL("./web_bg.wasm", import.meta.url))
  .then((module) => {
    globalThis.__rdpTriageModule = module;
    return init({ module_or_path: module });
  })
  .then(() => {
    performance.mark("rdp-triage-ready");
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js").catch(() => {});
  })
  .catch((err) => {
    document.body.insertAdjacentText("beforeend", `RDP Triage could not start: ${err && err.message ? err.message : err}. Reload the page; if it persists, the server may be missing web_bg.wasm or serving it with the wrong type.`);
  });
