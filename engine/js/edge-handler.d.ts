// Declarations for the edge handler (edge-handler.mjs).
export interface FetchHandler { fetch(request: Request): Promise<Response>; }
/** Largest request body accepted, in bytes. */
export const MAX_BODY: number;
/** A `{ fetch }` handler; `wasm` says how to get the engine's wasm where files can't be read. */
export function createHandler(wasm?: () => WebAssembly.Module | BufferSource | URL | undefined): FetchHandler;
declare const handler: FetchHandler;
export default handler;
