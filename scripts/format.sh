#!/usr/bin/env bash
# Formats the project's C++ files (the *.cpp and *.h files git tracks) with clang-format and .clang-format.
# Usage: scripts/format.sh           rewrite the files in place
#        scripts/format.sh --check   change nothing; list the files that differ and exit 1 if any
# CLANG_FORMAT names the program (default clang-format; the style is tuned for version 14, Debian 12).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
clang_format="${CLANG_FORMAT:-clang-format}"

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: scripts/format.sh [--check]" >&2; exit 2 ;;
esac
command -v "$clang_format" >/dev/null ||
  { echo "format.sh: $clang_format not found (scripts/setup.sh installs clang-format)" >&2; exit 2; }

cd "$here"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.cpp' '*.h')
else  # a source tree without git: every .cpp and .h outside build folders
  mapfile -t files < <(find . -path './build*' -prune -o -type f \( -name '*.cpp' -o -name '*.h' \) -print | sed 's|^\./||' | sort)
fi
if [ "$check" -eq 0 ]; then
  printf '%s\0' "${files[@]}" | xargs -0 -n 20 "$clang_format" -i --style=file
  exit 0
fi

differ=()
for f in "${files[@]}"; do
  "$clang_format" --style=file "$f" | cmp -s "$f" - || differ+=("$f")
done
if ((${#differ[@]})); then
  echo "format.sh: ${#differ[@]} file(s) differ from .clang-format ($("$clang_format" --version | head -n1)):" >&2
  printf '  %s\n' "${differ[@]}" >&2
  echo "run scripts/format.sh to rewrite them" >&2
  exit 1
fi
echo "format.sh: ${#files[@]} files match .clang-format"
