"""Serves files from a folder on 127.0.0.1, with knobs for status codes and slow answers.

GET /status/<code>        answers <code> with a short body
GET /slow/<seconds>       sleeps before answering 200
GET /<file>               the file's bytes (200), 404 when absent
Every request's method, path and headers are appended as JSON lines to <folder>/requests.jsonl.
Prints the port on stdout, then serves until killed.
"""
import http.server, json, os, signal, sys, time

signal.pthread_sigmask(signal.SIG_SETMASK, set())
root = sys.argv[1]


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        with open(os.path.join(root, "requests.jsonl"), "a") as log:
            log.write(json.dumps({"method": "GET", "path": self.path, "headers": dict(self.headers)}) + "\n")
        parts = self.path.split("?")[0].strip("/").split("/")
        if parts[0] == "status":
            return self.answer(int(parts[1]), b"upstream says no\n")
        if parts[0] == "slow":
            time.sleep(float(parts[1]))
            return self.answer(200, b"late\n")
        path = os.path.join(root, *parts)
        if not os.path.isfile(path):
            return self.answer(404, b"no such export\n")
        with open(path, "rb") as f:
            self.answer(200, f.read())

    def answer(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
