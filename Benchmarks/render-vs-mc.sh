#!/usr/bin/env bash
# Render benchmark (issue 7): pcmd against mc in tmux, release build, one run prints the table
# (PCMD_BEFORE=BINARY adds an earlier build of pcmd, e.g. to check a change kept start-up fast).
# Targets: first frame on a small folder <= 25 ms; on 100,000 entries <= 300 ms; End within mc's.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh tmux mc python3 >/dev/null
swift build -c release --product pcmd --static-swift-stdlib >/dev/null
BIN=.build/release/pcmd
DATA=$(mktemp -d)
trap 'kill $SB 2>/dev/null; rm -rf "$DATA"' EXIT
$BIN sandbox --data "$DATA" --http off --https 127.0.0.1:0 --ready-file "$DATA/ready.json" >/dev/null &
SB=$!
for _ in $(seq 100); do [ -f "$DATA/ready.json" ] && break; sleep 0.1; done
read -r URL CA TOKEN < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["https"], r["ca"], r["users"][0]["token"])' "$DATA/ready.json")
python3 Benchmarks/render-vs-mc.py "$PWD/$BIN" "$URL" "$CA" "$TOKEN"
