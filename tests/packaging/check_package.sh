#!/usr/bin/env bash
# The Debian package: built by CPack from BUILD_DIR, its control data and
# contents checked, then installed for real with dpkg on this machine (a
# container: CI's, or a developer's), started on the example trial as the
# service's user, and purged again.
#
#   tests/packaging/check_package.sh BUILD_DIR
#
# It installs into the running system, so it runs as root and refuses a
# host where systemd runs (the package would start the service there).
set -euo pipefail
build="$(cd "$1" && pwd)"
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root: it installs the package with dpkg (CI runs as root)"
[ ! -d /run/systemd/system ] || fail "systemd runs here: run this test in a container, not on a host"
if dpkg -s vigil >/dev/null 2>&1; then fail "a vigil package is installed already; remove it first"; fi

work="$(mktemp -d /tmp/vigil-package.XXXXXX)"
chmod 0711 "$work"  # the service user reaches its state directory below
cleanup() {
  [ -n "${daemon_pid:-}" ] && kill "$daemon_pid" 2>/dev/null || true
  dpkg --purge vigil >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack"; }
deb="$(ls "$work"/out/vigil_*_amd64.deb)"

# Control data: Debian 12's own libraries as dependencies, the maintainer
# scripts, the configuration a conffile.
info="$(dpkg-deb -I "$deb")"
for dep in adduser libsqlite3-0 libcurl4 libssl3 libsystemd0 libspdlog; do
  grep -q "Depends:.*$dep" <<<"$info" || fail "Depends lacks $dep"
done
[ "$(dpkg-deb -f "$deb" Package)" = vigil ] || fail "package name"
dpkg-deb -e "$deb" "$work/control"
[ "$(cat "$work/control/conffiles")" = /etc/vigil/trial.json ] || fail "conffiles"

# Contents: where the files go; nothing under /etc readable by others,
# nothing writable by others anywhere; stripped binaries.
listing="$(dpkg-deb -c "$deb")"
for path in ./usr/bin/vigild ./usr/bin/vigilctl ./usr/lib/systemd/system/vigil.service \
            './usr/lib/systemd/system/vigild@.service' ./etc/vigil/trial.json \
            ./usr/share/vigil/example/escc2l.json ./usr/share/vigil/redeliver.sh ./usr/share/doc/vigil/README.md; do
  grep -q " $path\$" <<<"$listing" || fail "the package lacks $path"
done
grep -q '^drwxr-x--- root/root .* ./etc/vigil/$' <<<"$listing" || fail "/etc/vigil is not 0750"
grep -q '^-rw-r----- root/root .* ./etc/vigil/trial.json$' <<<"$listing" || fail "trial.json is not 0640"
if awk '{print $1}' <<<"$listing" | grep -q '^........w'; then fail "an entry is writable by others"; fi
dpkg-deb -x "$deb" "$work/root"
file "$work/root/usr/bin/vigild" | grep -q 'stripped' && ! file "$work/root/usr/bin/vigild" | grep -q 'not stripped' ||
  fail "vigild is not stripped"
grep -q '^ExecStart=/usr/bin/vigild --config /etc/vigil/trial.json --state-dir /var/lib/vigil --spool-dir /var/spool/vigil$' \
  "$work/root/usr/lib/systemd/system/vigil.service" || fail "vigil.service does not start /usr/bin/vigild on /etc/vigil/trial.json"
grep -q '^ExecStart=/usr/bin/vigild --config /etc/vigil/%i.json --state-dir /var/lib/vigil/%i --spool-dir /var/spool/vigil/%i$' \
  "$work/root/usr/lib/systemd/system/vigild@.service" || fail "vigild@.service is not per trial"
for unit in vigil.service 'vigild@.service'; do
  exposure="$(systemd-analyze security --offline=true "$work/root/usr/lib/systemd/system/$unit" 2>&1 |
    sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')"
  awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 1.4) }' || fail "$unit exposure '$exposure' above 1.4"
done

