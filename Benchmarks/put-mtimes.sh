#!/bin/bash
# `pcmd put` of 2,000 x 4 KiB files whose mtimes are all equal, then all distinct, against a
# fresh `pcmd sandbox`; prints seconds and what a quick `pcmd compare` then says.
# Usage: Benchmarks/put-mtimes.sh [BIN] [FAULTS]   e.g. .build/release/pcmd latency=30ms
set -e
BIN=${1:-.build/release/pcmd}; FAULTS=$2
W=$(mktemp -d "${TMPDIR:-/tmp}/put-mtimes.XXXX")
args=(sandbox --data "$W/data" --http off --https 127.0.0.1:0 --ready-file "$W/ready.json")
[ -n "$FAULTS" ] && args+=(--faults "$FAULTS")
"$BIN" "${args[@]}" >"$W/sandbox.log" 2>&1 &
SPID=$!
for i in $(seq 100); do [ -s "$W/ready.json" ] && break; sleep 0.2; done
read URL CA TOKEN < <(python3 -c "import json,sys; d=json.load(open('$W/ready.json')); print(d['https'], d['ca'], d['users'][0]['token'])")
python3 - "$W" <<'PY'
import os, sys
w = sys.argv[1]
for label, step in (("equal", 0), ("distinct", 1)):
    d = os.path.join(w, label); os.makedirs(d)
    for i in range(2000):
        p = os.path.join(d, "s%05d.bin" % i)
        with open(p, "wb") as f: f.write(os.urandom(4096))
        t = 1_600_000_000 + i * step
        os.utime(p, (t, t))
PY
export PCMD_TOKEN=$TOKEN PCMD_SANDBOX=$URL PCMD_CA_FILE=$CA XDG_CONFIG_HOME=$W/config HOME=$W
for label in equal distinct; do
  "$BIN" mkdir "pc:/$label" >/dev/null
  s=$(date +%s.%N)
  "$BIN" put "$W/$label" "pc:/$label" >/dev/null
  e=$(date +%s.%N)
  c=$("$BIN" compare "$W/$label" "pc:/$label/$label" | tail -1) || true
  printf '%s %-8s %6.2f s   compare: %s\n' "${FAULTS:-loopback}" "$label" "$(echo "$e - $s" | bc)" "$c"
done
kill $SPID; wait $SPID 2>/dev/null || true
rm -rf "$W"
