#!/usr/bin/env bash
# Writes pcmd's man page (roff) from the argument parser's help: scripts/man.sh [out.1]
# View it with `man ./pcmd.1`; install it under $PREFIX/share/man/man1.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-pcmd.1}"
swift build --product pcmd >/dev/null
"$(swift build --show-bin-path)/pcmd" help-man > "$out"
echo "wrote $out" >&2
