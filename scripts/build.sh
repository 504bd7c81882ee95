#!/usr/bin/env bash
# Configures and builds into build/ (Release with debug info), warnings as
# errors: CI builds with this, so a new warning fails it. VIGIL_WERROR=OFF in
# the environment lets a newer compiler's new warnings through locally.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_WERROR="${VIGIL_WERROR:-ON}" >/dev/null
cmake --build build -j"$(nproc)"
