#!/usr/bin/env python3
"""Serves the files of a folder over HTTP on 127.0.0.1 with ETag and Last-Modified, and honours
If-None-Match / If-Modified-Since with 304, as an ERP export endpoint that supports conditional GET.
The ETag is the SHA-256 of the body, so two weeks with identical bodies share it.
Usage: conditional_http.py FOLDER   (prints the port on the first line of stdout)"""
import hashlib
import http.server
import os
import signal
import sys
from email.utils import formatdate

signal.pthread_sigmask(signal.SIG_SETMASK, set())
FOLDER = sys.argv[1]
MODIFIED = formatdate(1_236_000_000, usegmt=True)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(FOLDER, os.path.basename(self.path.split("?")[0]))
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = open(path, "rb").read()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        # Every file carries the same Last-Modified, as a nightly export job stamps them: a client that sent
        # one week's date to another week's URL would get a 304 for a body it has never seen.
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == MODIFIED:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", MODIFIED)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
