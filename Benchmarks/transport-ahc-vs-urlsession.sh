#!/usr/bin/env bash
# Transport choice for PCloudAPI (issue 10): the client's async-http-client transport against the
# same calls over URLSession (FoundationNetworking; pcloud-bench --transport urlsession), both
# over HTTPS to one `pcmd sandbox`, release builds. A benchmark, not a test.
#
#   upload    SIZE MiB, one uploadfile PUT (Content-Length, nopartial=1, streamed from the file)
#   download  the same file: getfilelink, streamed GET into a file, checksumfile (no fsync)
#   list      listfolder of a LIST_COUNT-entry folder, decoded by MetadataScanner
#
# Runs the two interleaved (A B A B ...) REPS times per task, checks every result (sha1 and size
# of uploads, sha1sum and size of downloaded files, entry counts), and prints medians of wall
# time, CPU time (user+sys) and peak RSS (GNU time) per transport, and their ratios.
#
# FoundationNetworking on Linux has no way to trust a custom CA (see URLSessionTransport.swift),
# so the script runs in a private mount namespace (unshare) where /etc/ssl/certs holds only the
# sandbox's CA; verification stays on, and a URLSession call before the mount must fail.
#
# Usage: Benchmarks/transport-ahc-vs-urlsession.sh [--size MiB] [--reps N] [--list-count N]
# Env:   BIN=.build/release (pcmd and pcloud-bench), KEEP=1 keeps the temp dir, TMPDIR.
# Build first: swift build -c release --product pcloud-bench --product pcmd
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

if [[ -z ${TRANSPORT_BENCH_NS:-} ]]; then
    export TRANSPORT_BENCH_NS=1
    unshare -U -r -m true 2>/dev/null && exec unshare -U -r -m --propagation private "$0" "$@"
    exec unshare -m --propagation private "$0" "$@"
fi

BIN=${BIN:-.build/release}
SIZE_MB=1024
REPS=3
LIST_COUNT=100000
while (($#)); do
    case $1 in
        --size) SIZE_MB=$2; shift 2 ;;
        --reps) REPS=$2; shift 2 ;;
        --list-count) LIST_COUNT=$2; shift 2 ;;
        -h | --help) sed -n '2,/^set /s/^# \{0,1\}//p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

NEEDS=(sha1sum mount /usr/bin/time)
source Benchmarks/sandbox-lib.sh
export PCLOUD_URL=$BASE PCLOUD_TOKEN=$TOKEN PCLOUD_CA=$CA
BENCH=$BIN/pcloud-bench
STATUS=0

# ---- trust -----------------------------------------------------------------------------------
if "$BENCH" list 0 --transport urlsession >/dev/null 2>"$TMP/untrusted.err"; then
    echo "error: URLSession accepted the sandbox before its CA was trusted" >&2; exit 2
fi
mkdir -p "$TMP/certs"
cp "$CA" "$TMP/certs/ca-certificates.crt"
ln -s ca-certificates.crt "$TMP/certs/$(openssl x509 -hash -noout -in "$CA" 2>/dev/null || echo ca).0"
mount --bind "$TMP/certs" /etc/ssl/certs || { echo "error: cannot mount over /etc/ssl/certs" >&2; exit 2; }
"$BENCH" list 0 --transport urlsession >/dev/null || { echo "error: URLSession does not trust the sandbox CA" >&2; exit 2; }
log "URLSession refused the sandbox before its CA was mounted ($(tail -n 1 "$TMP/untrusted.err" | cut -c 1-150)), accepts it after"

# ---- measuring -------------------------------------------------------------------------------
# measure TASK TRANSPORT CMD...: one run under GNU time; appends "task transport wall cpu rss_kib"
# to $TMP/runs; the command's stdout is in $TMP/out.json.
measure() {
    local task=$1 transport=$2; shift 2
    if ! /usr/bin/time -f '%e %U %S %M' -o "$TMP/time" "$@" >"$TMP/out.json" 2>"$TMP/err"; then
        echo "error: $task over $transport failed: $(tail -n 3 "$TMP/err")" >&2
        STATUS=1; return 1
    fi
    local e u s m
    read -r e u s m < <(tail -n 1 "$TMP/time")
    echo "$task $transport $e $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') $m" >>"$TMP/runs"
    log "$task $transport: ${e}s wall, $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')s cpu, $((m / 1024)) MiB"
}
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$TMP/out.json" "$1"; }
check() { [[ $2 == "$3" ]] || { echo "error: $1: got $2, want $3" >&2; STATUS=1; }; }
TRANSPORTS=(ahc urlsession)

