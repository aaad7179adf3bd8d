// TypeScript shapes of the engine's JSON interfaces: the request (rdp-triage.request/1) and the
// report (rdp-triage.report/1). The JSON Schema files are the normative definition; these
// declarations follow the engine's Rust types field by field.

/** Outcome the user reported for a fix. */
export type FixOutcome = "failed" | "worked" | "skipped";

/** Everything known about one failing connection (schema "rdp-triage.request/1"). */
export interface DiagnoseRequest {
  schema?: "rdp-triage.request/1" | string;
  /** Pasted texts: dialogs, logs, tool output, the user's own words. */
  texts?: string[];
  /** Certificates as text: PEM, base64 DER or hex. */
  certificates?: string[];
  /** A probe report (schema "rdp-triage.probe/1"), as produced by `rdp-probe scan --json`. */
  probe?: Record<string, unknown> | null;
  /** Question ID -> option ID (from `report.next_question`). */
  answers?: Record<string, string>;
  /** Fix ID -> outcome. */
  feedback?: Record<string, FixOutcome>;
  /** Question IDs the user skipped. */
  skipped?: string[];
  /** The host name or address typed in the Remote Desktop client. */
  host?: string | null;
  /** The current time, RFC 3339 (the engine has no clock). */
  now?: string | null;
  /** An organisation's overlay knowledge (schema "rdp-triage.overlay/1"). */
  overlay?: Record<string, unknown> | null;
}

export interface Span { item: number; start: number; end: number; }

export interface Finding {
  /** Evidence key, e.g. "disc:0x904", "msg:cert-expired". */
  evidence: string;
  strength: "hard" | "soft";
  origin: "text" | "certificate" | "probe" | "answer";
  title: string;
  detail: string;
  source?: string;
  span?: Span;
}

export interface Diagnostic {
  severity: "info" | "warning" | "error";
  code: string;
  message: string;
  span?: Span;
}

export interface DecodedCode {
  space: "disconnect" | "extended" | "neg-failure" | "hresult" | "tls-alert" | "event" | "freerdp" | "protocol" | "ntstatus" | "freerdp-exit";
  code: number;
  display: string;
  name: string | null;
  meaning: string;
  side: "client" | "server" | "network" | "either" | null;
  status: "documented" | "observed" | null;
  source: string | null;
  evidence: string;
}

export interface CertVerdict {
  id: string;
  severity: "info" | "warning" | "error";
  title: string;
  explanation: string;
  [field: string]: unknown;
}

export interface CertReport {
  index: number;
  leaf: boolean;
  subject: string;
  issuer: string;
  serial: string;
  not_before: string;
  not_after: string;
  days_left: number;
  sans: string[];
  ekus: string[];
  key_usage: string[];
  is_ca: boolean;
  key: string;
  signature_algorithm: string;
  self_signed: boolean;
  thumbprint_sha1: string;
  thumbprint_sha256: string;
  /** [OID or name, value, critical] */
  extensions: [string, string, boolean][];
  verdicts: CertVerdict[];
}

export interface Why { evidence: string; label: string; ratio: number; }

export interface RankedCause {
  /** Stable cause ID (portals map these to ticket categories). */
  id: string;
  title: string;
  probability: number;
  description: string;
  confirm: string;
  why: Why[];
}

export interface Command { shell: string; text: string; }
export interface Step { text: string; command?: Command; }

export interface RankedFix {
  id: string;
  title: string;
  causes: string[];
  who: string;
  minutes: number;
  risk: string;
  risk_note?: string;
  privileges: string;
  steps: Step[];
  verify: string;
  rollback?: string;
  contact?: string;
  probability: number;
  why: string;
  feedback?: FixOutcome;
}

export interface OptionView { id: string; label: string; }

export interface QuestionView {
  id: string;
  text: string;
  help?: string;
  options: OptionView[];
  /** The chosen option, in `answered`. */
  answer?: string;
}

/** The answer (schema "rdp-triage.report/1"). */
export interface DiagnoseReport {
  schema: "rdp-triage.report/1" | string;
  decoded: DecodedCode[];
  findings: Finding[];
  certificates: CertReport[];
  causes: RankedCause[];
  fixes: RankedFix[];
  next_question: QuestionView | null;
  answered: QuestionView[];
  skipped: QuestionView[];
  diagnostics: Diagnostic[];
}
