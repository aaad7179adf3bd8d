// Loads the wasm app. External (not inline) so the page needs no 'unsafe-inline' in its CSP.
// Marks "rdp-triage-ready" once the app has mounted (the interactive-time measurement reads it),
// then registers the service worker that keeps the app working offline.
import init from "./web.js";
init().then(() => {
  performance.mark("rdp-triage-ready");
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("./sw.js").catch(() => {});
});
