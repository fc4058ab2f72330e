#!/usr/bin/env bash
# PCloudAPI benchmark (issue 10): the client against curl and rclone, all over HTTPS to the
# same `pcmd sandbox`, release builds. A benchmark, not a test. One run prints a table of ratios.
#
#   1. 1 GiB upload:   curl raw PUT uploadfile | pcloud-bench upload (auto path; one PUT; one PUT
#                      without the SHA-1 check) | rclone copyto
#   2. 1 GiB download: curl getfilelink + GET to a file (and + sync FILE) | pcloud-bench download
#                      (sha1 verified, fsync, rename; and without fsync) | rclone copyto (hash verified)
#   3. client peak RSS for upload and download at 256 MiB and at SIZE (flat with size?)
#   4. 2,000 x 4 KiB files up: pcloud-bench batch (multipart batches) | rclone copy
#   5. a 100,000-entry folder: pcloud-bench list | rclone lsjson
#   6. the resumable-upload threshold: uploadfile vs upload_create/write/save at a few sizes,
#      interleaved (put, resumable, put, ...; median of N); --only-threshold runs just this
#
# Usage: Benchmarks/client-vs-curl-rclone.sh [--size MiB] [--reps N] [--skip-threshold | --only-threshold]
# Env:   BIN=.build/release (pcmd and pcloud-bench), KEEP=1 keeps the temp dir,
#        LIST_COUNT=100000, SMALL_COUNT=2000, TMPDIR.
# Build first: swift build -c release
# Times are wall-clock seconds of the whole process (start-up included, best of N runs);
# "x" columns are speed ratios (other's time / client's time: above 1 means the client is faster).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

BIN=${BIN:-.build/release}
SIZE_MB=${SIZE_MB:-1024}
REPS=${REPS:-2}
LIST_COUNT=${LIST_COUNT:-100000}
SMALL_COUNT=${SMALL_COUNT:-2000}
THRESHOLD=1
ONLY_THRESHOLD=0
while (($#)); do
    case $1 in
        --size) SIZE_MB=$2; shift 2 ;;
        --reps) REPS=$2; shift 2 ;;
        --skip-threshold) THRESHOLD=0; shift ;;
        --only-threshold) ONLY_THRESHOLD=1; shift ;;
        -h | --help) sed -n '2,/^set /s/^# \{0,1\}//p' "$0" | sed '$d'; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

# ---- sandbox -------------------------------------------------------------------------------
NEEDS=(curl rclone sha1sum /usr/bin/time)
source Benchmarks/sandbox-lib.sh
export PCLOUD_URL=$BASE PCLOUD_TOKEN=$TOKEN PCLOUD_CA=$CA
CURL=(curl -sS --fail-with-body --max-time 3600 --cacert "$CA" -H "Authorization: Bearer $TOKEN" -H 'Expect:')
cat >"$TMP/rclone.conf" <<EOF
[pc]
type = pcloud
hostname = $NETLOC
token = $TOKEN_JSON
username = bob@example.com
password = $(rclone obscure "$PASSWORD")
EOF
RC=(rclone --config "$TMP/rclone.conf" --ca-cert "$CA" --cache-dir "$TMP/rclone-cache" --stats 0
    --low-level-retries 2 --retries 1 --ask-password=false)

