#!/usr/bin/env python3
"""An HTTP source that never answers in time: holds every request for a minute, so a run that
fetches from it keeps the ledger lock while a test starts a second run.
Usage: slow_http.py   (prints the port on the first line of stdout)"""
import http.server
import signal
import socketserver
import time

signal.pthread_sigmask(signal.SIG_SETMASK, set())


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(60)

    def log_message(self, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
