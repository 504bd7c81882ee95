#!/usr/bin/env bash
# After a restore: hands the spool files committed since the backup back to
# the running vigild, one at a time, in the order they were first committed.
#
#   scripts/redeliver.sh SPOOL_OR_STATE_DIR [SINCE]
#
# The first argument is the spool the daemon watches (a directory holding
# done/, e.g. /var/spool/vigil under the packaged unit), or a state
# directory whose spool is STATE_DIR/spool (the default layout).
# A committed file was renamed into the spool's done/, which set its
# status-change time (ctime): that time orders the files as the daemon first
# took them, so follow-ups supersede what they superseded before. SINCE (an
# ISO 8601 time, e.g. the "received" time `vigilctl backup` printed) limits
# the files to those committed at or after it; without it every file of
# done/ is handed back. A file the restored database already holds is
# recognised by its name and SHA-256 and changes nothing, so handing back
# too many is harmless; too few loses what they held.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 SPOOL_OR_STATE_DIR [SINCE]" >&2
  exit 2
fi
if [ -d "$1/done" ]; then spool="$1"; else spool="$1/spool"; fi
done_dir="$spool/done"
since=0
if [ $# -eq 2 ]; then
  since="$(date -d "$2" +%s)" || { echo "$0: SINCE '$2' is not a time" >&2; exit 2; }
fi
[ -d "$done_dir" ] || { echo "$0: no $done_dir" >&2; exit 1; }

# Names in commit order; %C@ is the status-change time in seconds.
mapfile -t names < <(find "$done_dir" -maxdepth 1 -type f -printf '%C@ %f\n' |
  awk -v since="$since" '$1 >= since' | sort -n -k1,1 | cut -d' ' -f2-)

handed=0
for name in "${names[@]}"; do
  if [ -e "$spool/$name" ]; then
    echo "$0: $spool/$name exists; left $done_dir/$name where it is" >&2
    continue
  fi
  mv "$done_dir/$name" "$spool/$name"
  # The daemon takes one file at a time; wait until it has taken this one
  # (committed into done/ again, or quarantined) before the next.
  for _ in $(seq 1 6000); do
    [ -e "$spool/$name" ] || break
    sleep 0.1
  done
  if [ -e "$spool/$name" ]; then
    echo "$0: vigild has not taken $name in 10 minutes; is it running?" >&2
    exit 1
  fi
  handed=$((handed + 1))
done
echo "handed back $handed file(s) from $done_dir"
