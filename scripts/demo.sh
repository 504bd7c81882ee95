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
mkdir -p "$state"
build/daemon/vigild --state-dir "$state" 2> "$state/vigild.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
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
echo; echo "== vigilctl quarantine (rejected and held records, with their reasons)"
build/daemon/vigilctl --state-dir "$state" quarantine
echo; echo "== $state/spool"; ls -1 "$state/spool/done" | sed 's/^/done\//'; ls -1 "$state/spool/quarantine" | sed 's/^/quarantine\//'

if [ "${1:-}" = "--keep" ]; then
  echo; echo "vigild is running (pid $pid) on $state; drop files into $state/spool. Ctrl-C stops it."
  wait "$pid"
else
  kill -TERM "$pid"; wait "$pid" || true
  trap - EXIT
fi
