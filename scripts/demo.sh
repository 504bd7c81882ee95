#!/usr/bin/env bash
# Installs what is missing, builds, and runs vigild on the bundled example
# trial with a fresh state directory (demo-state/), replays the bundled
# sample feeds into its spool, and shows what the daemon made of them.
# Leave it running with --keep (stop it with Ctrl-C).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh

state=demo-state
rm -rf "$state"
mkdir -p "$state/peers/hook" "$state/peers/mail"

# The safety desk's peers on loopback: a webhook receiver and a mail server
# (Debian's aiosmtpd); the example trial with a notifiers section for them.
/usr/bin/python3 tests/peers/http_receiver.py "$state/peers/hook" 2> "$state/peers/hook.log" &
hook_pid=$!
/usr/bin/python3 tests/peers/smtp_sink.py "$state/peers/mail" 2> "$state/peers/mail.log" &
mail_pid=$!
trap 'kill "$hook_pid" "$mail_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$state/peers/hook/port" ] && [ -s "$state/peers/mail/port" ] && break; sleep 0.1; done
/usr/bin/python3 - "$state" <<'PY'
import json, sys
state = sys.argv[1]
text = open("config/example/escc2l.json", encoding="utf-8").read()
out, i, in_string = [], 0, False          # drop // and /* */ comments outside strings
while i < len(text):
    c = text[i]
    if in_string:
        out.append(c)
        if c == "\\": out.append(text[i + 1]); i += 1
        elif c == '"': in_string = False
    elif c == '"': in_string = True; out.append(c)
    elif text.startswith("//", i): i = text.find("\n", i) - 1
    elif text.startswith("/*", i): i = text.find("*/", i) + 1
    else: out.append(c)
    i += 1
config = json.loads("".join(out))
hook = open(f"{state}/peers/hook/port").read().strip()
mail = open(f"{state}/peers/mail/port").read().strip()
config["notifiers"] = {
    "receivers": [{"name": "safety-desk",
                   "webhooks": [{"url": f"http://127.0.0.1:{hook}/vigil"}],
                   "emails": [{"smtp_url": f"smtp://127.0.0.1:{mail}", "tls": "none",
                               "from": "vigil@ctc.example", "to": ["safety-desk@ctc.example"]}]}],
    "route": {"receiver": "safety-desk", "repeat_interval_minutes": 240}}
json.dump(config, open(f"{state}/trial.json", "w"), indent=2)
PY

build/daemon/vigild --config "$state/trial.json" --state-dir "$state" 2> "$state/vigild.log" &
pid=$!
trap 'kill "$pid" "$hook_pid" "$mail_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q ' ready' "$state/vigild.log" 2>/dev/null && break; sleep 0.1; done

echo "== replaying the sample feeds of config/example/feeds into $state/spool"
for f in config/example/feeds/*; do
  name=$(basename "$f")
  cp "$f" "$state/spool/.$name.tmp"
  mv "$state/spool/.$name.tmp" "$state/spool/$name"   # producers rename into the spool
  sleep 0.2
done
for _ in $(seq 100); do
  [ -z "$(find "$state/spool" -maxdepth 1 -type f ! -name '.*')" ] && break
  sleep 0.1
done

echo; echo "== the daemon's log"; cat "$state/vigild.log"
echo; echo "== vigilctl status"; build/daemon/vigilctl --state-dir "$state" status
for subject in ESCC2L-01-001 ESCC2L-01-003 ESCC2L-02-001; do
  echo; echo "== vigilctl grades --subject $subject (CTCAE v5.0)"
  build/daemon/vigilctl --state-dir "$state" grades --subject "$subject"
done
echo; echo "== vigilctl alerts (the safety plan's findings: SAE with its 24 h clock, AESI, Hy's law, dose modification)"
build/daemon/vigilctl --state-dir "$state" alerts
echo; echo "== vigilctl summary --format csv (the DSMB tables, first lines)"
summary=$(build/daemon/vigilctl --state-dir "$state" summary --format csv)
echo "$summary" | sed -n 1,12p
echo "..."
echo "$summary" | grep -E '^(table,cohort,rule|stopping_rules,A,)'
for _ in $(seq 100); do
  build/daemon/vigilctl --state-dir "$state" status --format json | grep -q '"pending": 0' && break
  sleep 0.1
done
echo; echo "== what the safety desk received: $(wc -l < "$state/peers/hook/requests.jsonl") webhook posts, $(wc -l < "$state/peers/mail/messages.jsonl") e-mails; their subjects:"
/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1]):
    data = json.loads(line)["data"]
    print("  " + next(l for l in data.splitlines() if l.startswith("Subject: "))[9:])
' "$state/peers/mail/messages.jsonl"
echo; echo "== vigilctl quarantine (rejected and held records, with their reasons)"
build/daemon/vigilctl --state-dir "$state" quarantine
echo; echo "== $state/spool"; ls -1 "$state/spool/done" | sed 's/^/done\//'; ls -1 "$state/spool/quarantine" | sed 's/^/quarantine\//'

if [ "${1:-}" = "--keep" ]; then
  echo; echo "vigild is running (pid $pid) on $state; drop files into $state/spool. Ctrl-C stops it."
  wait "$pid"
else
  kill -TERM "$pid"; wait "$pid" || true
  kill "$hook_pid" "$mail_pid" 2>/dev/null || true
  trap - EXIT
fi