# ---- measuring -----------------------------------------------------------------------------
# run NAME CMD...: runs CMD under GNU time REPS times; sets T (best seconds), M (peak RSS
# MiB of that run) and C (its user+sys CPU seconds); the command's stdout of the best run is
# in $TMP/NAME.out.
run() {
    local name=$1; shift
    T='' M='' C=''
    local i t m u s
    for ((i = 0; i < REPS; i++)); do
        if ! /usr/bin/time -f '%e %M %U %S' -o "$TMP/$name.time" "$@" >"$TMP/$name.try" 2>"$TMP/$name.err"; then
            echo "error: $name failed: $(tail -n 3 "$TMP/$name.err")" >&2
            STATUS=1; return 1
        fi
        read -r t m u s < <(tail -n 1 "$TMP/$name.time")
        if [[ -z $T ]] || awk -v a="$t" -v b="$T" 'BEGIN { exit !(a < b) }'; then
            T=$t M=$(awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }') C=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
            cp "$TMP/$name.try" "$TMP/$name.out"
        fi
        [[ -n ${AFTER_EACH:-} ]] && eval "$AFTER_EACH"
    done
    log "$name: ${T}s, peak RSS ${M} MiB"
}
json() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$TMP/$1.out" "$2"; }
ratio() { awk -v other="$1" -v mine="$2" 'BEGIN { if (other > 0 && mine > 0) printf "%.2f", other / mine; else print "-" }'; }
mbps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", b / t / 1e6; else print "-" }'; }
STATUS=0
ROWS=()
row() { ROWS+=("$1|$2|$3|$4|$5|$6|$7"); }
verdict() { awk -v r="$1" -v want="$2" 'BEGIN { if (r == "-") print "?"; else if (r + 0 >= want) print "met"; else print "MISSED" }'; }

# ---- data ----------------------------------------------------------------------------------
BYTES=$((SIZE_MB << 20))
if ((ONLY_THRESHOLD)); then
    log "creating a $SIZE_MB MiB file ..."
    head -c "$BYTES" /dev/urandom >"$TMP/big.bin"
else
log "creating test files ($SIZE_MB MiB, 256 MiB, $SMALL_COUNT x 4 KiB) ..."
head -c "$BYTES" /dev/urandom >"$TMP/big.bin"
head -c $((256 << 20)) "$TMP/big.bin" >"$TMP/mid.bin"
SHA1=$(sha1sum <"$TMP/big.bin"); SHA1=${SHA1%% *}
mkdir -p "$TMP/small"
python3 - "$TMP/small" "$SMALL_COUNT" <<'EOF'
import os, sys
for i in range(int(sys.argv[2])):
    with open(os.path.join(sys.argv[1], "s%05d.bin" % i), "wb") as f:
        f.write(os.urandom(4096))
EOF
fi

if ((!ONLY_THRESHOLD)); then
# ---- 1. big upload -------------------------------------------------------------------------
log "upload: curl ..."
run curl-up "${CURL[@]}" -T "$TMP/big.bin" -o /dev/stdout "$BASE/uploadfile?folderid=0&filename=curl.bin&nopartial=1&renameifexists=1"
T_CURL_UP=$T
grep -q "$SHA1" "$TMP/curl-up.out" || { echo "error: curl upload: sha1 not in reply" >&2; STATUS=1; }
log "upload: client ..."
run client-up "$BIN/pcloud-bench" upload "$TMP/big.bin"
T_CLIENT_UP=$T M_UP_BIG=$M
[[ $(json client-up sha1) == "$SHA1" ]] || { echo "error: client upload sha1 differs" >&2; STATUS=1; }
FILEID=$(json client-up fileid)
log "upload: client, one uploadfile PUT ..."
run client-up-put "$BIN/pcloud-bench" upload --mode put "$TMP/big.bin"
T_CLIENT_PUT=$T
# curl sends bytes and computes nothing; the client also hashes what it sends (SHA-1, checked
# against the server's). This run, unverified, tells what that hash costs here.
run client-up-unverified "$BIN/pcloud-bench" upload --mode put-unverified "$TMP/big.bin"
T_CLIENT_PUT_UNVERIFIED=$T
log "upload: rclone ..."
run rclone-up "${RC[@]}" copyto --ignore-times "$TMP/big.bin" pc:bench/big-rclone.bin
T_RCLONE_UP=$T

