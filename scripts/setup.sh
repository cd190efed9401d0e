#!/usr/bin/env bash
# Installs every Debian package Kavosh needs (idempotent), then builds in Release.
# Usage: scripts/setup.sh [--no-build]
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config clang libclang-rt-dev clang-format clang-tidy
  libxapian-dev xapian-tools
  libicu-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev libcpp-httplib-dev libjemalloc-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  myspell-fa
  python3
  chromium chromium-driver wrk
  file  # cpack -G DEB (the Debian packages test) reads the programs' dependencies with it
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "${1:-}" != "--no-build" ]; then
  here="$(cd "$(dirname "$0")/.." && pwd)"
  cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=Release
  cmake --build "$here/build" -j"$(nproc)"
fi
