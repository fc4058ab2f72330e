#!/usr/bin/env bash
# Installs pcmd under a prefix: the stripped binary, the man page, bash/zsh/fish completions and
# the themes for reference; --uninstall removes exactly what the install put there.
#
# Usage: scripts/install.sh [--prefix DIR] [--binary FILE] [--uninstall]
#   --prefix DIR    default ~/.local (as root: /usr/local)
#   --binary FILE   install this pcmd instead of building the release one (as scripts/run.sh does)
#   --uninstall     remove the files and the folders the install made, as its manifest lists them
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/layout.sh

prefix='' binary='' uninstall=0
while [ $# -gt 0 ]; do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --binary) binary=${2:?--binary needs a file}; shift 2 ;;
    --binary=*) binary=${1#*=}; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$prefix" ]; then
  if [ "$(id -u)" -eq 0 ]; then prefix=/usr/local; else prefix=$HOME/.local; fi
fi
prefix=$(realpath -m "$prefix")
# What the install put there: "f PATH" for a file, "d PATH" for a folder it created (paths
# relative to the prefix), in the order made.
manifest=share/pcmd/install-manifest

uninstall() {
  local lines i
  mapfile -t lines < "$prefix/$manifest"
  # Files first, then the folders the install made, deepest first; one that holds something
  # else now stays.
  for i in "${lines[@]}"; do [ "${i%% *}" = f ] && rm -f -- "$prefix/${i#* }"; done
  rm -f -- "$prefix/$manifest"
  for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
    [ "${lines[i]%% *}" = d ] && { rmdir -- "$prefix/${lines[i]#* }" 2>/dev/null || true; }
  done
}

if [ $uninstall = 1 ]; then
  [ -f "$prefix/$manifest" ] || { echo "install.sh: no pcmd install in $prefix (no $manifest)" >&2; exit 1; }
  uninstall
  echo "removed pcmd from $prefix" >&2
  exit 0
fi

[ -n "$binary" ] || binary=$(build_release)
stage=$(mktemp -d "${TMPDIR:-/tmp}/pcmd-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT
[ -x "$binary" ] || { echo "install.sh: no pcmd binary at $binary" >&2; exit 1; }
layout "$binary" "$stage/root" share/zsh/site-functions > "$stage/files"
mapfile -t files < "$stage/files"
# Installing again replaces the previous install, so the manifest stays exact.
[ -f "$prefix/$manifest" ] && uninstall

entries=()
# Creates each missing folder of $1 (relative to the prefix), parents first, and records it.
make_dirs() {
  local dir=$1
  [ "$dir" = . ] || [ -d "$prefix/$dir" ] && return 0
  make_dirs "$(dirname "$dir")"
  mkdir -- "$prefix/$dir"
  entries+=("d $dir")
}
mkdir -p -- "$prefix"
for f in "${files[@]}" "$manifest"; do make_dirs "$(dirname "$f")"; done
for f in "${files[@]}"; do
  install -m "$(stat -c %a "$stage/root/$f")" "$stage/root/$f" "$prefix/$f"
  entries+=("f $f")
done
printf '%s\n' "${entries[@]}" > "$prefix/$manifest"
echo "installed pcmd $("$prefix/bin/pcmd" --version) in $prefix (${#files[@]} files; scripts/install.sh --prefix $prefix --uninstall removes them)" >&2
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "note: $prefix/bin is not in PATH" >&2 ;; esac