# ---- 2. big download -----------------------------------------------------------------------
curl_download() {
    local link url
    link=$("${CURL[@]}" "$BASE/getfilelink?fileid=$FILEID") || return 1
    url=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(sys.argv[2] + d["path"])' "$link" "https://${NETLOC}")
    curl -sS --fail --cacert "$CA" -o "$TMP/curl.down" "$url" || return 1
    [[ ${1:-} != sync ]] || sync "$TMP/curl.down"
}
export -f curl_download
export CA FILEID NETLOC BASE TMP TOKEN
# Downloads go to a file on the same disk. The client fsyncs before its rename (a crash must
# not leave a torn file); curl and rclone do not, so curl is also timed with `sync FILE` after,
# and the client without its fsync (--mode nosync), to compare like with like.
log "download: curl ..."
AFTER_EACH='rm -f "$TMP/curl.down"' run curl-down bash -c "$(declare -p CURL); curl_download"
T_CURL_DOWN=$T
AFTER_EACH='rm -f "$TMP/curl.down"' run curl-down-sync bash -c "$(declare -p CURL); curl_download sync"
T_CURL_DOWN_SYNC=$T
log "download: client ..."
AFTER_EACH='rm -f "$TMP/client.down"' run client-down "$BIN/pcloud-bench" download "$FILEID" "$TMP/client.down"
T_CLIENT_DOWN=$T M_DOWN_BIG=$M
[[ $(json client-down size) == "$BYTES" ]] || { echo "error: client download size" >&2; STATUS=1; }
AFTER_EACH='rm -f "$TMP/client.down"' run client-down-nosync "$BIN/pcloud-bench" download --mode nosync "$FILEID" "$TMP/client.down"
T_CLIENT_DOWN_NOSYNC=$T
log "download: rclone ..."
AFTER_EACH='rm -f "$TMP/rclone.down"' run rclone-down "${RC[@]}" copyto pc:bench/big-rclone.bin "$TMP/rclone.down"
T_RCLONE_DOWN=$T

# ---- 3. RSS flat with size -----------------------------------------------------------------
log "RSS at 256 MiB ..."
REPS_SAVED=$REPS REPS=1
run client-up-mid "$BIN/pcloud-bench" upload "$TMP/mid.bin"
M_UP_MID=$M
MID_ID=$(json client-up-mid fileid)
run client-down-mid "$BIN/pcloud-bench" download "$MID_ID" "$TMP/mid.down"
M_DOWN_MID=$M
rm -f "$TMP/mid.down"
REPS=$REPS_SAVED

# ---- 4. small files ------------------------------------------------------------------------
log "small files: client ..."
run client-small "$BIN/pcloud-bench" batch "$TMP/small"
T_CLIENT_SMALL=$T
log "small files: rclone ..."
AFTER_EACH='"${RC[@]}" purge pc:small-rclone >/dev/null 2>&1' run rclone-small "${RC[@]}" copy "$TMP/small" pc:small-rclone
T_RCLONE_SMALL=$T

# ---- 5. listing ----------------------------------------------------------------------------
log "seeding a $LIST_COUNT-entry folder through the API ..."
REPS_SAVED=$REPS REPS=1
run seed "$BIN/pcloud-bench" seed biglist "$LIST_COUNT"
REPS=$REPS_SAVED
LIST_ID=$(json seed folderid)
log "listing: client ..."
run client-list "$BIN/pcloud-bench" list "$LIST_ID"
T_CLIENT_LIST=$T
[[ $(json client-list entries) == "$LIST_COUNT" ]] || { echo "error: client listed $(json client-list entries)" >&2; STATUS=1; }
log "listing: rclone ..."
run rclone-list "${RC[@]}" lsjson pc:biglist
T_RCLONE_LIST=$T
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMP/rclone-list.out")
[[ $n == "$LIST_COUNT" ]] || { echo "error: rclone listed $n" >&2; STATUS=1; }
fi

