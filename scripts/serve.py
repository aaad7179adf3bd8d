"""Static file server for dist/ on 127.0.0.1 with the headers RDP Triage expects
(application/wasm, the content-security policy, no caching of index.html).

A file with a gzip copy beside it (FILE.gz, written by scripts/build-web) is sent as that copy
with `Content-Encoding: gzip` when the browser accepts gzip and the copy is not older than the
file (a file rewritten after the build, such as a test's embed-config.json, is sent as it is).

The policy needs no 'unsafe-inline' and no 'unsafe-eval': only 'wasm-unsafe-eval' to compile the
app. connect-src allows the page's own origin and the local probe bridge on 127.0.0.1/localhost.
frame-ancestors lists the portal origins from embed-config.json (the same list the app trusts
for postMessage), so only those portals can frame the app."""
import argparse, base64, functools, hashlib, http.server, json, os, re

def style_hashes(directory):
    """The CSP sources of the inline <style> blocks of index.html (scripts/build-web puts the
    style sheet there): their SHA-256, so the policy still needs no 'unsafe-inline'."""
    try:
        with open(os.path.join(directory, "index.html"), encoding="utf-8") as f:
            page = f.read()
    except OSError:
        return ""
    return "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(css.encode('utf-8')).digest()).decode()}'"
                   for css in re.findall(r"<style>(.*?)</style>", page, re.S))

def csp(directory):
    ancestors = ["'self'"]
    try:
        with open(os.path.join(directory, "embed-config.json"), encoding="utf-8") as f:
            ancestors += [o for o in json.load(f).get("allowedOrigins", []) if isinstance(o, str) and " " not in o and ";" not in o]
    except (OSError, ValueError, AttributeError):
        pass
    return ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
            f"style-src 'self'{style_hashes(directory)}; "
            "img-src 'self' data:; connect-src 'self' http://127.0.0.1:* http://localhost:*; "
            f"frame-ancestors {' '.join(ancestors)}; base-uri 'none'; form-action 'none'; object-src 'none'")

class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript",
                      ".json": "application/json", ".webmanifest": "application/manifest+json"}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        gz = path + ".gz"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        try:
            fresh = os.path.isfile(path) and os.stat(gz).st_mtime >= os.stat(path).st_mtime
        except OSError:
            fresh = False
        if not (accepts and fresh):
            return super().send_head()
        f = open(gz, "rb")
        try:
            st = os.fstat(f.fileno())
            self.send_response(200)
            self.send_header("Content-type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(st.st_size))
            self.send_header("Last-Modified", self.date_time_string(st.st_mtime))
            self.end_headers()
            return f
        except Exception:
            f.close()
            raise

    def end_headers(self):
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Security-Policy", csp(self.directory))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, fmt, *args):
        if os.environ.get("SERVE_QUIET") != "1":
            super().log_message(fmt, *args)

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--dir", default="dist")
    p.add_argument("--port", type=int, default=8080)
    p.add_argument("--bind", default="127.0.0.1")
    a = p.parse_args()
    handler = functools.partial(Handler, directory=a.dir)
    with http.server.ThreadingHTTPServer((a.bind, a.port), handler) as srv:
        print(f"RDP Triage: serving {a.dir} on http://{a.bind}:{a.port}/", flush=True)
        srv.serve_forever()

if __name__ == "__main__":
    main()
