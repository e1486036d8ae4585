"""Upload service for the e2e fixtures: PUT /NAME stores the body under
$UPLOAD_DIR, GET / lists the stored files, GET /NAME returns one."""
import http.server
import os

UPLOAD_DIR = os.environ.get("UPLOAD_DIR", "/app/uploads")
PORT = int(os.environ.get("PORT", "8080"))


class Handler(http.server.BaseHTTPRequestHandler):
    def _send(self, code, body, ctype="text/plain; charset=utf-8"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _target(self):
        name = os.path.basename(self.path.strip("/"))
        return os.path.join(UPLOAD_DIR, name) if name else None

    def do_GET(self):
        target = self._target()
        if target is None:
            names = sorted(os.listdir(UPLOAD_DIR))
            self._send(200, ("\n".join(names) + "\n").encode())
        elif os.path.isfile(target):
            with open(target, "rb") as f:
                self._send(200, f.read(), "application/octet-stream")
        else:
            self._send(404, b"not found\n")

    def do_PUT(self):
        target = self._target()
        if target is None:
            self._send(400, b"PUT /NAME\n")
            return
        length = int(self.headers.get("Content-Length", "0"))
        data = self.rfile.read(length)
        with open(target, "wb") as f:
            f.write(data)
        self._send(201, ("stored %d bytes\n" % len(data)).encode())


if __name__ == "__main__":
    os.makedirs(UPLOAD_DIR, exist_ok=True)
    # Fail at start, not at the first upload, when the directory is read-only.
    probe = os.path.join(UPLOAD_DIR, ".probe")
    with open(probe, "w") as f:
        f.write("ok\n")
    os.remove(probe)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    print("serving uploads from %s on 127.0.0.1:%d" % (UPLOAD_DIR, PORT), flush=True)
    server.serve_forever()
