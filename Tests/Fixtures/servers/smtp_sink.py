#!/usr/bin/env python3
"""An SMTP sink for delivery tests (aiosmtpd): saves each message as N.eml in a folder.

Usage: smtp_sink.py FOLDER [USER PASSWORD]
With USER and PASSWORD, AUTH is required (over plain text: it is 127.0.0.1) and only that pair is accepted.
Also writes FOLDER/N.envelope.json (mail from, rcpt tos, login). Prints the port on stdout.
"""
import json
import os
import signal
import socket
import sys
import time

signal.pthread_sigmask(signal.SIG_SETMASK, set())

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

folder = sys.argv[1]
credentials = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else None
os.makedirs(folder, exist_ok=True)


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(folder, str(self.count))
        with open(base + ".eml", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        with open(base + ".envelope.json", "w", encoding="utf-8") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "login": login}, f)
        return "250 Message accepted for delivery"


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and credentials is not None and \
        (auth_data.login.decode(), auth_data.password.decode()) == credentials
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]

kwargs = {}
if credentials:
    kwargs = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
controller = Controller(Handler(), hostname="127.0.0.1", port=port, decode_data=False, **kwargs)
controller.start()
print(port, flush=True)
while True:
    time.sleep(3600)
