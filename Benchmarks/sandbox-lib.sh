# Sourced by the benchmark scripts: a `pcmd sandbox` over HTTPS in a temporary folder, and
# bob's credentials from its ready file. Needs BIN (pcmd and pcloud-bench built there); sets
# TMP, SERVER_PID, BASE, CA, TOKEN, PASSWORD, NETLOC (host:port for rclone) and TOKEN_JSON
# (rclone's token field).
# Callers list what else they run in NEEDS (commands, or absolute paths such as /usr/bin/time).
for tool in python3 ${NEEDS[@]+"${NEEDS[@]}"}; do
    if [[ $tool == /* ]]; then [[ -x $tool ]]; else command -v "$tool" >/dev/null; fi ||
        { echo "error: $tool not found" >&2; exit 2; }
done
for exe in pcmd pcloud-bench; do
    [[ -x $BIN/$exe ]] || { echo "error: $BIN/$exe missing: swift build -c release" >&2; exit 2; }
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pcmd-bench.XXXXXX") || exit 2
SERVER_PID=''
cleanup() {
    [[ -n $SERVER_PID ]] && kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [[ ${KEEP:-0} == 1 ]] && echo "kept $TMP" >&2 || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
log() { echo "[$(date +%T)] $*" >&2; }

"$BIN/pcmd" sandbox --data "$TMP/data" --http off --https 127.0.0.1:0 --ready-file "$TMP/ready.json" \
    >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do
    [[ -s $TMP/ready.json ]] && python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/ready.json" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; exit 2; }
    sleep 0.2
done
mapfile -t R < <(python3 - "$TMP/ready.json" <<'PY'
import json, sys, urllib.parse
d = json.load(open(sys.argv[1]))
bob = next(u for u in d["users"] if u["email"] == "bob@example.com")
print(d["https"]); print(d["ca"]); print(bob["token"]); print(bob["password"])
print(urllib.parse.urlsplit(d["https"]).netloc)
print(json.dumps({"access_token": bob["token"], "token_type": "bearer", "expiry": "0001-01-01T00:00:00Z"},
                 separators=(",", ":")))
PY
)
((${#R[@]} == 6)) || { echo "error: cannot read ready.json" >&2; exit 2; }
BASE=${R[0]%/} CA=${R[1]} TOKEN=${R[2]} PASSWORD=${R[3]} NETLOC=${R[4]} TOKEN_JSON=${R[5]}
