#!/usr/bin/env bash
# Transfer benchmark for `pcmd sandbox` (a benchmark, not a test).
#
# Starts the sandbox under /usr/bin/time -v, then moves one SIZE_MB file:
#   1. curl raw PUT  /uploadfile            (checks the returned sha1)
#   2. curl GET      /getfilelink -> link   (download to /dev/null)
#   3. curl multipart POST /uploadfile      (checks the returned sha1)
#   4. rclone copyto up and down over HTTPS (for comparison; --no-rclone skips)
#   5. stops the sandbox with SIGTERM and reports its peak RSS.
#
# Usage:  Benchmarks/sandbox-transfer.sh [--size MB] [--https] [--no-rclone]
#   --size MB     file size in MiB (default: $SIZE_MB or 1024)
#   --https       run the curl transfers over HTTPS instead of HTTP
#   --no-rclone   skip the rclone comparison
# Env:    PCMD=path/to/pcmd (default .build/debug/pcmd; use a release build
#         for meaningful numbers), KEEP=1 keeps the temporary directory,
#         READY_TIMEOUT=60 seconds to wait for the sandbox to start.
#
# Speeds are MB/s with 1 MB = 10^6 bytes; "RSS MiB" is the sandbox's peak/current
# resident size after each step (from /proc). Exit status 1 if a transfer failed
# or a checksum did not match, 2 if the sandbox could not be started.

set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

PCMD=${PCMD:-.build/debug/pcmd}
SIZE_MB=${SIZE_MB:-1024}
USE_HTTPS=0
USE_RCLONE=1
KEEP=${KEEP:-0}
RSS_LIMIT_MIB=64

while (($#)); do
    case $1 in
        --size) SIZE_MB=${2:?--size needs a value}; shift 2 ;;
        --size=*) SIZE_MB=${1#*=}; shift ;;
        --https) USE_HTTPS=1; shift ;;
        --no-rclone) USE_RCLONE=0; shift ;;
        -h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done
[[ $SIZE_MB =~ ^[1-9][0-9]*$ ]] || { echo "error: size must be a positive integer (MiB)" >&2; exit 2; }

