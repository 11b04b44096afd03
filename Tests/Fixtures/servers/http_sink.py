#!/usr/bin/env python3
"""An HTTP sink for delivery and heartbeat tests: records every request (POST or GET), answers as scripted.

Usage: http_sink.py RECORD.jsonl [SCRIPT_JSON]
SCRIPT_JSON is a list of answers used in turn, then 200 for ever, e.g.
  [{"status": 503}, {"status": 429, "retry_after": "3"}, {"status": 400, "body": "bad"}, {"stall": 30}]
POST /_script replaces the remaining script (not recorded). Prints the port on stdout.
Each request is appended to RECORD.jsonl (and flushed) BEFORE it is answered, so a request
that never got its answer (a stall, a killed client) is still on record.
"""
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

signal.pthread_sigmask(signal.SIG_SETMASK, set())

record_path = sys.argv[1]
script = json.loads(sys.argv[2]) if len(sys.argv) > 2 else []
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.do_POST()

    def do_POST(self):
        global script
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.path == "/_script":
            with lock:
                script = json.loads(body)
            return self.answer(204, b"")
        with lock:
            step = script.pop(0) if script else {}
            entry = {
                "t": time.time(),
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "answer": step,
            }
            with open(record_path, "a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
                f.flush()
        if "stall" in step:
            time.sleep(float(step["stall"]))
        headers = {}
        if "retry_after" in step:
            headers["Retry-After"] = str(step["retry_after"])
        self.answer(int(step.get("status", 200)), step.get("body", "ok").encode("utf-8"), headers)

    def answer(self, status, body, headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
