// Example edge handler for the RDP Triage engine (Cloudflare Workers / Deno / Node 20+ style):
// `export default { fetch(request) }`. POST a request JSON (schema rdp-triage.request/1) and get
// the report JSON (rdp-triage.report/1) back. The engine is pure: nothing is stored or sent on.
// Build the module first with `scripts/build-js` (it writes ./pkg/).
import init, { diagnose } from "./pkg/rdp_triage_engine.js";

/** Largest request body accepted, in bytes (pastes of whole event logs fit comfortably). */
export const MAX_BODY = 2 * 1024 * 1024;

let ready;
/** Instantiates the wasm once. Reads the file directly under Node (whose fetch has no file: URLs). */
export function ensureReady() {
  ready ??= (async () => {
    const url = new URL("./pkg/rdp_triage_engine_bg.wasm", import.meta.url);
    if (url.protocol === "file:" && typeof Deno === "undefined") {
      const { readFile } = await import("node:fs/promises");
      await init({ module_or_path: await readFile(url) });
    } else {
      await init({ module_or_path: url });
    }
  })();
  return ready;
}

function json(status, body, extra = {}) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...extra },
  });
}

function problem(status, message, extra) {
  return json(status, { error: message, example: { schema: "rdp-triage.request/1", texts: ["Error code: 0x904\nExtended error code: 0x7"] } }, extra);
}

export default {
  async fetch(request) {
    if (request.method !== "POST") {
      return problem(405, "POST a JSON request body (schema rdp-triage.request/1).", { allow: "POST" });
    }
    const type = request.headers.get("content-type") ?? "";
    if (!type.toLowerCase().startsWith("application/json")) {
      return problem(415, "Send the request as Content-Type: application/json.");
    }
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > MAX_BODY) return problem(413, `The request is larger than ${MAX_BODY} bytes.`);
    const body = await request.text();
    if (body.length > MAX_BODY) return problem(413, `The request is larger than ${MAX_BODY} bytes.`);
    await ensureReady();
    // Invalid JSON is reported inside the report's diagnostics, never as an exception.
    return json(200, diagnose(body));
  },
};
