// The engine worker: loads the engine's wasm (engine.js / engine_bg.wasm, the `js` feature of
// the engine crate) and answers {id, request, texts, certificates} with {id, report} (JSON
// strings). Texts and certificates travel as separate strings so the page never escapes a
// 10 MB paste into JSON on its main thread; they are put back into the request here.
// Started by the app on its first analysis (web/src/hooks/use_engine_worker.rs).
import init, { diagnose } from "./engine.js";

const ready = init();
self.onmessage = async (e) => {
  const { id, request, texts, certificates } = e.data;
  try {
    await ready;
    const req = JSON.parse(request);
    req.texts = texts || [];
    req.certificates = certificates || [];
    self.postMessage({ id, report: diagnose(JSON.stringify(req)) });
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};