tools=(curl python3 sha1sum awk)
((USE_RCLONE)) && tools+=(rclone)
for tool in "${tools[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool not found" >&2; exit 2; }
done
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time (GNU time) not found" >&2; exit 2; }
[[ -x $PCMD ]] || { echo "error: $PCMD is not an executable (build it, or set PCMD=...)" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pcmd-bench.XXXXXX") || exit 2
TIME_PID='' SERVER_PID=''

stop_server() {
    [[ -n $TIME_PID ]] || return 0
    [[ -n $SERVER_PID ]] || SERVER_PID=$(pgrep -P "$TIME_PID" | head -n 1)
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
    fi
    for _ in $(seq 150); do
        kill -0 "$TIME_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$TIME_PID" 2>/dev/null; then
        echo "warning: sandbox still running 15 s after SIGTERM; killing it" >&2
        [[ -n $SERVER_PID ]] && kill -KILL "$SERVER_PID" 2>/dev/null
    fi
    wait "$TIME_PID" 2>/dev/null
    TIME_PID=''
}

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
    stop_server
    if [[ $KEEP == 1 ]]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mbps() { awk -v b="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.1f", b / t / 1e6; else print "-" }'; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# ---------------------------------------------------------------------------
# Test file
# ---------------------------------------------------------------------------
BIG=$TMP/big.bin
BYTES=$((SIZE_MB * 1048576))
echo "creating ${SIZE_MB} MiB test file ..." >&2
head -c "$BYTES" /dev/urandom >"$BIG" || { echo "error: could not create $BIG" >&2; exit 2; }
SHA1=$(sha1sum <"$BIG")
SHA1=${SHA1%% *}

# ---------------------------------------------------------------------------
# Sandbox
# ---------------------------------------------------------------------------
mkdir -p "$TMP/data"
LISTEN=(--http 127.0.0.1:0 --https off)
((USE_HTTPS || USE_RCLONE)) && LISTEN=(--http 127.0.0.1:0 --https 127.0.0.1:0)
/usr/bin/time -v -o "$TMP/time.txt" "$PCMD" sandbox --data "$TMP/data" "${LISTEN[@]}" \
    --seed demo --ready-file "$TMP/ready.json" >"$TMP/server.log" 2>&1 &
TIME_PID=$!

server_failed() {
    echo "error: $1" >&2
    echo "---- sandbox log ----" >&2
    tail -n 50 "$TMP/server.log" >&2
    exit 2
}

deadline=$((SECONDS + ${READY_TIMEOUT:-60}))
until [[ -s $TMP/ready.json ]] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/ready.json" 2>/dev/null; do
    kill -0 "$TIME_PID" 2>/dev/null || server_failed "sandbox exited before it was ready"
    ((SECONDS < deadline)) || server_failed "sandbox not ready after ${READY_TIMEOUT:-60} s"
    sleep 0.2
done
# /usr/bin/time forks the sandbox; signals must go to that child, not to time.
SERVER_PID=$(pgrep -P "$TIME_PID" | head -n 1)
[[ -n $SERVER_PID ]] || server_failed "cannot find the sandbox process (child of $TIME_PID)"

mapfile -t R < <(python3 - "$TMP/ready.json" <<'EOF'
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
bob = next(u for u in d["users"] if u["email"] == "bob@example.com")
print(d.get("http", ""))
print(d.get("https", ""))
print(d.get("ca", ""))
print(bob["token"])
print(bob["password"])
print(json.dumps({"access_token": bob["token"], "token_type": "bearer",
                  "expiry": "0001-01-01T00:00:00Z"}, separators=(",", ":")))
EOF
)
((${#R[@]} == 6)) || server_failed "cannot read http/https/ca/bob from ready.json"
HTTP_URL=${R[0]} HTTPS_URL=${R[1]} CA=${R[2]} TOKEN=${R[3]} BOB_PASSWORD=${R[4]} TOKEN_JSON=${R[5]}

CURL=(curl -sS --max-time 3600 -H "Authorization: Bearer $TOKEN" -H 'Expect:')
if ((USE_HTTPS)); then
    BASE=${HTTPS_URL%/} SCHEME=https
    CURL+=(--cacert "$CA")
else
    BASE=${HTTP_URL%/} SCHEME=http
fi
[[ -n $BASE ]] || server_failed "ready.json has no $SCHEME URL"

# Result table rows: "step|seconds|MB/s|server RSS|note"
ROWS=()
STATUS=0
# Sandbox's peak RSS so far (VmHWM) and current RSS, in MiB: "peak/now".
server_rss() {
    awk '/^VmHWM:/ { p = $2 } /^VmRSS:/ { r = $2 } END { if (p) printf "%.0f/%.0f", p / 1024, r / 1024; else print "-" }' \
        "/proc/$SERVER_PID/status" 2>/dev/null || echo -
}
row() {
    local secs=$2
    [[ $secs == - ]] || secs=$(awk -v t="$secs" 'BEGIN { printf "%.3f", t }')
    ROWS+=("$1|$secs|$3|$(server_rss)|$4")
}
bad() { STATUS=1; echo "error: $*" >&2; }

# parse_upload REPLY.json -> "fileid check" (check: OK, MISMATCH(...), ERROR(...))
parse_upload() {
    python3 - "$1" "$SHA1" "$BYTES" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("- ERROR(reply-not-json)"); sys.exit()
if d.get("result") != 0:
    print("- ERROR(result=%s)" % d.get("result")); sys.exit()
try:
    m, c = d["metadata"][0], d["checksums"][0]
except (KeyError, IndexError, TypeError):
    print("- ERROR(no-metadata/checksums)"); sys.exit()
fid = m.get("fileid", str(m.get("id", "-")).lstrip("f"))
if c.get("sha1") != sys.argv[2]:
    print("%s MISMATCH(sha1)" % fid)
elif m.get("size") != int(sys.argv[3]):
    print("%s MISMATCH(size=%s)" % (fid, m.get("size")))
else:
    print("%s OK" % fid)
EOF
}

# ---------------------------------------------------------------------------
# 1. curl raw PUT upload
# ---------------------------------------------------------------------------
echo "curl PUT upload ..." >&2
FILEID='' check=''
if out=$("${CURL[@]}" -T "$BIG" -o "$TMP/up1.json" -w '%{time_total} %{http_code}' \
    "$BASE/uploadfile?folderid=0&filename=big.bin&nopartial=1"); then
    read -r t code <<<"$out"
    read -r FILEID check < <(parse_upload "$TMP/up1.json")
    [[ $code == 200 && $check == OK ]] || bad "PUT upload: HTTP $code, $check: $(head -c 300 "$TMP/up1.json")"
    row "curl PUT upload ($SCHEME)" "$t" "$(mbps "$BYTES" "$t")" "sha1 $check"
    T_UP_CURL=$t
else
    bad "PUT upload: curl failed"
    row "curl PUT upload ($SCHEME)" - - "curl failed"
fi

# ---------------------------------------------------------------------------
# 2. curl download through getfilelink
# ---------------------------------------------------------------------------
echo "curl download ..." >&2
URL='' LINK_HOST=''
if [[ -n $FILEID && $FILEID != - ]]; then
    "${CURL[@]}" -o "$TMP/link.json" "$BASE/getfilelink?fileid=$FILEID" || bad "getfilelink: curl failed"
    # Download over the same scheme as the uploads, from that scheme's listener.
    # hosts[0] may name the other listener (e.g. HTTPS for an HTTP caller, since
    # rclone always uses https://); the path is valid on both, so swap the host.
    URL=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
if d.get("result") == 0 and d.get("hosts"):
    print(sys.argv[2] + d["path"])
    print(d["hosts"][0])
' "$TMP/link.json" "$BASE" 2>/dev/null)
    LINK_HOST=${URL#*$'\n'} URL=${URL%%$'\n'*}
    [[ -n $URL ]] || bad "getfilelink: unusable reply: $(head -c 300 "$TMP/link.json" 2>/dev/null)"
fi
if [[ -n $URL ]] && out=$("${CURL[@]}" -o /dev/null -w '%{time_total} %{http_code} %{size_download}' "$URL"); then
    read -r t code got <<<"$out"
    note="$got bytes"
    [[ $code == 200 && $got == "$BYTES" ]] || { bad "download: HTTP $code, $got of $BYTES bytes"; note="HTTP $code, $got bytes: FAILED"; }
    if [[ $BASE != *"://$LINK_HOST" ]]; then
        [[ $HTTPS_URL == *"://$LINK_HOST" ]] && note+=" (getfilelink named the HTTPS listener)" ||
            note+=" (getfilelink named $LINK_HOST)"
    fi
    row "curl download ($SCHEME)" "$t" "$(mbps "$BYTES" "$t")" "$note"
    T_DOWN_CURL=$t
else
    [[ -n $URL ]] && bad "download: curl failed ($URL)"
    row "curl download ($SCHEME)" - - "failed"
fi

# ---------------------------------------------------------------------------
# 3. curl multipart upload
# ---------------------------------------------------------------------------
echo "curl multipart upload ..." >&2
if out=$("${CURL[@]}" -F "file=@$BIG;filename=big2.bin" -o "$TMP/up2.json" -w '%{time_total} %{http_code}' \
    "$BASE/uploadfile?folderid=0&nopartial=1"); then
    read -r t code <<<"$out"
    read -r _ check < <(parse_upload "$TMP/up2.json")
    [[ $code == 200 && $check == OK ]] || bad "multipart upload: HTTP $code, $check: $(head -c 300 "$TMP/up2.json")"
    row "curl multipart upload ($SCHEME)" "$t" "$(mbps "$BYTES" "$t")" "sha1 $check"
else
    bad "multipart upload: curl failed"
    row "curl multipart upload ($SCHEME)" - - "curl failed"
fi

# The 64 MiB budget is for the curl transfers; rclone's parallel streams are reported apart.
CURL_HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null)

# ---------------------------------------------------------------------------
# 4. rclone for comparison (its pcloud backend speaks HTTPS only)
# ---------------------------------------------------------------------------
if ((USE_RCLONE)); then
    CONF=$TMP/rclone.conf
    {
        echo "[pc]"
        echo "type = pcloud"
        echo "hostname = $(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).netloc)' "$HTTPS_URL")"
        echo "token = $TOKEN_JSON"
        echo "username = bob@example.com"
        echo "password = $(rclone obscure "$BOB_PASSWORD")"
    } >"$CONF"
    RC=(rclone --config "$CONF" --ca-cert "$CA" --cache-dir "$TMP/rclone-cache"
        --low-level-retries 2 --retries 1 --stats 0 --ask-password=false)

    echo "rclone upload ..." >&2
    t0=$(now)
    if "${RC[@]}" copyto "$BIG" pc:bench/big-rclone.bin 2>"$TMP/rclone-up.log"; then
        T_UP_RCLONE=$(elapsed "$t0" "$(now)")
        row "rclone upload (https)" "$T_UP_RCLONE" "$(mbps "$BYTES" "$T_UP_RCLONE")" "hash verified by rclone"
    else
        bad "rclone upload failed: $(tail -n 3 "$TMP/rclone-up.log")"
        row "rclone upload (https)" - - "failed"
    fi

    echo "rclone download ..." >&2
    t0=$(now)
    if "${RC[@]}" copyto pc:bench/big-rclone.bin "$TMP/big-rclone.down" 2>"$TMP/rclone-down.log"; then
        T_DOWN_RCLONE=$(elapsed "$t0" "$(now)")
        got=$(stat -c %s "$TMP/big-rclone.down")
        note="to disk, hash verified by rclone"
        # rclone splits downloads above --multi-thread-cutoff (250 MiB) into 4 ranged streams.
        ((SIZE_MB >= 250)) && note+=", 4 ranged streams"
        [[ $got == "$BYTES" ]] || { bad "rclone download: $got of $BYTES bytes"; note="$got bytes: FAILED"; }
        row "rclone download (https)" "$T_DOWN_RCLONE" "$(mbps "$BYTES" "$T_DOWN_RCLONE")" "$note"
    else
        bad "rclone download failed: $(tail -n 3 "$TMP/rclone-down.log")"
        row "rclone download (https)" - - "failed"
    fi
    rm -f "$TMP/big-rclone.down"
fi

# ---------------------------------------------------------------------------
# 5. Stop the sandbox, read its peak RSS
# ---------------------------------------------------------------------------
HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status" 2>/dev/null)
stop_server
RSS_KB=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$TMP/time.txt" 2>/dev/null)
EXIT_INFO=$(grep -E 'Exit status|terminated by signal' "$TMP/time.txt" 2>/dev/null | sed 's/^[[:space:]]*//' | head -n 1)
[[ -n $RSS_KB ]] || RSS_KB=$HWM_KB # fall back to VmHWM read just before SIGTERM

# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------
echo
echo "pcmd sandbox transfer benchmark: ${SIZE_MB} MiB ($BYTES bytes), $PCMD"
printf '%-32s %8s %8s %11s  %s\n' "step" "seconds" "MB/s" "RSS MiB" "check"
printf '%-32s %8s %8s %11s  %s\n' "----" "-------" "----" "peak/now" "-----"
for r in "${ROWS[@]}"; do
    IFS='|' read -r step secs speed rss note <<<"$r"
    printf '%-32s %8s %8s %11s  %s\n' "$step" "$secs" "$speed" "$rss" "$note"
done
if ((USE_RCLONE)); then
    ratio() { awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a > 0 && b > 0) printf "%.2fx", b / a; else print "-" }'; }
    echo
    echo "speed ratio curl/rclone: upload $(ratio "${T_UP_CURL:-}" "${T_UP_RCLONE:-}")," \
        "download $(ratio "${T_DOWN_CURL:-}" "${T_DOWN_RCLONE:-}")  (curl over $SCHEME, rclone over https)"
fi
echo
if [[ -n $CURL_HWM_KB ]]; then
    CURL_MIB=$(awk -v k="$CURL_HWM_KB" 'BEGIN { printf "%.1f", k / 1024 }')
    printf 'sandbox peak RSS during the curl transfers: %s MiB (limit %s)  ' "$CURL_MIB" "$RSS_LIMIT_MIB"
    if awk -v m="$CURL_MIB" -v l="$RSS_LIMIT_MIB" 'BEGIN { exit !(m < l) }'; then echo "RSS OK"; else echo "RSS HIGH"; fi
fi
if [[ -n $RSS_KB ]]; then
    RSS_MIB=$(awk -v k="$RSS_KB" 'BEGIN { printf "%.1f", k / 1024 }')
    printf 'sandbox peak RSS over the whole run%s: %s MiB\n' "$( ((USE_RCLONE)) && echo ' (incl. rclone)')" "$RSS_MIB"
else
    echo "sandbox peak RSS: unknown (no /usr/bin/time report)"
fi
echo "sandbox exit: ${EXIT_INFO:-unknown}"
((STATUS == 0)) || echo "some transfers FAILED (details above)"
exit "$STATUS"
