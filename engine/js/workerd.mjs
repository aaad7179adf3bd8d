// Worker entry for Cloudflare Workers / workerd: the runtime has no file access, so the engine's
// wasm is imported as a compiled module (a `wasm` module in the worker's configuration, see
// workerd.capnp) and handed to the handler. workerd treats every export of a worker's main
// module as a handler, so this module exports the handler only.
import engineWasm from "./pkg/rdp_triage_engine_bg.wasm";
import { createHandler } from "./edge-handler.mjs";

export default createHandler(() => engineWasm);
