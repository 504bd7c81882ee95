#!/usr/bin/python3
"""One producer of the crash loop: delivers its channel's plan in order and
never gives up on a daemon that is down, as a real site system would.

usage: crash_loop_producer.py spool|http|mllp PLAN_DIR OUT_FILE --progress-dir DIR
       [--spool DIR] [--port PORT] [--token-file FILE]

Runs in a process of its own, so it lives through every SIGKILL of vigild.
A delivery counts when it is acknowledged, which vigild does only after the
commit: a spool file when it has left the spool (moved to done/ or
quarantine/), an HTTP request at 200, an HL7 message at MSA-1 AA or CA.
Anything else that a restart can cure (connection refused or cut, no
answer, 503) is retried with the same bytes and the same Idempotency-Key.
An answer that says the delivery itself is wrong (4xx, AR, AE) stops the
producer: resending would not change it, and the run must say so.
Writes OUT_FILE (JSON: delivered, attempts, retries, error) at the end.

The producers keep the simulated files' order where the daemon's result
depends on it (crash_loop_feeds.py says where): each writes to
PROGRESS_DIR/CHANNEL.next the number of the simulated file it delivers
next (every delivery from an earlier file is acknowledged), and a lab waits
for the spool to pass its file's number, a DM or EX spool file for the two
lab channels to pass its own.
"""
import argparse
import http.client
import json
import os
import socket
import sys
import time

RETRY_PAUSE_S = 0.05
VT, FS, CR = b"\x0b", b"\x1c", b"\x0d"


class Fatal(Exception):
    pass


DONE = 10 ** 9  # the progress of a producer with nothing left
LAB_CHANNELS = ("http", "mllp")


def write_progress(progress_dir, channel, number):
    path = os.path.join(progress_dir, channel + ".next")
    with open(path + ".tmp", "w") as f:
        f.write(str(number))
    os.rename(path + ".tmp", path)


def progress(progress_dir, channel):
    try:
        with open(os.path.join(progress_dir, channel + ".next")) as f:
            return int(f.read())
    except (OSError, ValueError):
        return 0


def wait_for(progress_dir, channels, number):
    while any(progress(progress_dir, c) < number for c in channels):
        time.sleep(0.01)


def number_of(path):
    return int(os.path.basename(path).split("-", 1)[0])


def must_wait_for(channel, path):
    """The channels whose earlier deliveries this one must follow."""
    if channel != "spool":
        return ("spool",)
    return LAB_CHANNELS if path.endswith((".dm.csv", ".ex.csv")) else ()


def plan_files(plan_dir, channel):
    folder = os.path.join(plan_dir, channel)
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder))]


def spool_deliver(path, spool, stats):
    name = os.path.basename(path)
    tmp = os.path.join(spool, "." + name + ".tmp")
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        dst.write(src.read())
        dst.flush()
        os.fsync(dst.fileno())
    os.rename(tmp, os.path.join(spool, name))
    stats["attempts"] += 1
    # One file at a time: the next is renamed in once this one is committed,
    # so the daemon meets the files in their order whatever it was doing.
    while os.path.exists(os.path.join(spool, name)):
        time.sleep(0.01)
    # A file with some bad records is in done/ (and copied to quarantine/);
    # one that could not be read at all is only in quarantine/.
    if not os.path.exists(os.path.join(spool, "done", name)):
        raise Fatal(f"{name}: quarantined whole ({os.path.join(spool, 'quarantine', name + '.reason')})")


def http_deliver(path, port, token, stats):
    with open(path, "rb") as f:
        body = f.read()
    name = os.path.basename(path)
    domain = name.split(".")[1]
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/x-ndjson",
               "Idempotency-Key": "crash-loop-" + name}
    while True:
        stats["attempts"] += 1
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("POST", f"/api/v1/feeds/{domain}", body=body, headers=headers)
            reply = conn.getresponse()
            text = reply.read()
            conn.close()
        except (OSError, http.client.HTTPException):
            stats["retries"] += 1
            time.sleep(RETRY_PAUSE_S)
            continue
        if reply.status == 200:
            outcome = json.loads(text)
            # The reply counts held records (subject not enrolled yet) among
            # the quarantined, and on their own.
            stats["held"] += outcome.get("held", 0)
            stats["quarantined"] += outcome.get("quarantined", 0) - outcome.get("held", 0)
            return
        if reply.status in (408, 429, 503) or reply.status >= 500:
            stats["retries"] += 1
            time.sleep(RETRY_PAUSE_S)
            continue
        raise Fatal(f"{name}: HTTP {reply.status}: {text[:300]!r}")


def read_ack(sock):
    data = b""
    while FS + CR not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the ACK")
        data += chunk
    start = data.find(VT)
    return data[start + 1:data.find(FS)].decode("utf-8", errors="replace")


def ack_code(ack):
    for segment in ack.replace("\n", "\r").split("\r"):
        if segment.startswith("MSA|"):
            return segment.split("|")[1], ack
    return "", ack


class MllpSender:
    def __init__(self, port):
        self.port = port
        self.sock = None

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def send(self, message):
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        self.sock.sendall(VT + message + FS + CR)
        return ack_code(read_ack(self.sock))


def mllp_deliver(path, sender, stats):
    with open(path, "rb") as f:
        message = f.read()
    while True:
        stats["attempts"] += 1
        try:
            code, ack = sender.send(message)
        except OSError:
            sender.close()
            stats["retries"] += 1
            time.sleep(RETRY_PAUSE_S)
            continue
        if code in ("AA", "CA"):
            return
        sender.close()
        raise Fatal(f"{os.path.basename(path)}: ACK {code or '(no MSA)'}: {ack[:400]!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("channel", choices=("spool", "http", "mllp"))
    parser.add_argument("plan_dir")
    parser.add_argument("out_file")
    parser.add_argument("--progress-dir", required=True)
    parser.add_argument("--spool")
    parser.add_argument("--port", type=int)
    parser.add_argument("--token-file")
    args = parser.parse_args()

    stats = {"channel": args.channel, "delivered": 0, "attempts": 0, "retries": 0, "quarantined": 0, "held": 0,
             "error": None}
    started = time.monotonic()
    token = open(args.token_file).read().strip() if args.token_file else ""
    sender = MllpSender(args.port) if args.channel == "mllp" else None
    paths = plan_files(args.plan_dir, args.channel)
    try:
        for path in paths:
            write_progress(args.progress_dir, args.channel, number_of(path))
            wait_for(args.progress_dir, must_wait_for(args.channel, path), number_of(path))
            if args.channel == "spool":
                spool_deliver(path, args.spool, stats)
            elif args.channel == "http":
                http_deliver(path, args.port, token, stats)
            else:
                mllp_deliver(path, sender, stats)
            stats["delivered"] += 1
    except Fatal as e:
        stats["error"] = str(e)
    finally:
        # Done, or stopped for good: nobody waits for this producer any more.
        write_progress(args.progress_dir, args.channel, DONE)
        if sender is not None:
            sender.close()
    stats["seconds"] = round(time.monotonic() - started, 2)
    with open(args.out_file + ".tmp", "w") as f:
        json.dump(stats, f)
    os.rename(args.out_file + ".tmp", args.out_file)
    return 1 if stats["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
