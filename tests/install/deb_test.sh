#!/usr/bin/env bash
# The Debian packages: `cpack -G DEB` from the build directory into a scratch folder, `dpkg -x` of both
# packages into a scratch root, and the programs, unit, man pages and dev files found there.
# Usage: deb_test.sh BUILD_DIR
set -euo pipefail
build="$1"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

(cd "$build" && cpack -G DEB -B "$scratch/packages" >/dev/null)
programs="$(echo "$scratch"/packages/kavosh_*.deb)"
dev="$(echo "$scratch"/packages/libkavosh-dev_*.deb)"
for deb in "$programs" "$dev"; do dpkg-deb -x "$deb" "$scratch/root"; done
root="$scratch/root"

fail() { echo "deb_test: $*"; exit 1; }
expected="$("$build/searcher/kavosh-search" --version)"
actual="$("$root/usr/bin/kavosh-search" --version)"
[ "$actual" = "$expected" ] || fail "packaged kavosh-search --version: '$actual', built: '$expected'"
for program in kavosh-index kavosh-search kavosh-serve kavosh-analyze kavosh-stem kavosh-eval; do
  [ -x "$root/usr/bin/$program" ] || fail "no $program"
  [ -f "$root/usr/share/man/man1/$program.1" ] || fail "no man page for $program"
done

unit="$root/usr/lib/systemd/system/kavosh-serve.service"
[ -f "$unit" ] || fail "no systemd unit"
grep -q '^User=kavosh$' "$unit" || fail "the unit does not run as the kavosh user"
grep -q 'KAVOSH_LISTEN=127\.0\.0\.1:' "$unit" || fail "the unit does not listen on loopback"
grep -q '^ReadOnlyPaths=/var/lib/kavosh$' "$unit" || fail "the database path is not read-only"
dpkg-deb -I "$programs" postinst >/dev/null || fail "no postinst creating the kavosh user"
dpkg-deb -f "$programs" Depends | grep -q 'libxapian' || fail "kavosh does not depend on Xapian"
# The programs run with jemalloc when built with it (cmake/KavoshAllocator.cmake); the libraries leave the
# allocator to the program that links them.
if grep -q '^KAVOSH_JEMALLOC_LIBRARY:FILEPATH=/' "$build/CMakeCache.txt"; then
  dpkg-deb -f "$programs" Depends | grep -q 'libjemalloc' || fail "kavosh does not depend on jemalloc"
  readelf -d "$root/usr/bin/kavosh-index" | grep -q 'libjemalloc' || fail "kavosh-index is not linked with jemalloc"
fi
! grep -rqi jemalloc "$root/usr" --include='*.pc' --include='*.cmake' || fail "libkavosh-dev makes its users link jemalloc"

[ -n "$(find "$root/usr" -name KavoshConfig.cmake)" ] || fail "no CMake package in libkavosh-dev"
[ -n "$(find "$root/usr" -name kavosh-search.pc)" ] || fail "no pkg-config file in libkavosh-dev"
[ -f "$root/usr/include/kavosh/searcher.h" ] || fail "no headers in libkavosh-dev"
[ -z "$(dpkg-deb -c "$programs" | grep -E '\.(a|h)$')" ] || fail "development files in the kavosh package"
echo "deb_test: $(basename "$programs") $(basename "$dev"): $actual"
