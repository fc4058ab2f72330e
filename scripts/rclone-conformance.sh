#!/usr/bin/env bash
# rclone conformance check for `pcmd sandbox`.
#
# Starts the sandbox on ephemeral ports in a fresh temporary directory, points
# rclone's pcloud backend at its HTTPS listener (as bob@example.com, whose
# account starts empty) and runs a series of rclone operations against it.
#
# Every check prints exactly one line on stdout:
#     PASS <name>
#     FAIL <name>: <short reason>
# followed at the end by "<N> passed, <M> failed". On a failure the tail of
# that check's rclone log is printed on stderr. If the sandbox dies, the check
# that was running fails with the sandbox's error and the sandbox is restarted
# on the same data folder for the remaining checks. Exit status is 1 if any
# check failed, 2 if the sandbox could not be started.
#
# rclone 1.60 (Debian 12) cannot set modification times on pcloud; there the
# check "touch existing" becomes "touch existing via PUT copyfile": it sends
# the request newer rclone sends for SetModTime with curl, then verifies the
# result with rclone.
#
# Usage:   scripts/rclone-conformance.sh
# Env:     PCMD=path/to/pcmd   (default .build/debug/pcmd)
#          VERBOSE=1           run rclone with -vv --dump headers (logs shown on failure)
#          KEEP=1              keep the temporary directory (logs, rclone.conf, data)
#          READY_TIMEOUT=60    seconds to wait for the sandbox's ready file
#          SKIP=REGEX          skip the checks whose names match (e.g. SKIP='empty|touch')
#          MAX_RESTARTS=3      if the sandbox dies, restart it (same data) this many times
#
# The user's own rclone configuration is never read or written: rclone runs
# with --config pointing into the temporary directory.

set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

export LC_ALL=C.UTF-8
PCMD=${PCMD:-.build/debug/pcmd}
READY_TIMEOUT=${READY_TIMEOUT:-60}
VERBOSE=${VERBOSE:-0}
KEEP=${KEEP:-0}
SKIP=${SKIP:-}
MAX_RESTARTS=${MAX_RESTARTS:-3}

for tool in rclone python3 cmp md5sum sha1sum timeout; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool not found" >&2; exit 2; }
done
if [[ ! -x $PCMD ]]; then
    echo "error: $PCMD is not an executable (build it, or set PCMD=...)" >&2
    exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/pcmd-rclone-conf.XXXXXX") || exit 2
SERVER_PID=