# ---- 6. resumable threshold ----------------------------------------------------------------
# Interleaved, one run of each in turn, so load from other work on the machine falls on both;
# medians of REPS. Each upload's sha1 is checked against the file's. CPU seconds of the client
# and of the sandbox (from /proc) are counted too: they move little with the machine's load.
THRESH_ROWS=()
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$SERVER_PID/stat"; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
if ((THRESHOLD || ONLY_THRESHOLD)); then
    for mb in 16 64 256 $SIZE_MB; do
        head -c $((mb << 20)) "$TMP/big.bin" >"$TMP/t.bin"
        tsum=$(sha1sum <"$TMP/t.bin"); tsum=${tsum%% *}
        tps='' trs='' cps='' crs='' sps='' srs=''
        for ((k = 0; k < REPS; k++)); do
            REPS_SAVED=$REPS REPS=1
            s0=$(server_cpu)
            run t-put "$BIN/pcloud-bench" upload --mode put "$TMP/t.bin" && tps+=" $T" cps+=" $C" sps+=" $(minus "$(server_cpu)" "$s0")"
            [[ $(json t-put sha1) == "$tsum" ]] || { echo "error: put $mb MiB sha1 differs" >&2; STATUS=1; }
            s0=$(server_cpu)
            run t-res "$BIN/pcloud-bench" upload --mode resumable "$TMP/t.bin" && trs+=" $T" crs+=" $C" srs+=" $(minus "$(server_cpu)" "$s0")"
            [[ $(json t-res sha1) == "$tsum" ]] || { echo "error: resumable $mb MiB sha1 differs" >&2; STATUS=1; }
            REPS=$REPS_SAVED
        done
        tp=$(median <<<"$tps") tr=$(median <<<"$trs")
        THRESH_ROWS+=("$mb|$tp|$tr|$(ratio "$tr" "$tp")|$(median <<<"$cps")|$(median <<<"$crs")|$(median <<<"$sps")|$(median <<<"$srs")|${tps# }|${trs# }")
    done
    rm -f "$TMP/t.bin"
fi

# ---- report --------------------------------------------------------------------------------
if ((!ONLY_THRESHOLD)); then
UP_CURL=$(ratio "$T_CURL_UP" "$T_CLIENT_UP"); UP_RCLONE=$(ratio "$T_RCLONE_UP" "$T_CLIENT_UP")
DOWN_CURL=$(ratio "$T_CURL_DOWN_SYNC" "$T_CLIENT_DOWN"); DOWN_RCLONE=$(ratio "$T_RCLONE_DOWN" "$T_CLIENT_DOWN")
DOWN_CURL_NS=$(ratio "$T_CURL_DOWN" "$T_CLIENT_DOWN_NOSYNC"); DOWN_RCLONE_NS=$(ratio "$T_RCLONE_DOWN" "$T_CLIENT_DOWN_NOSYNC")
SMALL_RCLONE=$(ratio "$T_RCLONE_SMALL" "$T_CLIENT_SMALL"); LIST_RCLONE=$(ratio "$T_RCLONE_LIST" "$T_CLIENT_LIST")
echo
echo "PCloudAPI benchmark: ${SIZE_MB} MiB, best of $REPS, HTTPS loopback sandbox, $(nproc) cores, $(date -u +%F)"
printf '%-34s %8s %8s %8s  %7s %8s  %s\n' "task" "client s" "curl s" "rclone s" "x curl" "x rclone" "targets (x curl >= 0.95, x rclone)"
printf '%-34s %8s %8s %8s  %7s %8s  %s\n' "$(printf %s ----------------------------------)" "--------" "------" "--------" "------" "--------" "-----"
printf '%-34s %8s %8s %8s  %7s %8s  %s %s / %s\n' "upload ${SIZE_MB} MiB ($(mbps "$BYTES" "$T_CLIENT_UP") MB/s)" "$T_CLIENT_UP" "$T_CURL_UP" "$T_RCLONE_UP" \
    "$UP_CURL" "$UP_RCLONE" ">=1.2:" "$(verdict "$UP_CURL" 0.95)" "$(verdict "$UP_RCLONE" 1.2)"
printf '%-34s %8s %8s %8s  %7s %8s  %s\n' "  same, one uploadfile PUT" "$T_CLIENT_PUT" "$T_CURL_UP" "$T_RCLONE_UP" \
    "$(ratio "$T_CURL_UP" "$T_CLIENT_PUT")" "$(ratio "$T_RCLONE_UP" "$T_CLIENT_PUT")" ""
