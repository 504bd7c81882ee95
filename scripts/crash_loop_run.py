"""One run of the crash loop: a state directory, its webhook and SMTP peers,
the configuration that points the daemon at them, the daemon itself
(started, SIGKILLed, stopped) and the three producers.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

SCRIPTS = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(SCRIPTS)
PEERS = os.path.join(SOURCE, "tests", "peers")
PYTHON = "/usr/bin/python3"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_file(path, seconds, what):
    deadline = time.monotonic() + seconds
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what}: {path} did not appear in {seconds} s")
        time.sleep(0.02)
    with open(path) as f:
        return f.read().strip()


def notifiers_section(webhook_port, smtp_port):
    # No repeats and no escalation: both depend on the wall clock, and the
    # runs must be comparable whatever their length. Retries short, so what a
    # kill left in flight goes out again within seconds.
    return {
        "receivers": [{
            "name": "safety-desk",
            "webhooks": [{"url": f"http://127.0.0.1:{webhook_port}/vigil", "timeout_ms": 5000}],
            "emails": [{"smtp_url": f"smtp://127.0.0.1:{smtp_port}", "tls": "none",
                        "from": "vigil@example.org", "to": ["safety@example.org"]}],
        }],
        "route": {"receiver": "safety-desk", "repeat_interval_minutes": 0},
        "retry": {"initial_seconds": 1, "max_seconds": 3},
    }


def write_config(example, path, webhook_port, smtp_port):
    """The example trial with a notifiers section; the example keeps its
    comments, so the section goes in beside its `feeds` by text."""
    with open(example) as f:
        text = f.read()
    anchor = re.search(r'\n  "feeds": \{', text)
    if not anchor:
        raise RuntimeError(f"{example}: no top-level \"feeds\" to place \"notifiers\" beside")
    section = '\n  "notifiers": ' + json.dumps(notifiers_section(webhook_port, smtp_port), indent=2) + ",\n"
    text = text[:anchor.start()] + section + text[anchor.start():]
    with open(path, "w") as f:
        f.write(text)


class Run:
    def __init__(self, root, name, build_dir, plan_dir):
        self.dir = os.path.join(root, name)
        self.name = name
        self.state = os.path.join(self.dir, "state")
        self.spool = os.path.join(self.state, "spool")
        self.vigild = os.path.join(build_dir, "daemon", "vigild")
        self.vigilctl = os.path.join(build_dir, "daemon", "vigilctl")
        self.plan_dir = plan_dir
        self.webhook_dir = os.path.join(self.dir, "webhook")
        self.smtp_dir = os.path.join(self.dir, "smtp")
        self.config = os.path.join(self.dir, "trial.json")
        self.token_file = os.path.join(self.dir, "feed.token")
        self.http_port = free_port()
        self.mllp_port = free_port()
        self.peers = []
        self.producers = {}
        self.daemon = None
        self.starts = 0
        for d in (self.spool, self.webhook_dir, self.smtp_dir):
            os.makedirs(d, exist_ok=True)

    # Peers -----------------------------------------------------------------
    def start_peers(self):
        # Their complaints (a connection reset by a killed vigild) go to a log.
        with open(os.path.join(self.dir, "peers.log"), "ab") as log:
            for program, folder in (("http_receiver.py", self.webhook_dir), ("smtp_sink.py", self.smtp_dir)):
                self.peers.append(subprocess.Popen([PYTHON, os.path.join(PEERS, program), folder],
                                                   stdin=subprocess.DEVNULL, stdout=log, stderr=log))
        webhook_port = int(wait_for_file(os.path.join(self.webhook_dir, "port"), 20, "webhook receiver"))
        smtp_port = int(wait_for_file(os.path.join(self.smtp_dir, "port"), 20, "SMTP sink"))
        write_config(os.path.join(SOURCE, "config", "example", "escc2l.json"), self.config, webhook_port, smtp_port)

    def stop_peers(self):
        for p in self.peers:
            p.terminate()
        for p in self.peers:
            p.wait()
        self.peers = []

    # The daemon -------------------------------------------------------------
    def spawn_daemon(self, env=None):
        with open(os.path.join(self.dir, "vigild.log"), "ab") as log:
            self.daemon = subprocess.Popen(
                [self.vigild, "--config", self.config, "--state-dir", self.state,
                 "--http", f"127.0.0.1:{self.http_port}", "--mllp", f"127.0.0.1:{self.mllp_port}"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
        self.starts += 1

    def start_daemon(self, timeout_s=60):
        """Starts vigild and waits for its READY=1 (it tells systemd the same
        way); returns the seconds that took. Every start logs to one file."""
        notify_path = os.path.join(self.dir, "notify.sock")
        if os.path.exists(notify_path):
            os.unlink(notify_path)
        notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        notify.bind(notify_path)
        notify.settimeout(0.1)
        started = time.monotonic()
        self.spawn_daemon(dict(os.environ, NOTIFY_SOCKET=notify_path))
        deadline = started + timeout_s
        try:
            while time.monotonic() < deadline:
                try:
                    if b"READY=1" in notify.recv(4096):
                        return time.monotonic() - started
                except socket.timeout:
                    pass
                if self.daemon.poll() is not None:
                    raise RuntimeError(f"{self.name}: vigild exited {self.daemon.returncode} before it was ready "
                                       f"(see {self.dir}/vigild.log)")
            raise RuntimeError(f"{self.name}: vigild not ready in {timeout_s} s")
        finally:
            notify.close()
            os.unlink(notify_path)

    def start_daemon_unwatched(self):
        """Starts vigild without waiting for it: to kill it while it starts."""
        env = {k: v for k, v in os.environ.items() if k != "NOTIFY_SOCKET"}
        self.spawn_daemon(env)

    def kill_daemon(self):
        # A daemon that ended before its kill died of something else.
        if self.daemon.poll() is not None:
            raise RuntimeError(f"{self.name}: vigild exited {self.daemon.returncode} by itself "
                               f"(see {self.dir}/vigild.log)")
        self.daemon.send_signal(signal.SIGKILL)
        self.daemon.wait()
        self.daemon = None

    def stop_daemon(self):
        self.daemon.send_signal(signal.SIGTERM)
        code = self.daemon.wait(timeout=60)
        self.daemon = None
        if code != 0:
            raise RuntimeError(f"{self.name}: vigild exited {code} at SIGTERM (see {self.dir}/vigild.log)")

    def create_token(self):
        if not os.path.exists(self.token_file):
            r = subprocess.run([self.vigilctl, "--state-dir", self.state, "token", "create", "--role", "feed",
                                "--name", "crash-loop"], capture_output=True, text=True)
            if r.returncode != 0:
                raise RuntimeError(f"vigilctl token create: {r.stderr.strip()}")
            with open(self.token_file, "w") as f:
                f.write(r.stdout.strip())

    def deliveries_committed(self):
        r = subprocess.run([self.vigilctl, "--state-dir", self.state, "status", "--format", "json"],
                           capture_output=True, text=True)
        return sum(json.loads(r.stdout)["deliveries"].values()) if r.returncode == 0 else None

    def outbox_pending(self):
        r = subprocess.run([self.vigilctl, "--state-dir", self.state, "status", "--format", "json"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            return None
        return json.loads(r.stdout)["outbox"]["pending"]

    def wait_outbox_drained(self, timeout_s=300):
        deadline = time.monotonic() + timeout_s
        while self.outbox_pending() != 0:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: outbox not drained in {timeout_s} s")
            time.sleep(0.2)

    # Producers --------------------------------------------------------------
    def start_producers(self):
        program = os.path.join(SCRIPTS, "crash_loop_producer.py")
        options = {"spool": ["--spool", self.spool],
                   "http": ["--port", str(self.http_port), "--token-file", self.token_file],
                   "mllp": ["--port", str(self.mllp_port)]}
        for channel, extra in options.items():
            # A session of its own: a producer outlives any daemon and any
            # signal meant for it.
            self.producers[channel] = subprocess.Popen(
                [PYTHON, program, channel, self.plan_dir, self.producer_report(channel),
                 "--progress-dir", self.dir, *extra],
                stdin=subprocess.DEVNULL, start_new_session=True)

    def producer_report(self, channel):
        return os.path.join(self.dir, f"producer-{channel}.json")

    def producers_done(self):
        return all(p.poll() is not None for p in self.producers.values())

    def producer_reports(self):
        reports = {}
        for channel in self.producers:
            with open(self.producer_report(channel)) as f:
                reports[channel] = json.load(f)
        return reports

    def spool_empty(self):
        return not any(not n.startswith(".") and os.path.isfile(os.path.join(self.spool, n))
                       for n in os.listdir(self.spool))

    def intake_done(self):
        return self.producers_done() and self.spool_empty()

    def wait_intake_done(self, timeout_s=3600):
        deadline = time.monotonic() + timeout_s
        while not self.intake_done():
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name}: producers not done in {timeout_s} s")
            if self.daemon is not None and self.daemon.poll() is not None:
                raise RuntimeError(f"{self.name}: vigild exited {self.daemon.returncode} during intake "
                                   f"(see {self.dir}/vigild.log)")
            time.sleep(0.05)

    def cleanup(self):
        """Ends what this run started and is still running (on failure)."""
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.kill()
            self.daemon.wait()
        for p in self.producers.values():
            if p.poll() is None:
                p.kill()
                p.wait()
        self.stop_peers()


def log(text):
    print(f"crash_loop: {text}", file=sys.stderr, flush=True)
