#!/usr/bin/python3
"""An SMTP server for tests (aiosmtpd): records every message and answers
what the test chooses.

usage: smtp_sink.py DIR [--port PORT] [--tls-cert CERT --tls-key KEY [--implicit-tls]]
                       [--auth USER:PASSWORD]

Listens on 127.0.0.1 on PORT, or one the OS picks, and writes it to
DIR/port (written beside it and renamed). Each message that reaches the end of DATA
is appended to DIR/messages.jsonl as one JSON line (mail_from, rcpt_tos,
data as text, and the reply it got) and flushed; the reply is the first
line of DIR/reply when that file exists (e.g. "451 4.3.0 try later"), else
"250 OK". With a certificate the server offers STARTTLS and refuses mail
before it (require_starttls); with --implicit-tls it speaks TLS from the
first byte instead (smtps). With --auth it requires AUTH PLAIN or LOGIN
with those credentials (allowed without TLS: this is a test peer).
"""
import argparse
import json
import logging
import os
import socket
import ssl
import sys
import threading
import time
import warnings

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    sys.stderr.write("smtp_sink.py: python3-aiosmtpd is missing; run scripts/setup.sh\n")
    sys.exit(3)

LOCK = threading.Lock()
# aiosmtpd warns about AUTH without TLS, which is deliberate here.
warnings.filterwarnings("ignore")
logging.getLogger("mail.log").setLevel(logging.CRITICAL)


class Sink:
    def __init__(self, directory):
        self.directory = directory

    def reply(self):
        try:
            with open(os.path.join(self.directory, "reply")) as f:
                line = f.readline().strip()
                return line or "250 OK"
        except OSError:
            return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        reply = self.reply()
        data = envelope.content
        if isinstance(data, bytes):
            data = data.decode("utf-8", errors="replace")
        entry = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": data,
            "reply": reply,
            "received_at": time.time(),
        }
        with LOCK, open(os.path.join(self.directory, "messages.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
        return reply


def free_port():
    # aiosmtpd's Controller needs a port number: let the OS choose one.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth")
    args = parser.parse_args()

    options = {}
    implicit = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.implicit_tls:
            implicit = context
        else:
            options.update(tls_context=context, require_starttls=True)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
                  and auth_data.password.decode() == password)
            return AuthResult(success=ok, handled=False)  # False: aiosmtpd answers 535

        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=False)

    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port or free_port(),
                            ssl_context=implicit, **options)
    controller.start()
    port_file = os.path.join(args.dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(controller.port))
    os.rename(port_file + ".tmp", port_file)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
