#!/usr/bin/env bash
# An installed Kavosh, without the source or build tree: `cmake --install` into a scratch prefix, index
# corpus/ with the installed kavosh-index, then build docs/embed_example.cpp against the prefix twice,
# with find_package(Kavosh) and with pkg-config, and run both on the database.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR CXX
set -euo pipefail
build="$1" source="$2" cxx="$3"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
prefix="$scratch/prefix"

cmake --install "$build" --prefix "$prefix" >/dev/null
test -f "$prefix/share/man/man1/kavosh-search.1"
"$prefix/bin/kavosh-index" --progress never --db "$scratch/db" "$source/corpus/articles.jsonl" >/dev/null
query="انتخابات مجلس"

# Nothing may come from the build or source tree: only the prefix and the system.
cmake -S "$source/tests/install/consumer" -B "$scratch/with-cmake" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_PREFIX_PATH="$prefix" -DEMBED_EXAMPLE="$source/docs/embed_example.cpp" \
  >/dev/null
cmake --build "$scratch/with-cmake" -j1 >/dev/null
"$scratch/with-cmake/embed_example" "$scratch/db" "$query" >"$scratch/cmake.out"

pc_dir="$(dirname "$(find "$prefix" -name kavosh-search.pc)")"
# shellcheck disable=SC2046  # pkg-config's flags are meant to be split
"$cxx" -std=c++20 -O1 -o "$scratch/with-pkg-config" "$source/docs/embed_example.cpp" \
  $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs kavosh-search)
# With BUILD_SHARED_LIBS the libraries are found as a user of a private prefix finds them.
LD_LIBRARY_PATH="$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=libdir kavosh-search)" \
  "$scratch/with-pkg-config" "$scratch/db" "$query" >"$scratch/pkg-config.out"

grep -q '^1\. ' "$scratch/cmake.out" || { echo "no result for $query:"; cat "$scratch/cmake.out"; exit 1; }
diff "$scratch/cmake.out" "$scratch/pkg-config.out"
echo "installed Kavosh: find_package and pkg-config builds give the same $(head -1 "$scratch/cmake.out" | tr -d '\n')"
