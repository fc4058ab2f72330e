#!/usr/bin/env bash
# Installs the Debian packages pcmd needs to build, test and benchmark, if any is missing.
# Usage: scripts/deps.sh [extra packages...]
set -euo pipefail
packages=(libncurses-dev libsqlite3-dev zlib1g-dev libgd-dev libqrencode-dev "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
