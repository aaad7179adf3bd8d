// The engine worker. It runs the app's own wasm module (web.js / web_bg.wasm: one module holds
// the page and the engine, so nothing more is downloaded for the first analysis) and answers
// {id, request, texts, certificates} with {id, report} (JSON strings). Texts and certificates
// travel as separate strings so the page never escapes a 10 MB paste into JSON on its main
// thread. The page sends its compiled WebAssembly.Module along (`module`), so the worker
// instantiates it without fetching or compiling again; without it, web_bg.wasm is fetched.
// boot.js starts this worker as soon as the module is compiled and sends {warm, module}: the
// worker instantiates the module and goes once through the page's own handling of a first
// paste (`warmPage`: the state, the job, the analysis, which loads the knowledge, and reading
// the report), which compiles that code for the page too, while the page mounts; no answer.
// The app (web/src/hooks/use_engine_worker.rs) then sends its jobs to this worker (or starts
// its own on its first analysis).
// {pack} (the engine's non-English signatures, which the page fetched after its first report
// and loaded into its own engine) is loaded into the worker's engine; no answer.
// {id, scan} (a big paste, as the JS string the page got) is scanned for secrets before it
// becomes an item, so the page's main thread does not: the answer is {id, secrets} (a boolean)
// and, without secrets, the text as UTF-8 bytes (`bytes`, transferred: copying bytes into the
// page's wasm is a memcpy, where converting the JS string there walks it character by
// character). A paste with secrets is cut by the page as any paste.
import init, { engineJob, hasSecrets, loadSignaturePack, warmPage } from "./web.js";

let ready = null;
self.onmessage = async (e) => {
  const { id, module, warm, request, texts, certificates, scan, pack } = e.data;
  try {
    if (!ready) ready = init(module ? { module_or_path: module } : undefined);
    await ready;
    if (typeof pack === "string") {
      loadSignaturePack(pack); // the page loaded the same pack, so it is valid; no answer
      return;
    }
    if (warm) {
      // The page's own handling of a first paste, once: loads the knowledge and compiles the
      // page's state logic and report reader here (the module's code is shared with the page),
      // not on the page's main thread at the agent's first Add.
      warmPage("Error code: 0x904", new Date().toISOString());
      return;
    }
    if (typeof scan === "string") {
      if (hasSecrets(scan)) {
        self.postMessage({ id, secrets: true });
        return;
      }
      const bytes = new TextEncoder().encode(scan);
      self.postMessage({ id, secrets: false, bytes }, [bytes.buffer]);
      return;
    }
    self.postMessage({ id, report: engineJob(request, texts || [], certificates || []) });
  } catch (err) {
    if (!warm) self.postMessage({ id, error: String((err && err.message) || err) });
  }
};
