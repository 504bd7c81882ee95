#!/usr/bin/env bash
# Checks that every C++ source and header follows the checked-in .clang-format
# (Debian 12's clang-format 14). Hand-aligned tables sit between
# "// clang-format off" and "// clang-format on". With --fix, formats the
# files in place instead. Exits 1 naming each file that differs.
set -euo pipefail
cd "$(dirname "$0")/.."
fix=0
[ "${1:-}" = "--fix" ] && fix=1
command -v clang-format >/dev/null || { echo "clang-format is not installed (scripts/setup.sh installs it)" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.cc' '*.h' 2>/dev/null || find . -name '*.cc' -o -name '*.h')
if ((fix)); then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  printf '%s does not follow .clang-format (scripts/check_format.sh --fix formats it)\n' "${bad[@]}" >&2
  echo "${#bad[@]} of ${#files[@]} files differ" >&2
  exit 1
fi
echo "all ${#files[@]} C++ files follow .clang-format"