# Installed for real: the user, the configuration's owner and modes, and
# vigild starting on the example trial as that user.
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }
getent passwd vigil >/dev/null || fail "no user vigil after the install"
[ "$(stat -c '%a %U %G' /etc/vigil)" = "750 root vigil" ] || fail "/etc/vigil is $(stat -c '%a %U %G' /etc/vigil)"
[ "$(stat -c '%a %U %G' /etc/vigil/trial.json)" = "640 root vigil" ] || fail "trial.json is $(stat -c '%a %U %G' /etc/vigil/trial.json)"
runuser -u vigil -- /usr/bin/vigilctl validate-config /etc/vigil/trial.json >/dev/null || fail "validate-config as vigil"
getent group vigil-feed >/dev/null || fail "no group vigil-feed after the install"
# As the unit runs it: user vigil with the producers' group, the spool
# outside the state directory, created as its ExecStartPre= creates it.
state="$work/state"
spool="$work/spool"
install -d -o vigil -g vigil -m 0750 "$state"
eval "$(sed -n 's|^ExecStartPre=+\(/usr/bin/install .*\) /var/spool/vigil$|\1|p' /usr/lib/systemd/system/vigil.service) '$spool'"
[ "$(stat -c '%a %U %G' "$spool")" = "3770 vigil vigil-feed" ] || fail "spool is $(stat -c '%a %U %G' "$spool")"
setpriv --reuid=vigil --regid=vigil --groups=vigil-feed /usr/bin/vigild --config /etc/vigil/trial.json \
  --state-dir "$state" --spool-dir "$spool" 2>"$work/vigild.log" &
daemon_pid=$!
for _ in $(seq 1 300); do grep -q ' ready' "$work/vigild.log" && break; sleep 0.1; done
grep -q ' ready' "$work/vigild.log" || { cat "$work/vigild.log"; fail "vigild did not become ready"; }

# A producer: an account of its own in group vigil-feed, umask 027, that
# may not read the state directory, writes beside and renames in.
producer=vigil-producer-check
getent passwd "$producer" >/dev/null || adduser --system --quiet --no-create-home "$producer"
adduser --quiet "$producer" vigil-feed
cp /usr/share/vigil/example/feeds/01-enrolment.dm.csv "$work/feed.csv" && chmod 0644 "$work/feed.csv"
setpriv --reuid="$producer" --regid=nogroup --groups=vigil-feed sh -c \
  "umask 027 && cp '$work/feed.csv' '$spool/.01.tmp' && mv '$spool/.01.tmp' '$spool/01-enrolment.dm.csv'" ||
  fail "the producer cannot deliver into $spool"
if setpriv --reuid="$producer" --regid=nogroup --groups=vigil-feed ls "$state" >/dev/null 2>&1; then
  fail "the producer can read the state directory"
fi
for _ in $(seq 1 300); do [ -e "$spool/done/01-enrolment.dm.csv" ] && break; sleep 0.1; done
[ -e "$spool/done/01-enrolment.dm.csv" ] || { cat "$work/vigild.log"; fail "the producer's file was not ingested"; }
[ "$(/usr/bin/vigilctl --state-dir "$state" status --format json | grep -c '"spool": 1')" -ge 1 ] ||
  fail "vigilctl status does not count the spool delivery"
kill -TERM "$daemon_pid"; wait "$daemon_pid" || fail "vigild did not stop cleanly"
daemon_pid=
# The audit trail of that run verifies, read as the service's user.
runuser -u vigil -- /usr/bin/vigilctl --state-dir "$state" audit verify >"$work/audit.log" 2>&1 ||
  { cat "$work/audit.log"; fail "vigilctl audit verify"; }
grep -q 'delivery.received' <(runuser -u vigil -- /usr/bin/vigilctl --state-dir "$state" audit show) ||
  fail "the audit trail does not record the delivery"
others="$(find "$state" "$spool/done" -perm /o=r)"
[ -z "$others" ] || fail "readable by others: $others"
deluser --quiet "$producer" >/dev/null 2>&1 || true

dpkg --purge vigil >/dev/null || fail "dpkg --purge"
[ ! -e /usr/bin/vigild ] || fail "/usr/bin/vigild left after purge"
echo "package $(basename "$deb"): $(du -h "$deb" | cut -f1), installed, started on the example trial, purged"
