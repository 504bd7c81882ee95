#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite.
#
#   scripts/test.sh              build/ (warnings are errors), then ctest
#   scripts/test.sh --sanitize   build-sanitize/: the same suite built with
#                                AddressSanitizer + UndefinedBehaviorSanitizer
#                                (+ LeakSanitizer); any report fails its test
#   --fuzz SECONDS               then every fuzz target for SECONDS each
#                                (scripts/fuzz.sh)
# CI runs `scripts/test.sh --sanitize --fuzz 10` (docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitize=0
fuzz_seconds=0
while (($#)); do
  case "$1" in
    --sanitize) sanitize=1 ;;
    --fuzz) fuzz_seconds="${2:?--fuzz needs SECONDS}"; shift ;;
    *) echo "usage: scripts/test.sh [--sanitize] [--fuzz SECONDS]" >&2; exit 2 ;;
  esac
  shift
done
scripts/setup.sh
if ((sanitize)); then
  BUILD_DIR=build-sanitize VIGIL_SANITIZE=ON scripts/build.sh
  # Any report fails: it ends the process (halt_on_error) and the test sees it
  # die. Leaks are checked at exit. A malloc that fails returns null, as
  # without the sanitizer (SQLite answers SQLITE_NOMEM). The fault tests
  # preload a library into vigild, so the runtime's check that it is loaded
  # first is off (docs/testing.md).
  export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:allocator_may_return_null=1:verify_asan_link_order=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  export LSAN_OPTIONS="suppressions=$PWD/tests/sanitize/lsan.supp:print_suppressions=0"
  ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)"
else
  scripts/build.sh
  ctest --test-dir build --output-on-failure -j"$(nproc)"
fi
if ((fuzz_seconds > 0)); then
  # The fuzzers set their own sanitizer options (scripts/fuzz.sh).
  env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS scripts/fuzz.sh "$fuzz_seconds"
fi
