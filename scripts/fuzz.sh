#!/usr/bin/env bash
# Fuzzes the parsers that take bytes from outside (fuzz/, docs/fuzzing.md).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Installs clang and libFuzzer's runtime when missing, configures and builds
# build-fuzz/ (clang, ASan + UBSan, target vigil_fuzz only), then, one target
# at a time: replays fuzz/regressions/<target>/, and fuzzes for SECONDS
# (default 60) from a copy of fuzz/corpus/<target>/ in the work directory
# (build-fuzz/work/<target>/; fuzz/corpus is never written), with
# fuzz/dict/<target>.dict when there is one and leak detection on. Prints
# one line per target (executions, exec/s, corpus size, coverage, result)
# and exits 1 when any target crashed, leaked or timed out; the input that
# did it is left in the work directory and its path printed.
#
# Environment: VIGIL_FUZZ_BUILD (build directory, default build-fuzz),
# VIGIL_FUZZ_JOBS (build jobs, default 2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
build="${VIGIL_FUZZ_BUILD:-$root/build-fuzz}"
jobs="${VIGIL_FUZZ_JOBS:-2}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }

targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$root"/fuzz/*_fuzz.cc; do
    name="$(basename "$f" _fuzz.cc)"
    targets+=("$name")
  done
fi
for t in "${targets[@]}"; do
  [ -f "$root/fuzz/${t}_fuzz.cc" ] || { echo "no fuzz target '$t' (fuzz/${t}_fuzz.cc)" >&2; exit 2; }
done

# What the build needs (scripts/setup.sh), with clang 14 and its runtimes
# (libFuzzer, the sanitizers).
"$root/scripts/setup.sh" clang libclang-rt-14-dev

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/CMakeCache.txt" ]; then
  # -O1 with assertions: an assert that fails is a finding too.
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DVIGIL_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" "${launcher[@]}" >/dev/null
fi
cmake --build "$build" --target vigil_fuzz -j"$jobs" >"$build/fuzz-build.log" 2>&1 || {
  tail -40 "$build/fuzz-build.log" >&2
  echo "the fuzz build failed; $build/fuzz-build.log has it all" >&2
  exit 1
}

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=0
rows=()
for t in "${targets[@]}"; do
  bin="$build/fuzz/vigil_${t}_fuzz"
  work="$build/work/$t"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  [ -d "$root/fuzz/corpus/$t" ] && cp -r "$root/fuzz/corpus/$t/." "$work/corpus/"
  log="$work/fuzz.log"
  flags=(-max_total_time="$seconds" -print_final_stats=1 -detect_leaks=1 -timeout=10 -rss_limit_mb=2560
         -artifact_prefix="$work/artifacts/")
  [ -f "$root/fuzz/dict/$t.dict" ] && flags+=(-dict="$root/fuzz/dict/$t.dict")

  result=ok
  # Every input that once failed, first: a regression fails the target
  # without fuzzing.
  regressions=()
  if [ -d "$root/fuzz/regressions/$t" ]; then
    while IFS= read -r -d '' f; do regressions+=("$f"); done < <(find "$root/fuzz/regressions/$t" -type f -print0)
  fi
  if ((${#regressions[@]})) &&
     ! "$bin" -detect_leaks=1 -timeout=10 -artifact_prefix="$work/artifacts/" "${regressions[@]}" >"$work/replay.log" 2>&1; then
    result="regression-failed"
    log="$work/replay.log"
  elif ! "$bin" "${flags[@]}" "$work/corpus" >"$log" 2>&1; then
    result=crash
  fi
  if [ "$result" != ok ]; then
    grep -q "ERROR: LeakSanitizer" "$log" && result=leak
    grep -q "ERROR: libFuzzer: timeout" "$log" && result=timeout
    grep -q "ERROR: libFuzzer: out-of-memory" "$log" && result=out-of-memory
    failed=1
  fi

  final_stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  execs="$(final_stat number_of_executed_units)"
  rate="$(final_stat average_exec_per_sec)"
  corpus="$(find "$work/corpus" -type f | wc -l)"
  last="$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1 || true)"
  cov="$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")"
  rows+=("$(printf '%-16s %12s %8s %8s %8s %8s  %s' "$t" "${execs:--}" "${rate:--}" "$corpus" "${cov:--}" "${ft:--}" "$result")")
  echo "${rows[-1]}"
  if [ "$result" != ok ]; then
    artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)"
    echo "  $t: $result; log: $log${artifact:+; input: $artifact}"
  fi
done

echo
printf '%-16s %12s %8s %8s %8s %8s  %s\n' target executions exec/s corpus cov ft result
printf '%s\n' "${rows[@]}"
exit "$failed"
