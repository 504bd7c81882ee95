#!/usr/bin/env bash
# The crash loop: a simulated trial fed through the spool, HTTP and MLLP at
# once, to an undisturbed vigild and to one SIGKILLed again and again; the two
# must end the same (scripts/crash_loop.py says what is compared).
#
#   scripts/crash_loop.sh [--kills N (200)] [--subjects N (12)] [--seed S (1)]
#                         [--build-dir DIR (build)] [--max-delay-ms MS] [--keep DIR]
#
# Needs the Debian packages of scripts/setup.sh (python3-aiosmtpd for the SMTP
# peer). Exit 0 when the runs agree, 1 naming what differs, 2 usage.
set -euo pipefail
exec /usr/bin/python3 "$(dirname "$(readlink -f "$0")")/crash_loop.py" "$@"
