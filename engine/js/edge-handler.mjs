// The engine as an HTTP handler in the `export default { fetch(request) }` style that
// Cloudflare Workers (workerd), Deno and Node 18+ share: POST a request JSON
// (schema rdp-triage.request/1) and get the report JSON (rdp-triage.report/1) back. The engine is
// pure: nothing is stored or sent on. `createHandler(loadWasm)` lets a runtime say how the
// wasm is obtained (workerd.mjs passes the module it imported).
import { ready, diagnose } from "./index.mjs";

/** Largest request body accepted, in bytes (pastes of whole event logs fit comfortably). */
export const MAX_BODY = 2 * 1024 * 1024;

function json(status, body, extra = {}) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...extra },
  });
}

function problem(status, message, extra) {
  return json(status, { error: message, example: { schema: "rdp-triage.request/1", texts: ["Error code: 0x904\nExtended error code: 0x7"] } }, extra);
}

/**
 * Builds a `{ fetch(request) }` handler.
 * @param {() => (WebAssembly.Module | BufferSource | URL | undefined)} [wasm] what `ready()` gets.
 */
export function createHandler(wasm) {
  return {
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
      await ready(wasm?.());
      // Invalid JSON is reported inside the report's diagnostics, never as an exception.
      return json(200, diagnose(body));
    },
  };
}

export default createHandler();
