#!/usr/bin/env bash
# Installs what building, running and testing Vigil needs from Debian 12's
# packages. Idempotent: installs only what is missing. Arguments name further
# packages to install with them (scripts/fuzz.sh: clang and its runtimes).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev libcurl4-openssl-dev libssl-dev
  libspdlog-dev libcli11-dev libsystemd-dev libgtest-dev
  sqlite3 python3
  # the format check (scripts/check_format.sh, ctest Layout.SourcesFollowClangFormat)
  clang-format
  # the test peers (tests/peers): an SMTP server and the certificates it presents
  python3-aiosmtpd openssl
  # HTTP: curl for the intake tests, wrk for the API benchmark
  curl wrk
  # HL7 v2: python3-hl7 ships mllp_send, the third-party MLLP client
  python3-hl7
  # the dashboard in a real browser: Chromium driven through WebDriver
  chromium chromium-driver python3-selenium
  # the Debian package: dpkg-shlibdeps (dependencies), file (stripped?), adduser (its postinst)
  dpkg-dev file adduser systemd
)

packages+=("$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
