// The RDP Triage engine as an ES module for Node, Deno and edge runtimes: re-exports the
// wasm-bindgen functions and adds `ready()`, which instantiates the WebAssembly once per
// process or isolate. Node and Deno read the .wasm file shipped beside this module; a runtime
// without file access (Cloudflare Workers / workerd) passes the compiled module it imported.
import init, {
  diagnose,
  analyzeText,
  reportToMarkdown,
  schemaVersions,
  knowledgeCheck,
} from "./pkg/rdp_triage_engine.js";

export { diagnose, analyzeText, reportToMarkdown, schemaVersions, knowledgeCheck };

let instantiating;
let exportsOfWasm;

async function wasmFromPackage() {
  const url = new URL("./pkg/rdp_triage_engine_bg.wasm", import.meta.url);
  if (globalThis.Deno?.readFile && url.protocol === "file:") return globalThis.Deno.readFile(url);
  if (globalThis.process?.versions?.node && url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return readFile(url);
  }
  return url; // a runtime that serves the package over http(s) fetches it
}

/**
 * Instantiates the engine (once; later calls return the same promise).
 * @param {WebAssembly.Module | BufferSource | URL | Response} [wasm] the engine's wasm; omit it
 *   in Node and Deno, where the file shipped with the package is read.
 */
export function ready(wasm) {
  instantiating ??= (async () => {
    exportsOfWasm = await init({ module_or_path: wasm ?? (await wasmFromPackage()) });
  })();
  return instantiating;
}

/** Size of the engine's WebAssembly memory in bytes (0 before `ready()`): a health figure for
 * long-running back ends; wasm memory never shrinks, so a leak would show as growth. */
export function memoryBytes() {
  return exportsOfWasm?.memory.buffer.byteLength ?? 0;
}

/** Convenience: instantiate if needed, then diagnose a request object; returns the report object. */
export async function diagnoseObject(request) {
  await ready();
  return JSON.parse(diagnose(JSON.stringify(request)));
}
