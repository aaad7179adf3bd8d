// Loads the wasm app. External (not inline) so the page needs no 'unsafe-inline' in its CSP.
import init from "./web.js";
init();