cleanup() {
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null
        for _ in $(seq 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "warning: sandbox did not stop on SIGTERM within 5 s; killing it" >&2
            kill -KILL "$SERVER_PID" 2>/dev/null
        fi
        wait "$SERVER_PID" 2>/dev/null
    fi
    if [[ $KEEP == 1 ]]; then
        echo "kept $TMP" >&2
    else
        rm -rf "$TMP"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------
# Start the sandbox (again after a crash: the data folder is kept, so later
# checks still see what earlier ones uploaded)
# ---------------------------------------------------------------------------
mkdir -p "$TMP/data" "$TMP/logs" "$TMP/cache"
CONF=$TMP/rclone.conf STARTS=0 SERVER_LOG=''

start_failed() {
    echo "error: $1" >&2
    echo "---- sandbox log ($SERVER_LOG) ----" >&2
    tail -n 50 "$SERVER_LOG" >&2
    echo "----" >&2
    return 1
}

# Starts the sandbox, waits for ready.json, writes rclone.conf and RC_FLAGS.
start_server() {
    STARTS=$((STARTS + 1))
    SERVER_LOG=$TMP/server-$STARTS.log
    rm -f "$TMP/ready.json"
    "$PCMD" sandbox --data "$TMP/data" --http 127.0.0.1:0 --https 127.0.0.1:0 \
        --seed demo --ready-file "$TMP/ready.json" >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!

    local deadline=$((SECONDS + READY_TIMEOUT)) st R
    until [[ -s $TMP/ready.json ]] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/ready.json" 2>/dev/null; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            wait "$SERVER_PID"
            st=$?
            start_failed "sandbox exited (status $st) before it was ready"
            return
        fi
        ((SECONDS < deadline)) || { start_failed "sandbox not ready after ${READY_TIMEOUT}s"; return; }
        sleep 0.2
    done

    # https host:port, CA path, bob's password and token (one per line).
    mapfile -t R < <(python3 - "$TMP/ready.json" <<'PY'
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
bob = next(u for u in d["users"] if u["email"] == "bob@example.com")
print(urllib.parse.urlsplit(d["https"]).netloc)
print(d["ca"])
print(bob["password"])
print(bob["token"])
print(json.dumps({"access_token": bob["token"], "token_type": "bearer",
                  "expiry": "0001-01-01T00:00:00Z"}, separators=(",", ":")))
PY
    )
    if ((${#R[@]} != 5)); then
        cat "$TMP/ready.json" >&2
        start_failed "ready.json lacks https, ca or bob@example.com's password/token"
        return
    fi
    HOSTPORT=${R[0]} CA=${R[1]} BOB_PASSWORD=${R[2]} BOB_TOKEN=${R[3]}
    [[ -r $CA ]] || { start_failed "CA file '$CA' from ready.json is not readable"; return; }
    {
        echo "[pc]"
        echo "type = pcloud"
        echo "hostname = $HOSTPORT"
        echo "token = ${R[4]}"
        echo "username = bob@example.com"
        echo "password = $(rclone obscure "$BOB_PASSWORD")"
    } >"$CONF"
    RC_FLAGS=(--config "$CONF" --ca-cert "$CA" --cache-dir "$TMP/cache"
        --low-level-retries 2 --retries 1 --contimeout 10s --timeout 60s
        --stats 0 --ask-password=false)
    [[ $VERBOSE == 1 ]] && RC_FLAGS+=(-vv --dump headers)
    return 0
}

start_server || exit 2

# Up and down with 5 % of API calls failing with 5000: rclone must retry its way through.
check_copy_with_faults() {
    local src=$SRC/${FILE[64MiB]} faults="https://$HOSTPORT/_sandbox/faults"
    curl -fsS --cacert "$CA" "$faults?set=error%3D5000%3A0.05%2Cseed%3D7" >>"$LOG" || why "could not set faults" || return
    local ok=0
    rclone "${RC_FLAGS[@]}" --low-level-retries 10 --retries 5 copyto "$src" pc:conf/faults/big.bin 2>>"$LOG" &&
        rclone "${RC_FLAGS[@]}" --low-level-retries 10 --retries 5 copyto pc:conf/faults/big.bin "$TMP/faults-big.bin" 2>>"$LOG" || ok=$?
    curl -fsS --cacert "$CA" "$faults?set=" >>"$LOG" || why "could not clear faults" || return
    ((ok == 0)) || why "rclone gave up under faults (exit $ok)" || return
    grep -q 'fault:' "$SERVER_LOG" || why "no fault was injected" || return
    cmp -s "$src" "$TMP/faults-big.bin" || why "downloaded bytes differ"
    rm -f "$TMP/faults-big.bin"
}

# ---------------------------------------------------------------------------
# Check harness
# ---------------------------------------------------------------------------
PASSED=0 FAILED=0 LOG=/dev/null WHY='' NCHECK=0 NAME_SUFFIX='' SERVER_DEATH=''

# rclone with the common flags; stderr goes to the current check's log.
rc() {
    echo "+ rclone $*" >>"$LOG"
    timeout 600 rclone "${RC_FLAGS[@]}" "$@" 2>>"$LOG"
}

# Record a failure reason; always returns 1 so that `cmd || why ... || return` works.
why() { WHY="$*"; return 1; }

# run NAME FUNCTION [ARGS...]: run one check and print its PASS/FAIL line.
run() {
    local name=$1
    shift
    NCHECK=$((NCHECK + 1))
    if [[ -n $SKIP && $name =~ $SKIP ]]; then
        echo "skipped: $name" >&2
        return
    fi
    LOG=$TMP/logs/$(printf '%02d' "$NCHECK")-${name//[^A-Za-z0-9]/_}.log
    : >"$LOG"
    WHY='' NAME_SUFFIX=''
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
        if ((STARTS > MAX_RESTARTS)) || ! start_server >>"$LOG" 2>&1; then
            echo "FAIL $name: sandbox not running (it died: ${SERVER_DEATH:-?}; restarts used up or failed)"
            FAILED=$((FAILED + 1))
            return
        fi
        echo "note: restarted the sandbox (same data folder) before '$name'" >&2
        SERVER_DEATH=''
    fi
    local ok=0
    "$@" || ok=$?
    name+=$NAME_SUFFIX
    # A crashing Swift process spends seconds writing its backtrace before it exits.
    if grep -qE 'Fatal error|Program crashed|Backtracing' "$SERVER_LOG"; then
        for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null && [[ -z $SERVER_DEATH ]]; then
        # First line that looks like the reason (Swift runtime error, crash banner).
        SERVER_DEATH=$(grep -m 1 -E 'Fatal error|Program crashed|error:|panic' "$SERVER_LOG" | cut -c 1-200)
        SERVER_DEATH=${SERVER_DEATH:-exited, see its log}
        ok=1 WHY="${WHY:-check failed}; sandbox died during this check: $SERVER_DEATH"
        {
            echo "  ---- sandbox log (it died during '$name'; first 20 lines after the banner) ----"
            grep -v '^[[:space:]]*$' "$SERVER_LOG" | grep -A 20 -m 1 -E 'Fatal error|Program crashed|error' | sed 's/^/  # /'
        } >&2
    fi
    if ((ok == 0)); then
        echo "PASS $name"
        PASSED=$((PASSED + 1))
    else
        local why=${WHY:-check returned non-zero} err
        # A bare "... exited N": add rclone's last error message (still one line).
        if [[ $why == *" exited "* ]]; then
            err=$(grep -E ' (ERROR|CRITICAL) : |Failed to ' "$LOG" | tail -n 1 |
                sed -E 's#^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9:]{8} ##' | cut -c 1-200)
            [[ -n $err ]] && why+=" [$err]"
        fi
        echo "FAIL $name: $why"
        FAILED=$((FAILED + 1))
        {
            echo "  ---- log of '$name' (last 40 lines; VERBOSE=1 dumps headers) ----"
            tail -n 40 "$LOG" | sed 's/^/  | /'
        } >&2
    fi
}

# python3 helpers ----------------------------------------------------------
# json_files: read `rclone lsjson` output on stdin; print "name<TAB>size<TAB>modtime-epoch<TAB>isdir".
json_files() {
    python3 -c '
import json, sys, re, datetime
def epoch(s):
    m = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$", s)
    if not m:
        return "bad:" + s
    tz = "+00:00" if m.group(3) == "Z" else m.group(3)
    return str(int(datetime.datetime.fromisoformat(m.group(1) + tz).timestamp()))
for e in json.load(sys.stdin):
    print("%s\t%s\t%s\t%s" % (e["Name"], e["Size"], epoch(e["ModTime"]), e["IsDir"]))
'
}

mtime() { stat -c %Y -- "$1"; }
flat() { tr '\n' ' ' <<<"$1" | sed 's/ $//'; }
fsize() { stat -c %s -- "$1"; }

# ---------------------------------------------------------------------------
# Local test data
# ---------------------------------------------------------------------------
SRC=$TMP/src DST=$TMP/dst
mkdir -p "$SRC" "$DST"
KNOWN_TIME='2021-02-03 04:05:06 UTC'

# label -> file name
declare -A FILE=(
    [empty]='empty.bin'
    [1MiB]='1MiB.bin'
    [64MiB]='64MiB.bin'
    [spaces]='a b c.txt'
    [cjk]='中文文件.txt'
    [emoji]='😀 smile.txt'
    [plus]='a+b.txt'
)
LABELS=(empty 1MiB 64MiB spaces cjk emoji plus)

: >"$SRC/${FILE[empty]}"
head -c 1048576 /dev/urandom >"$SRC/${FILE[1MiB]}"
head -c 67108864 /dev/urandom >"$SRC/${FILE[64MiB]}"
for l in spaces cjk emoji plus; do
    printf 'file %s\n%s\n' "${FILE[$l]}" "$(head -c 300 /dev/urandom | base64 -w 0)" >"$SRC/${FILE[$l]}"
done
for l in "${LABELS[@]}"; do touch -d "$KNOWN_TIME" "$SRC/${FILE[$l]}"; done
KNOWN_EPOCH=$(mtime "$SRC/${FILE[empty]}")

# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------
check_mkdir() {
    local out
    rc mkdir pc:conf/dir || why "rclone mkdir exited $?" || return
    out=$(rc lsf pc:conf) || why "rclone lsf pc:conf exited $?" || return
    grep -qxF 'dir/' <<<"$out" || why "lsf pc:conf does not list dir/ (got: $(flat "$out"))"
}

check_copy_up() {
    local f=${FILE[$1]} out
    rc copyto "$SRC/$f" "pc:conf/files/$f" || why "rclone copyto exited $?" || return
    out=$(rc lsf --files-only pc:conf/files) || why "rclone lsf exited $?" || return
    grep -qxF -- "$f" <<<"$out" || why "'$f' not listed after upload"
}

check_copy_down() {
    local f=${FILE[$1]}
    rc copyto "pc:conf/files/$f" "$DST/$f" || why "rclone copyto exited $?" || return
    [[ -f $DST/$f ]] || why "local file not created" || return
    cmp -s -- "$SRC/$f" "$DST/$f" || why "content differs ($(fsize "$DST/$f") bytes vs $(fsize "$SRC/$f"))" || return
    [[ $(mtime "$DST/$f") == "$KNOWN_EPOCH" ]] ||
        why "downloaded mtime $(date -u -d "@$(mtime "$DST/$f")" +%FT%TZ), want $(date -u -d "@$KNOWN_EPOCH" +%FT%TZ)"
}

check_lsjson() {
    local json got want l f line
    json=$(rc lsjson pc:conf/files) || why "rclone lsjson exited $?" || return
    got=$(json_files <<<"$json" | LC_ALL=C sort) || why "unparsable lsjson output" || return
    want=$(for l in "${LABELS[@]}"; do
        f=${FILE[$l]}
        printf '%s\t%s\t%s\t%s\n' "$f" "$(fsize "$SRC/$f")" "$KNOWN_EPOCH" False
    done | LC_ALL=C sort)
    if [[ $got != "$want" ]]; then
        line="want [$(diff <(echo "$want") <(echo "$got") | grep -m 1 '^<' | cut -c 3- | tr '\t' ' ')]"
        line+=" got [$(diff <(echo "$want") <(echo "$got") | grep -m 1 '^>' | cut -c 3- | tr '\t' ' ')]"
        printf 'want (name size mtime isdir):\n%s\ngot:\n%s\n' "$want" "$got" >>"$LOG"
        why "listing (name size mtime isdir) differs: $line"
    fi
}

check_hashsum() {
    local algo=$1 got want
    got=$(rc hashsum "$algo" pc:conf/files | LC_ALL=C sort) || why "rclone hashsum exited $?" || return
    want=$(cd "$SRC" && "${algo}sum" -- * | LC_ALL=C sort)
    if [[ $got != "$want" ]]; then
        { echo "want:"; echo "$want"; echo "got:"; echo "$got"; } >>"$LOG"
        why "differs from ${algo}sum: $(diff <(echo "$want") <(echo "$got") | grep '^>' | head -n 1)"
    fi
}

check_check() {
    rc check "$SRC" pc:conf/files || why "rclone check exited $?"
}

check_moveto() {
    local out
    printf 'move me %s\n' "$RANDOM$RANDOM" >"$TMP/mv.txt"
    rc copyto "$TMP/mv.txt" pc:conf/mv/a/old.txt || why "setup upload failed" || return
    rc moveto pc:conf/mv/a/old.txt 'pc:conf/mv/b/new name.txt' || why "rclone moveto exited $?" || return
    out=$(rc lsf -R pc:conf/mv) || why "rclone lsf exited $?" || return
    ! grep -qxF 'a/old.txt' <<<"$out" || why "source a/old.txt still present" || return
    grep -qxF 'b/new name.txt' <<<"$out" || why "destination b/new name.txt missing (got: $(flat "$out"))" || return
    rc copyto 'pc:conf/mv/b/new name.txt' "$TMP/mv.back" || why "download of moved file failed" || return
    cmp -s "$TMP/mv.txt" "$TMP/mv.back" || why "moved file content differs"
}

check_move_dir() {
    local out want
    mkdir -p "$TMP/d1/sub"
    printf 'one\n' >"$TMP/d1/f1.txt"
    head -c 5000 /dev/urandom >"$TMP/d1/sub/f2.bin"
    rc copy "$TMP/d1" pc:conf/d1 || why "setup copy failed" || return
    rc moveto pc:conf/d1 pc:conf/d2 || why "rclone moveto exited $?" || return
    out=$(rc lsf --dirs-only pc:conf) || why "rclone lsf exited $?" || return
    ! grep -qxF 'd1/' <<<"$out" || why "source d1/ still present" || return
    grep -qxF 'd2/' <<<"$out" || why "destination d2/ missing" || return
    out=$(rc lsf -R --files-only pc:conf/d2 | LC_ALL=C sort) || why "rclone lsf -R pc:conf/d2 exited $?" || return
    want=$'f1.txt\nsub/f2.bin'
    [[ $out == "$want" ]] || why "d2 holds [$(flat "$out")], want [f1.txt sub/f2.bin]" || return
    rc check "$TMP/d1" pc:conf/d2 || why "rclone check local d1 vs pc:conf/d2 failed"
}

check_copyto_server_side() {
    local src="pc:conf/files/${FILE[1MiB]}" a b want
    rc copyto -vv "$src" pc:conf/copy/y.bin || why "rclone copyto exited $?" || return
    grep -q 'server-side copy' "$LOG" || why "log does not show a server-side copy" || return
    a=$(rc hashsum md5 "$src") || why "hashsum of source failed" || return
    b=$(rc hashsum md5 pc:conf/copy/y.bin) || why "hashsum of copy failed (missing?)" || return
    want=$(md5sum <"$SRC/${FILE[1MiB]}")
    [[ ${a%% *} == "${want%% *}" && ${b%% *} == "${want%% *}" ]] ||
        why "md5 source=${a%% *} copy=${b%% *} local=${want%% *}"
}

check_link() {
    local target=$1 out
    out=$(rc link "$target") || why "rclone link exited $?" || return
    out=$(head -n 1 <<<"$out")
    [[ $out =~ ^https?://[^[:space:]]+$ ]] || why "not a URL: '$out'"
}

check_delete() {
    local out
    mkdir -p "$TMP/del"
    for i in 1 2 3; do printf 'delete %s\n' "$i" >"$TMP/del/f$i.txt"; done
    rc copy "$TMP/del" pc:conf/del || why "setup copy failed" || return
    out=$(rc lsf pc:conf/del) || why "setup lsf failed" || return
    [[ $(wc -l <<<"$out") == 3 ]] || why "setup: expected 3 files, got [$(flat "$out")]" || return
    rc delete pc:conf/del || why "rclone delete exited $?" || return
    out=$(rc lsf -R pc:conf/del) || why "rclone lsf pc:conf/del exited $? (dir should remain)" || return
    [[ -z $out ]] || why "files remain: $(flat "$out")"
}

check_rmdir() {
    local out
    rc rmdir pc:conf/del || why "rclone rmdir exited $?" || return
    out=$(rc lsf --dirs-only pc:conf) || why "rclone lsf exited $?" || return
    ! grep -qxF 'del/' <<<"$out" || why "del/ still listed"
}

check_rmdir_nonempty() {
    local out
    mkdir -p "$TMP/purge/x/y"
    printf 'a\n' >"$TMP/purge/a.txt"
    printf 'b\n' >"$TMP/purge/x/y/b.txt"
    rc copy "$TMP/purge" pc:conf/purge || why "setup copy failed" || return
    if rc rmdir pc:conf/purge; then why "rmdir of a non-empty dir succeeded" || return; fi
    out=$(rc lsf -R --files-only pc:conf/purge | LC_ALL=C sort) || why "lsf after refused rmdir failed" || return
    [[ $out == $'a.txt\nx/y/b.txt' ]] || why "content changed after refused rmdir: [$(flat "$out")]"
}

check_purge() {
    local out
    rc purge pc:conf/purge || why "rclone purge exited $?" || return
    out=$(rc lsf --dirs-only pc:conf) || why "rclone lsf exited $?" || return
    ! grep -qxF 'purge/' <<<"$out" || why "purge/ still listed"
}

check_about() {
    local json res
    json=$(rc about pc: --json) || why "rclone about exited $?" || return
    res=$(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
t, u = d.get("total"), d.get("used")
ok = isinstance(t, int) and t > 0 and isinstance(u, int) and u >= 0
print("ok" if ok else "total=%r used=%r" % (t, u))
' "$json") || why "unparsable about output" || return
    [[ $res == ok ]] || why "$res"
}

check_cleanup() {
    rc cleanup pc: || why "rclone cleanup exited $?"
}

# id_of PATH: the pcloud id rclone reports for PATH ("f123" or "d45").
id_of() {
    local parent=${1%/*} leaf=${1##*/} json
    json=$(rc lsjson "pc:$parent") || return
    python3 -c '
import json, sys
ids = [e.get("ID", "") for e in json.loads(sys.argv[1]) if e["Name"] == sys.argv[2]]
print(ids[0] if ids and ids[0] else "")
' "$json" "$leaf"
}

# set_mtime_copyfile DIR LEAF EPOCH: what rclone >= 1.6x does in SetModTime on
# pcloud: PUT /copyfile onto itself with ctime/mtime (empty body, query params).
set_mtime_copyfile() {
    local dir=$1 leaf=$2 t=$3 fid did url reply res
    fid=$(id_of "$dir/$leaf") && [[ $fid == f* ]] || why "no file id in lsjson for $dir/$leaf (got '$fid')" || return
    did=$(id_of "$dir") && [[ $did == d* ]] || why "no folder id in lsjson for $dir (got '$did')" || return
    url="https://$HOSTPORT/copyfile?"$(python3 -c '
import sys, urllib.parse
a = sys.argv[1:]
print(urllib.parse.urlencode(list(zip(a[0::2], a[1::2])), quote_via=urllib.parse.quote))
' fileid "${fid#f}" folderid "${did#d}" toname "$leaf" tofolderid "${did#d}" ctime "$t" mtime "$t")
    echo "+ curl -X PUT $url" >>"$LOG"
    reply=$(curl -sS --max-time 60 --cacert "$CA" -X PUT --data-binary '' -H 'Content-Type:' \
        -H "Authorization: Bearer $BOB_TOKEN" "$url" 2>>"$LOG") || why "PUT /copyfile: curl failed" || return
    echo "$reply" >>"$LOG"
    res=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d.get("result"))' "$reply" 2>/dev/null)
    [[ $res == 0 ]] || why "PUT /copyfile answered result=${res:-?}: $(head -c 200 <<<"$reply")"
}

check_touch_existing() {
    local out got want_md5 md5 want_epoch
    want_epoch=$(date -u -d '2020-01-02 03:04:05 UTC' +%s)
    printf 'touch me\n' >"$TMP/touch.txt"
    touch -d "$KNOWN_TIME" "$TMP/touch.txt"
    rc copyto "$TMP/touch.txt" pc:conf/touch/existing.txt || why "setup upload failed" || return
    if ! rc touch -t 2020-01-02T03:04:05 pc:conf/touch/existing.txt; then
        grep -q "can't set modified time" "$LOG" || why "rclone touch -t failed" || return
        # rclone's pcloud backend gained SetModTime (PUT /copyfile) after 1.60;
        # older ones refuse client-side. Send that request ourselves instead.
        NAME_SUFFIX=' via PUT copyfile'
        echo "note: $(rclone version | head -n 1) cannot set modification times on pcloud;" \
            "'touch existing' sends newer rclone's SetModTime request (PUT /copyfile) with curl" >&2
        set_mtime_copyfile conf/touch existing.txt "$want_epoch" || return
    fi
    out=$(rc lsjson pc:conf/touch/existing.txt) || why "rclone lsjson exited $?" || return
    got=$(json_files <<<"$out") || why "unparsable lsjson output" || return
    [[ $got == "existing.txt"$'\t'"$(fsize "$TMP/touch.txt")"$'\t'"$want_epoch"$'\t'False ]] ||
        why "lsjson after touch: '$(tr '\t' ' ' <<<"$got")', want mtime $want_epoch and unchanged size" || return
    md5=$(rc hashsum md5 pc:conf/touch/existing.txt) || why "hashsum after touch failed" || return
    want_md5=$(md5sum <"$TMP/touch.txt")
    [[ ${md5%% *} == "${want_md5%% *}" ]] || why "content changed by touch (md5 ${md5%% *})"
}

check_touch_new() {
    local out name='' size='' t='' isdir='' now
    rc touch pc:conf/touch/new.txt || why "rclone touch exited $?" || return
    out=$(rc lsjson pc:conf/touch/new.txt) || why "rclone lsjson exited $?" || return
    IFS=$'\t' read -r name size t isdir < <(json_files <<<"$out")
    now=$(date +%s)
    [[ ${name:-} == new.txt && ${size:-} == 0 && ${isdir:-} == False ]] ||
        why "lsjson: name='${name:-}' size='${size:-}' isdir='${isdir:-}', want new.txt, 0, False" || return
    if ! [[ $t =~ ^[0-9]+$ ]] || ((t < now - 600 || t > now + 600)); then
        why "ModTime $t is not within 10 minutes of now ($now)"
    fi
}

run mkdir check_mkdir
for l in "${LABELS[@]}"; do run "copy up $l" check_copy_up "$l"; done
for l in "${LABELS[@]}"; do run "copy down $l" check_copy_down "$l"; done
run lsjson check_lsjson
run "hashsum md5" check_hashsum md5
run "hashsum sha1" check_hashsum sha1
run check check_check
run moveto check_moveto
run "move dir" check_move_dir
run "copyto server-side" check_copyto_server_side
run "link file" check_link "pc:conf/files/${FILE[1MiB]}"
run "link folder" check_link pc:conf/files
run delete check_delete
run rmdir check_rmdir
run "rmdir non-empty refused" check_rmdir_nonempty
run purge check_purge
run about check_about
run cleanup check_cleanup
run "touch existing" check_touch_existing
run "touch new" check_touch_new
run "copy 64MiB with error=5000:0.05 faults" check_copy_with_faults

echo "$PASSED passed, $FAILED failed"
((FAILED == 0))
