// Shared by the npm-package tests and the edge load benchmark: installs the packed engine
// tarball (target/rdp-triage-engine-*.tgz, made by scripts/build-js) into a fresh folder and
// starts the packaged edge handler on loopback in Node, Deno and workerd (the last two from the
// npm packages `deno` and `workerd`, whose binaries ship inside them).
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, readdirSync, writeFileSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.join(ROOT, "node_modules/.bin");

/** The request every runtime must answer: the project's founding dialog. */
export const REQUEST_0x904 = {
  schema: "rdp-triage.request/1",
  texts: ["Remote Desktop Connection\nThis computer can't connect to the remote computer.\nError code: 0x904\nExtended error code: 0x7"],
  now: "2026-12-01T09:00:00Z",
};

export function tarball() {
  const t = readdirSync(path.join(ROOT, "target")).filter((f) => /^rdp-triage-engine-.*\.tgz$/.test(f));
  if (t.length !== 1) throw new Error(`expected one packed tarball in target/ (run scripts/build-js), found: ${t.join(", ") || "none"}`);
  return path.join(ROOT, "target", t[0]);
}

/** A fresh project folder with the tarball installed, as a back end would install it. */
export function installPackage() {
  const dir = mkdtempSync(path.join(tmpdir(), "rdp-triage-pkg-"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", tarball()], { cwd: dir, stdio: "pipe" });
  const pkgDir = path.join(dir, "node_modules", "rdp-triage-engine");
  return { dir, pkgDir, version: JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")).version, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

async function waitUp(url, proc, name) {
  const deadline = Date.now() + 30_000;
  let out = "";
  proc.stdout?.on("data", (d) => { out += d; });
  proc.stderr?.on("data", (d) => { out += d; });
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${name} exited (${proc.exitCode}): ${out}`);
    try { await fetch(url, { signal: AbortSignal.timeout(1000) }); return; } catch { /* not up yet */ }
    if (Date.now() > deadline) { proc.kill("SIGKILL"); throw new Error(`${name} did not start within 30 s: ${out}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function server(name, proc, port) {
  const url = `http://127.0.0.1:${port}/diagnose`;
  return {
    name, url, pid: proc.pid,
    ready: () => waitUp(url, proc, name),
    stop: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once("exit", resolve);
      proc.kill("SIGTERM");
      setTimeout(() => proc.kill("SIGKILL"), 3000).unref();
    }),
  };
}

const NODE_SERVER = `
import http from "node:http";
import handler from "rdp-triage-engine/edge-handler";
const port = Number(process.argv[2]);
http.createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = Buffer.concat(chunks);
  const request = new Request("http://127.0.0.1" + req.url, { method: req.method, headers: req.headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
  const response = await handler.fetch(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}).listen(port, "127.0.0.1");
`;

const DENO_SERVER = `
import handler from "rdp-triage-engine/edge-handler";
const port = Number(Deno.args[0]);
Deno.serve({ hostname: "127.0.0.1", port, onListen() {} }, (request) => handler.fetch(request));
`;

/** The packaged handler in a Node http server (node:http around `fetch(request)`). */
export async function startNode(pkg, handlerSource) {
  let source = NODE_SERVER;
  if (handlerSource) {
    writeFileSync(path.join(pkg.dir, "node-handler.mjs"), handlerSource);
    source = source.replace(`"rdp-triage-engine/edge-handler"`, `"./node-handler.mjs"`);
  }
  writeFileSync(path.join(pkg.dir, "node-server.mjs"), source);
  const port = await freePort();
  const proc = spawn(process.execPath, ["node-server.mjs", String(port)], { cwd: pkg.dir, stdio: ["ignore", "pipe", "pipe"] });
  const s = server("node", proc, port);
  await s.ready();
  return s;
}

/** The packaged handler under Deno.serve (Deno resolves the package from node_modules). */
export async function startDeno(pkg) {
  writeFileSync(path.join(pkg.dir, "deno-server.mjs"), DENO_SERVER);
  const port = await freePort();
  const proc = spawn(path.join(BIN, "deno"), ["run", "--quiet", "--no-prompt", "--allow-read", `--allow-net=127.0.0.1:${port}`, "deno-server.mjs", String(port)],
    { cwd: pkg.dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", DENO_DIR: path.join(pkg.dir, ".deno") } });
  const s = server("deno", proc, port);
  await s.ready();
  return s;
}

/** The packaged handler in workerd, from the package's own workerd.capnp (or, given a worker's
 * source, that worker under the same configuration: the load test's baseline). */
export async function startWorkerd(pkg, workerSource) {
  const port = await freePort();
  let cwd = pkg.pkgDir;
  if (workerSource) {
    cwd = mkdtempSync(path.join(pkg.dir, "workerd-"));
    writeFileSync(path.join(cwd, "workerd.mjs"), workerSource);
    const cfg = readFileSync(path.join(pkg.pkgDir, "workerd.capnp"), "utf8").replace(/^\s*\(name = "(?!workerd\.mjs)[^\n]*\n/gm, "");
    writeFileSync(path.join(cwd, "workerd.capnp"), cfg);
  }
  const proc = spawn(path.join(BIN, "workerd"), ["serve", "workerd.capnp", "--socket-addr", `http=127.0.0.1:${port}`],
    { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const s = server("workerd", proc, port);
  await s.ready();
  return s;
}

export function post(url, body, type = "application/json") {
  return fetch(url, { method: "POST", headers: { "content-type": type }, body: typeof body === "string" ? body : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
}

/** Resident memory of a process in KB: { rss, hwm } from /proc (Linux). */
export function memory(pid) {
  const s = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, "m")) ?? [0, 0])[1]);
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}
