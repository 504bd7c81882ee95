#!/usr/bin/env bash
# Takes the documentation's picture of the dashboard (docs/images/dashboard.png):
# runs vigild on a simulated trial (`vigilctl simulate`) with the HTTP API on
# a free loopback port, waits until the spool is ingested, creates a
# physician token, and lets scripts/dashboard_picture.py sign in with it in
# Debian's headless Chromium and save the page. Builds first if build/ has no
# daemon (scripts/setup.sh installs Chromium, its driver and python3-selenium).
#
#   scripts/dashboard_picture.sh [OUT.png] [--subjects N] [--seed S]
set -euo pipefail
cd "$(dirname "$0")/.."

out=docs/images/dashboard.png
subjects=40
seed=12
while [ $# -gt 0 ]; do
  case "$1" in
    --subjects) subjects="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -*) echo "usage: $0 [OUT.png] [--subjects N] [--seed S]" >&2; exit 2 ;;
    *) out="$1"; shift ;;
  esac
done
for tool in /usr/bin/chromium /usr/bin/chromedriver /usr/bin/python3; do
  [ -x "$tool" ] || { echo "$0: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
[ -x build/daemon/vigild ] && [ -x build/daemon/vigilctl ] || scripts/build.sh

state="$(mktemp -d /tmp/vigil-picture.XXXXXX)"
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; fi
  rm -rf "$state"
}
trap cleanup EXIT
vigilctl() { build/daemon/vigilctl --state-dir "$state" "$@"; }

vigilctl simulate --subjects "$subjects" --seed "$seed" --out "$state/spool" >/dev/null
build/daemon/vigild --state-dir "$state" --http 127.0.0.1:0 2>"$state/vigild.log" &
pid=$!
for _ in $(seq 1 300); do grep -q ' ready' "$state/vigild.log" && [ -s "$state/http.port" ] && break; sleep 0.1; done
[ -s "$state/http.port" ] || { cat "$state/vigild.log" >&2; echo "$0: vigild did not start" >&2; exit 1; }
# Ingested when no delivery is left in the spool (hidden files and the
# done/ and quarantine/ directories are not deliveries).
for _ in $(seq 1 3000); do
  [ -z "$(find "$state/spool" -maxdepth 1 -type f ! -name '.*')" ] && break
  sleep 0.1
done
[ -z "$(find "$state/spool" -maxdepth 1 -type f ! -name '.*')" ] ||
  { echo "$0: the simulated trial was not ingested in 5 minutes" >&2; exit 1; }

token="$(vigilctl token create --role physician --name dashboard-picture)"
mkdir -p "$(dirname "$out")"
/usr/bin/python3 scripts/dashboard_picture.py "http://127.0.0.1:$(cat "$state/http.port")" "$token" "$out"
echo "$out: $(du -k "$out" | cut -f1) KB"