# ---- data ------------------------------------------------------------------------------------
BYTES=$((SIZE_MB << 20))
log "creating a $SIZE_MB MiB file ..."
head -c "$BYTES" /dev/urandom >"$TMP/big.bin"
SHA1=$(sha1sum <"$TMP/big.bin"); SHA1=${SHA1%% *}
log "seeding a $LIST_COUNT-entry folder ..."
"$BENCH" seed biglist "$LIST_COUNT" >"$TMP/seed.json" || { echo "error: seeding failed" >&2; exit 2; }
LIST_ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["folderid"])' "$TMP/seed.json")
sync

# ---- runs, interleaved -----------------------------------------------------------------------
FILEID=''
for ((i = 1; i <= REPS; i++)); do
    for t in "${TRANSPORTS[@]}"; do
        measure upload "$t" "$BENCH" upload --mode put --transport "$t" "$TMP/big.bin" || continue
        check "upload $t sha1" "$(field sha1)" "$SHA1"
        check "upload $t size" "$(field size)" "$BYTES"
        [[ -n $FILEID ]] || FILEID=$(field fileid)
    done
done
[[ -n $FILEID ]] || { echo "error: no upload succeeded" >&2; exit 1; }
for ((i = 1; i <= REPS; i++)); do
    for t in "${TRANSPORTS[@]}"; do
        sync
        if measure download "$t" "$BENCH" download --mode nosync --transport "$t" "$FILEID" "$TMP/down.bin"; then
            check "download $t size" "$(stat -c %s "$TMP/down.bin")" "$BYTES"
            got=$(sha1sum <"$TMP/down.bin"); check "download $t sha1" "${got%% *}" "$SHA1"
        fi
        rm -f "$TMP/down.bin" "$TMP/.down.bin.pcmd-part"
    done
done
for ((i = 1; i <= REPS; i++)); do
    for t in "${TRANSPORTS[@]}"; do
        measure list "$t" "$BENCH" list --transport "$t" "$LIST_ID" || continue
        check "list $t entries" "$(field entries)" "$LIST_COUNT"
    done
done

# ---- report ----------------------------------------------------------------------------------
echo
echo "PCloudAPI transport: async-http-client (ahc) vs URLSession (us), HTTPS loopback sandbox,"
echo "release, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +'%F %H:%M') UTC; median of $REPS interleaved runs"
python3 - "$TMP/runs" "$SIZE_MB" "$LIST_COUNT" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    task, transport, wall, cpu, rss = line.split()
    runs.setdefault((task, transport), []).append((float(wall), float(cpu), int(rss) / 1024))
names = {"upload": f"upload {sys.argv[2]} MiB (PUT)", "download": f"download {sys.argv[2]} MiB",
         "list": f"list {sys.argv[3]} entries"}
print(f"{'task':<26} {'ahc s':>7} {'us s':>7} {'us/ahc':>7}   {'ahc cpu':>7} {'us cpu':>7} {'us/ahc':>7}   "
      f"{'ahc MiB':>7} {'us MiB':>7}   runs ahc | us (s)")
def med(xs, k): return statistics.median(x[k] for x in xs)
def ratio(a, b): return f"{a / b:.2f}" if b > 0 else "-"
for task in ("upload", "download", "list"):
    a, u = runs.get((task, "ahc"), []), runs.get((task, "urlsession"), [])
    if not a or not u:
        print(f"{names[task]:<26} (missing runs)"); continue
    aw, uw, ac, uc = med(a, 0), med(u, 0), med(a, 1), med(u, 1)
    am, um = max(x[2] for x in a), max(x[2] for x in u)
    print(f"{names[task]:<26} {aw:7.2f} {uw:7.2f} {ratio(uw, aw):>7}   {ac:7.2f} {uc:7.2f} {ratio(uc, ac):>7}   "
          f"{am:7.1f} {um:7.1f}   {' '.join(f'{x[0]:.2f}' for x in a)} | {' '.join(f'{x[0]:.2f}' for x in u)}")
print("us/ahc above 1: URLSession slower (or heavier) than async-http-client. MiB: highest peak RSS of the runs.")
PY
((STATUS == 0)) || echo "some checks FAILED (see above)"
exit "$STATUS"
