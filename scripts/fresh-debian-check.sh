#!/usr/bin/env bash
# Runs the README's two commands (scripts/demo.sh, then scripts/test.sh) on a fresh, minimal Debian 12
# root in a chroot, from a clone of this repository's HEAD: whatever the project needs and does not
# install shows up here. Needs root, debootstrap and the network access apt has.
#
# Usage: scripts/fresh-debian-check.sh [--quick] [--rebuild-root] [-- COMMAND...]
#   --quick         run `bash scripts/test.sh --quick` instead of the full test command
#   --rebuild-root  build the cached Debian root again
#   -- COMMAND...   run COMMAND (in the clone, inside the chroot) instead of the two commands
# Environment:
#   KAVOSH_FRESH_CACHE    where the Debian root tarball is kept (default ~/.cache/kavosh)
#   KAVOSH_FRESH_MIRROR   the Debian mirror (default: the first bookworm one in /etc/apt/sources.list*)
#   KAVOSH_FRESH_TIMEOUT  seconds allowed for the commands in the chroot (default 10800)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${KAVOSH_FRESH_CACHE:-$HOME/.cache/kavosh}"
tarball="$cache/debian12-root.tar"
limit="${KAVOSH_FRESH_TIMEOUT:-10800}"
quick=0
rebuild=0
command=()

die() { echo "fresh-debian-check: $*" >&2; exit 1; }

while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --rebuild-root) rebuild=1 ;;
    --) shift; command=("$@"); break ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mount need it)"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
git -C "$here" rev-parse --verify HEAD >/dev/null 2>&1 || die "$here is not a git repository with a commit"

mirror="${KAVOSH_FRESH_MIRROR:-}"
if [ -z "$mirror" ]; then
  # deb822 "URIs: ..." or one-line "deb URI bookworm ..." entries; the security archive is not a full mirror.
  mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    grep -Eo '(URIs:[[:space:]]*|^deb[[:space:]]+)(http|https)://[^[:space:]]+' |
    grep -Eo '(http|https)://[^[:space:]]+' | grep -v security | grep '/debian/\?$' | head -n1 || true)"
  mirror="${mirror:-http://deb.debian.org/debian}"
fi

work=""
mounts=()
cleanup() {
  local status=$? i pid
  # Processes left in the chroot (a browser, a server) would keep its mounts busy.
  if [ -n "$work" ]; then
    for pid in $(ls /proc | grep -E '^[0-9]+$' || true); do
      if [ "$(readlink "/proc/$pid/root" 2>/dev/null || true)" = "$work/root" ]; then
        kill -9 "$pid" 2>/dev/null || true
        sleep 0.2
      fi
    done
  fi
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" ||
      echo "fresh-debian-check: could not unmount ${mounts[i]}" >&2
  done
  if [ -n "$work" ] && [ -d "$work" ]; then
    if findmnt -rn -o TARGET | grep -q "^$work/"; then
      echo "fresh-debian-check: $work still has mounts; left in place" >&2
    else
      rm -rf --one-file-system "$work"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

work="$(mktemp -d /var/tmp/kavosh-fresh.XXXXXX)"
root="$work/root"
mkdir "$root"

if [ "$rebuild" -eq 1 ] || [ ! -s "$tarball" ]; then
  echo "== Building a minimal Debian 12 root from $mirror (cached in $tarball)"
  mkdir -p "$cache"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
  tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
else
  echo "== Unpacking the cached Debian 12 root ($tarball)"
  tar -C "$root" -xf "$tarball"
fi

cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# debootstrap writes no /etc/hosts; every installed Debian system (installer, cloud image, container) has
# one, and without it `localhost` does not resolve (chromedriver reaches Chromium by that name).
[ -s "$root/etc/hosts" ] ||
  printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
echo "== Cloning $(git -C "$here" rev-parse --short HEAD) into the root"
git clone -q --no-local --no-checkout "$here" "$root/root/kavosh"
git -C "$root/root/kavosh" -c advice.detachedHead=false checkout -q "$(git -C "$here" rev-parse HEAD)"

mount_in() {  # mount_in TARGET MOUNT-ARGS...
  local target="$root$1"; shift
  mkdir -p "$target"
  mount "$@" "$target"
  mounts+=("$target")
}
mount_in /proc -t proc proc
mount_in /sys -t sysfs sysfs
mount_in /dev --bind /dev
mount_in /dev/pts --bind /dev/pts
mount_in /dev/shm -t tmpfs -o mode=1777,nosuid,nodev tmpfs

if ((${#command[@]} == 0)); then
  test_args=""
  [ "$quick" -eq 0 ] || test_args=" --quick"
  command=(bash -c "bash scripts/demo.sh && bash scripts/test.sh$test_args")
fi

echo "== In the chroot (at most ${limit} s): ${command[*]}"
# A fresh machine's environment: root's HOME and a standard PATH, nothing from this shell.
timeout --kill-after=60 "$limit" chroot "$root" /usr/bin/env -i HOME=/root TERM="${TERM:-dumb}" \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -c 'cd /root/kavosh && exec "$@"' bash "${command[@]}" ||
  die "the commands failed in the fresh Debian 12 root (exit $?)"
echo "== Passed on a fresh Debian 12 root"
