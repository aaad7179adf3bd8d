// Declarations for the workerd worker entry (workerd.mjs): the handler only.
import type { FetchHandler } from "./edge-handler.js";
declare const handler: FetchHandler;
export default handler;
