// Service worker: keeps the app usable offline after the first visit. Network first (so a
// new deployment is picked up at once), falling back to the cached copy when offline. Only
// same-origin GETs of the app's own files are cached; nothing else is touched.
const CACHE = "rdp-triage-v4";
const SHELL = ["./", "./index.html", "./boot.js", "./web.js", "./web_bg.wasm",
  "./engine-worker.js", "./embed-config.json", "./signatures-intl.json"];

self.addEventListener("install", (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (e) => {
  e.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});
self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || url.origin !== self.location.origin) return;
  // The rdp-probe downloads (probe/) are large and fetched on purpose: never cached.
  if (url.pathname.includes("/probe/")) return;
  e.respondWith(
    fetch(e.request)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(e.request, copy));
        }
        return res;
      })
      .catch(() => caches.match(e.request, { ignoreSearch: true }).then((hit) => hit || caches.match("./index.html"))),
  );
});
