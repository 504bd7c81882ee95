#!/usr/bin/python3
"""A webhook receiver for tests: records every request and answers with the
status the test chooses.

usage: http_receiver.py DIR [PORT] [--tls-cert CERT --tls-key KEY]

Listens on 127.0.0.1 (PORT, or one the OS picks; SO_REUSEADDR so a stopped
receiver can be started again on the same port), then writes the port to
DIR/port (written beside it and renamed: a reader never sees half of it).
Each request is appended to DIR/requests.jsonl as one JSON line (method,
path, headers with lower-case names, body as text, received_at =
time.time(), and client_port: one per connection, so a test sees reuse) and flushed before the answer, whose status is read from
DIR/status on every request (200 when absent), after waiting DIR/delay_ms
milliseconds when that file exists (a receiver slow to answer, so a test can
kill the sender with a delivery in flight). HTTP/1.1 with keep-alive;
HTTPS with the certificate options.
"""
import argparse
import http.server
import json
import os
import ssl
import sys
import threading
import time

PARSER = argparse.ArgumentParser()
PARSER.add_argument("dir")
PARSER.add_argument("port", nargs="?", type=int, default=0)
PARSER.add_argument("--tls-cert")
PARSER.add_argument("--tls-key")
ARGS = PARSER.parse_args()
DIR = ARGS.dir
LOCK = threading.Lock()


def answer_status():
    try:
        with open(os.path.join(DIR, "status")) as f:
            return int(f.read().strip() or "200")
    except (OSError, ValueError):
        return 200


def answer_delay_s():
    try:
        with open(os.path.join(DIR, "delay_ms")) as f:
            return int(f.read().strip() or "0") / 1000.0
    except (OSError, ValueError):
        return 0.0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def record(self, body):
        entry = {
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", errors="replace"),
            "received_at": time.time(),
            "client_port": self.client_address[1],
        }
        with LOCK, open(os.path.join(DIR, "requests.jsonl"), "a") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.record(body)
        delay = answer_delay_s()
        if delay > 0:
            time.sleep(delay)
        status = answer_status()
        reply = b'{"ok": true}\n' if 200 <= status < 300 else b'{"ok": false}\n'
        self.send_response(status)
        if status not in (204, 304) and status >= 200:
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
        else:
            self.end_headers()

    do_POST = do_PUT = do_GET = handle_any

    def log_message(self, format, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    server = Server(("127.0.0.1", ARGS.port), Handler)
    if ARGS.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(ARGS.tls_cert, ARGS.tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    port_file = os.path.join(DIR, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
