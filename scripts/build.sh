#!/usr/bin/env bash
# Configures and builds into build/ (Release with debug info), warnings as
# errors: CI builds with this, so a new warning fails it. VIGIL_WERROR=OFF in
# the environment lets a newer compiler's new warnings through locally.
# BUILD_DIR and VIGIL_SANITIZE=ON (scripts/test.sh --sanitize) choose the
# sanitizer build instead.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${BUILD_DIR:-build}"
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_WERROR="${VIGIL_WERROR:-ON}" \
  -DVIGIL_SANITIZE="${VIGIL_SANITIZE:-OFF}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