printf '%-34s %8s %8s %8s  %7s %8s  %s\n' "  same, PUT without SHA-1 check" "$T_CLIENT_PUT_UNVERIFIED" "$T_CURL_UP" "$T_RCLONE_UP" \
    "$(ratio "$T_CURL_UP" "$T_CLIENT_PUT_UNVERIFIED")" "$(ratio "$T_RCLONE_UP" "$T_CLIENT_PUT_UNVERIFIED")" ""
printf '%-34s %8s %8s %8s  %7s %8s  %s %s / %s\n' "download ${SIZE_MB} MiB, fsync ($(mbps "$BYTES" "$T_CLIENT_DOWN") MB/s)" "$T_CLIENT_DOWN" "$T_CURL_DOWN_SYNC" "$T_RCLONE_DOWN" \
    "$DOWN_CURL" "$DOWN_RCLONE" ">=1.2:" "$(verdict "$DOWN_CURL" 0.95)" "$(verdict "$DOWN_RCLONE" 1.2)"
printf '%-34s %8s %8s %8s  %7s %8s  %s %s / %s\n' "download, no fsync ($(mbps "$BYTES" "$T_CLIENT_DOWN_NOSYNC") MB/s)" "$T_CLIENT_DOWN_NOSYNC" "$T_CURL_DOWN" "$T_RCLONE_DOWN" \
    "$DOWN_CURL_NS" "$DOWN_RCLONE_NS" ">=1.2:" "$(verdict "$DOWN_CURL_NS" 0.95)" "$(verdict "$DOWN_RCLONE_NS" 1.2)"
printf '%-34s %8s %8s %8s  %7s %8s  %s %s\n' "$SMALL_COUNT x 4 KiB up" "$T_CLIENT_SMALL" "-" "$T_RCLONE_SMALL" "-" "$SMALL_RCLONE" ">=2:" "$(verdict "$SMALL_RCLONE" 2)"
printf '%-34s %8s %8s %8s  %7s %8s  %s %s\n' "list $LIST_COUNT entries" "$T_CLIENT_LIST" "-" "$T_RCLONE_LIST" "-" "$LIST_RCLONE" ">=2:" "$(verdict "$LIST_RCLONE" 2)"
echo
rss_ok=$(awk -v a="$M_UP_MID" -v b="$M_UP_BIG" -v c="$M_DOWN_MID" -v d="$M_DOWN_BIG" \
    'BEGIN { m = a; if (b > m) m = b; if (c > m) m = c; if (d > m) m = d;
             flat = (b - a < 8 && d - c < 8); print (m <= 48 && flat) ? "met" : "MISSED" }')
printf 'client peak RSS MiB    upload: %s at 256 MiB, %s at %s MiB;  download: %s at 256 MiB, %s at %s MiB  (<= 48, flat): %s\n' \
    "$M_UP_MID" "$M_UP_BIG" "$SIZE_MB" "$M_DOWN_MID" "$M_DOWN_BIG" "$SIZE_MB" "$rss_ok"
fi
if ((${#THRESH_ROWS[@]})); then
    echo
    echo "resumable threshold: one uploadfile PUT vs upload_create/write/save (resumableChunk-sized writes),"
    echo "median of $REPS interleaved runs, load $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '  %6s %7s %7s %7s   %15s   %15s   %s\n' "MiB" "put s" "res s" "res/put" "client cpu p/r" "sandbox cpu p/r" "runs put | resumable (s)"
    for r in "${THRESH_ROWS[@]}"; do
        IFS='|' read -r a b c d e f g h i j <<<"$r"
        printf '  %6s %7s %7s %7s   %15s   %15s   %s | %s\n' "$a" "$b" "$c" "$d" "$e / $f" "$g / $h" "$i" "$j"
    done
fi
((STATUS == 0)) || echo "some steps FAILED (see above)"
exit "$STATUS"
