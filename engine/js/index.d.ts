// Declarations for the package's main entry (index.mjs): the engine's functions and the
// request/report types.
export type * from "./types.js";
import type { DiagnoseRequest, DiagnoseReport } from "./types.js";

/** Runs the engine on a request JSON string; returns the report JSON string. Never throws on bad input: problems are report diagnostics. */
export function diagnose(requestJson: string): string;
/** Parses one pasted text; returns `{decoded, findings, diagnostics}` as a JSON string. */
export function analyzeText(text: string): string;
/** The Markdown ticket summary of a report JSON string. */
export function reportToMarkdown(reportJson: string): string;
/** `{request, report, probe, overlay}` schema versions, as a JSON string. */
export function schemaVersions(): string;
/** Parses and validates the embedded knowledge afresh: `{causes, questions, fixes, errors}` as a JSON string. */
export function knowledgeCheck(): string;
/** Instantiates the engine once. Omit `wasm` in Node and Deno; pass the imported module in Workers. */
export function ready(wasm?: WebAssembly.Module | BufferSource | URL | Response): Promise<void>;
/** `ready()`, then `diagnose` on an object; returns the parsed report. */
export function diagnoseObject(request: DiagnoseRequest): Promise<DiagnoseReport>;
/** Size of the engine's WebAssembly memory in bytes (0 before `ready()`); it never shrinks, so a leak shows as growth. */
export function memoryBytes(): number;
