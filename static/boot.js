// Loads the wasm app, and until it has mounted makes the page shell of index.html work.
// External (not inline) so the page needs no 'unsafe-inline' in its CSP.
//  - The shell: Add (and Ctrl+Enter), a paste over 64 KB and dropped files are queued in
//    `globalThis.__rdpTriageShell`; the app takes the queue, the host, the text and the focus
//    when it mounts (web/src/hooks/use_shell.rs calls `take()`, which also removes the
//    shell's document listeners) and analyses what was queued at once.
//  - The app: web.js is imported dynamically, so the shell is wired before it has arrived;
//    web_bg.wasm is compiled once and kept for the engine worker, which is started as soon as
//    the module is compiled and warms up (instantiates, loads the knowledge) while the page
//    mounts (web/src/hooks/use_engine_worker.rs uses that worker). Marks "rdp-triage-compiled"
//    (module compiled), "rdp-triage-init" (instantiating) and "rdp-triage-ready" (the app has
//    mounted; scripts/budget.mjs and the e2e tests read them). The service worker that keeps
//    the app working offline is registered SW_DELAY_MS later: it is not needed for the first
//    report, and its download and install would compete with it.
const LARGE_PASTE = 64 * 1024; // as paste_box.rs
const SW_DELAY_MS = 3000;

const shell = (globalThis.__rdpTriageShell = { queue: [], lastInput: -1, take: null });
// Embedded (?embed=1 or in a frame): the shell takes the app's compact layout at once.
const shellEl = document.getElementById("shell");
if (shellEl && (new URLSearchParams(location.search).get("embed") === "1" || window.top !== window.self)) {
  shellEl.classList.add("embed");
}
const box = document.getElementById("paste");
const add = document.getElementById("add");
const status = document.getElementById("shell-status");
if (box && add && status) {
  const queue = (item) => {
    shell.queue.push(item);
    const n = shell.queue.length;
    status.textContent = `${n} ${n === 1 ? "piece is" : "pieces are"} waiting: analysed as soon as the analysis engine has loaded.`;
  };
  add.addEventListener("click", () => {
    if (box.value.trim()) queue(box.value);
    else status.textContent = "There is nothing to add yet: paste the error dialog text, an event log entry, a certificate or a probe report.";
    box.value = "";
    box.focus();
  });
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); add.click(); }
  });
  box.addEventListener("input", () => { shell.lastInput = performance.now(); });
  // A whole log is queued as it is: megabytes in the text box would be laid out for seconds.
  box.addEventListener("paste", (e) => {
    const text = e.clipboardData ? e.clipboardData.getData("text") : "";
    if (text.length > LARGE_PASTE) { e.preventDefault(); queue(text); }
  });
  // A file dropped anywhere is queued (the browser would otherwise open it instead of the page).
  const over = (e) => e.preventDefault();
  const drop = (e) => {
    e.preventDefault();
    for (const f of (e.dataTransfer && e.dataTransfer.files) || []) queue(f);
  };
  document.addEventListener("dragover", over);
  document.addEventListener("drop", drop);
  shell.take = () => {
    document.removeEventListener("dragover", over);
    document.removeEventListener("drop", drop);
    // `typing`: the box had a keystroke in the last second (the text stays in the box then).
    const taken = { queue: shell.queue, typing: shell.lastInput >= 0 && performance.now() - shell.lastInput < 1000 };
    shell.queue = [];
    return taken;
  };
}

async function compile(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const type = res.headers.get("Content-Type") || "";
  return type.startsWith("application/wasm") && WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(res)
    : WebAssembly.compile(await res.arrayBuffer());
}

const compiled = compile(new URL("./web_bg.wasm", import.meta.url)).then((module) => {
  performance.mark("rdp-triage-compiled");
  globalThis.__rdpTriageModule = module;
  try {
    const worker = new Worker(new URL("./engine-worker.js", import.meta.url), { type: "module" });
    // A worker that fails to load before the app takes it is dropped: the app then starts its
    // own and reports the failure.
    worker.addEventListener("error", () => {
      if (globalThis.__rdpTriageWorker === worker) globalThis.__rdpTriageWorker = undefined;
    });
    worker.postMessage({ warm: true, module });
    globalThis.__rdpTriageWorker = worker;
  } catch { /* the app starts its own worker (and reports it if workers are blocked) */ }
  return module;
});
Promise.all([import("./web.js"), compiled])
  .then(([glue, module]) => { performance.mark("rdp-triage-init"); return glue.default({ module_or_path: module }); })
  .then(() => {
    performance.mark("rdp-triage-ready");
    if ("serviceWorker" in navigator) {
      setTimeout(() => navigator.serviceWorker.register("./sw.js").catch(() => {}), SW_DELAY_MS);
    }
  })
  .catch((err) => {
    document.body.insertAdjacentText("beforeend", `RDP Triage could not start: ${err && err.message ? err.message : err}. Reload the page; if it persists, the server may be missing web_bg.wasm or serving it with the wrong type.`);
  });
