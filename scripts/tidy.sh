#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) on the library code: the .cpp files under stemmer/src, indexer/src,
# searcher/src and server/src, and the project headers they include. Any finding is an error.
# Usage: scripts/tidy.sh [BUILD_DIR]   (a configured build: its compile_commands.json; default build-ci)
# CLANG_TIDY names the program (default clang-tidy; the checks are chosen for version 14, Debian 12);
# KAVOSH_TIDY_SECONDS bounds the run (default 900).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build-ci}"
clang_tidy="${CLANG_TIDY:-clang-tidy}"
limit="${KAVOSH_TIDY_SECONDS:-900}"

command -v "$clang_tidy" >/dev/null ||
  { echo "tidy.sh: $clang_tidy not found (scripts/setup.sh installs clang-tidy)" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] ||
  { echo "tidy.sh: no $build/compile_commands.json (configure with cmake first)" >&2; exit 2; }

shopt -s nullglob
files=("$here"/{stemmer,indexer,searcher,server}/src/*.cpp)
echo "tidy.sh: ${#files[@]} files, $(nproc) at a time ($("$clang_tidy" --version | grep -m1 -o 'version [0-9.]*'))"
started=$SECONDS
status=0
printf '%s\0' "${files[@]}" |
  timeout "$limit" xargs -0 -n 1 -P "$(nproc)" "$clang_tidy" -p "$build" --quiet \
    2> >(grep -v 'warnings\? generated\.$' >&2) || status=$?
if [ "$status" -eq 124 ]; then
  echo "tidy.sh: stopped after ${limit} s" >&2
  exit 1
elif [ "$status" -ne 0 ]; then
  echo "tidy.sh: findings above (.clang-tidy lists the checks)" >&2
  exit 1
fi
echo "tidy.sh: no findings in $((SECONDS - started)) s"
