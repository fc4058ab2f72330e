#!/usr/bin/env bash
# Find benchmark (issue 12): a find over 100,000 cloud entries, all against one `pcmd sandbox`
# over HTTPS, release builds. A benchmark, not a test: it prints figures and ratios.
#
#   1. seeds findtree/top-TT/sub-SSS/ with FILES empty files each (10 x 100 x 100 = 100,000 files
#      and 1,010 folders by default), files of five kinds
#   2. pcloud-bench find: Commander's index built once (its listfolder calls counted: one per
#      top-level folder plus the folder itself), then each pattern answered from it (median and
#      max of 21 runs, in-process)
#   3. the same finds as rclone does them (lsf -R with a filter: a whole listing per find)
#   4. the TUI in tmux: f, pattern, Enter until the results panel shows "found": the first find
#      (builds the index) and a second one (answered from it)
#
# Usage: Benchmarks/find-index.sh     Env: BIN=.build/release TOP=10 SUB=100 FILES=100 KEEP=1
# Build first: swift build -c release
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
BIN=${BIN:-.build/release}
TOP=${TOP:-10} SUB=${SUB:-100} FILES=${FILES:-100}
NEEDS=(rclone tmux)

source Benchmarks/sandbox-lib.sh
export PCLOUD_URL=$BASE PCLOUD_TOKEN=$TOKEN PCLOUD_CA=$CA
cat >"$TMP/rclone.conf" <<EOF
[pc]
type = pcloud
hostname = $NETLOC
token = $TOKEN_JSON
EOF

log "seeding $((TOP * SUB * FILES)) files in $((TOP + TOP * SUB)) folders ..."
"$BIN/pcloud-bench" seed-tree findtree "$TOP" "$SUB" "$FILES" --parallel 2 >"$TMP/seed.json" || exit 1
cat "$TMP/seed.json" >&2

PATTERNS=("file-0042" "file-00234??.mp3" "*.zip" "no-such-name")
log "pcmd's index ..."
"$BIN/pcloud-bench" find /findtree "${PATTERNS[@]}" >"$TMP/find.json" || exit 1

log "rclone ..."
: >"$TMP/rclone.txt"
for p in "${PATTERNS[@]}"; do
    case $p in *'*'* | *'?'*) filter=$p ;; *) filter="*$p*" ;; esac
    s=$(date +%s.%N)
    n=$(rclone --config "$TMP/rclone.conf" --ca-cert "$CA" lsf -R --files-only --include "$filter" --ignore-case pc:findtree | wc -l)
    e=$(date +%s.%N)
    echo "$p $n $(python3 -c "print(($e - $s) * 1000)")" >>"$TMP/rclone.txt"
done

log "the TUI in tmux ..."
python3 - "$BIN/pcmd" "$BASE" "$CA" "$TOKEN" "$TMP" >"$TMP/tui.txt" <<'EOF'
import subprocess, sys, time, uuid, re
pcmd, base, ca, token, tmp = sys.argv[1:6]
sock = "find-bench-" + uuid.uuid4().hex[:6]
def tmux(*a): return subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", *a], capture_output=True, text=True).stdout
def screen(): return tmux("capture-pane", "-p", "-t", "b")
def until(pred, timeout=600):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        s = screen()
        if pred(s): return time.monotonic(), s
        time.sleep(0.001)
    raise SystemExit("timed out: " + screen())
env = f"env LANG=C.UTF-8 TERM=tmux-256color HOME={tmp} XDG_CONFIG_HOME={tmp}/cfg PCMD_TOKEN={token}"
tmux("new-session", "-d", "-s", "b", "-x", "140", "-y", "40",
     f"{env} {pcmd} --sandbox {base} --ca-file {ca} --local {tmp} --cloud-path /findtree")
until(lambda s: "top-09" in s or "top-0" in s)
tmux("send-keys", "-t", "b", "Tab")
def find(pattern):
    tmux("send-keys", "-t", "b", "f"); until(lambda s: "Find in" in s)
    tmux("send-keys", "-t", "b", "-l", pattern)
    time.sleep(0.2)
    t0 = time.monotonic()
    tmux("send-keys", "-t", "b", "Enter")
    t1, s = until(lambda s: re.search(r"\d+ found in \d+ ms", s))
    inside = re.search(r"(\d+) found in (\d+) ms", s)
    tmux("send-keys", "-t", "b", "BSpace"); until(lambda s: " found " not in s.split("\n")[-4])
    return (t1 - t0) * 1000, int(inside.group(1)), int(inside.group(2))
first = find("file-0042")
second = find("file-00234??.mp3")
third = find("file-0042")
tmux("kill-server")
for name, r in (("first find (builds the index)", first), ("second find", second), ("third find", third)):
    print(f"{name}|{r[0]:.1f}|{r[1]}|{r[2]}")
EOF

python3 - "$TMP/find.json" "$TMP/rclone.txt" "$TMP/tui.txt" <<'EOF'
import json, sys
f = json.load(open(sys.argv[1]))
rc = {l.split()[0]: (int(l.split()[1]), float(l.split()[2])) for l in open(sys.argv[2])}
print(f"index of {f['entries']} entries built in {f['build_ms']:.0f} ms with {f['build_requests']} listfolder calls")
print(f"{'pattern':16} {'found':>7} {'pcmd median':>12} {'pcmd max':>9} {'rclone lsf -R':>14} {'rclone/pcmd':>12}  (ms)")
for r in f["finds"]:
    n, t = rc.get(r["pattern"], (0, float("nan")))
    print(f"{r['pattern']:16} {r['found']:>7} {r['median_ms']:>12.1f} {r['max_ms']:>9.1f} {t:>14.0f} {t / max(r['median_ms'], 0.001):>11.0f}x"
          + ("" if n == r["found"] else f"  (rclone found {n})"))
print("TUI, key to results on screen (tmux):  ms on screen | found | ms the pane reports")
for line in open(sys.argv[3]):
    name, ms, n, inside = line.strip().split("|")
    print(f"  {name:32} {float(ms):8.1f} {n:>7} {inside:>6}")
EOF
