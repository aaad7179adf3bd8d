# workerd configuration that serves the packaged edge handler (workerd.mjs) on loopback.
# Run from the package folder: workerd serve workerd.capnp --socket-addr http=127.0.0.1:8787
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "rdp-triage", worker = .engine) ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "rdp-triage") ],
);

const engine :Workerd.Worker = (
  modules = [
    (name = "workerd.mjs", esModule = embed "workerd.mjs"),
    (name = "edge-handler.mjs", esModule = embed "edge-handler.mjs"),
    (name = "index.mjs", esModule = embed "index.mjs"),
    (name = "pkg/rdp_triage_engine.js", esModule = embed "pkg/rdp_triage_engine.js"),
    (name = "pkg/rdp_triage_engine_bg.wasm", wasm = embed "pkg/rdp_triage_engine_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
);
