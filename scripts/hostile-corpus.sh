#!/usr/bin/env bash
# Captures the real answers the fuzz tests mutate (Tests/HostileAnswers/Corpus.swift) from a
# fresh `pcmd sandbox --seed demo`: scripts/hostile-corpus.sh > Tests/HostileAnswers/Corpus.swift
# The sandbox's address in the answers becomes 127.0.0.1:8780, which the CLI fuzz test rewrites
# to its own server. Needs a built pcmd (swift build), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build --show-bin-path)/pcmd"
dir="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" sandbox --data "$dir/data" --http 127.0.0.1:0 --https off --seed demo --ready-file "$dir/ready.json" >/dev/null &
pid=$!
for _ in $(seq 600); do [ -f "$dir/ready.json" ] && break; sleep 0.1; done
python3 - "$dir" <<'PY'
import json, subprocess, sys, urllib.parse, re
d = sys.argv[1]
ready = json.load(open(f"{d}/ready.json"))
base, token = ready["http"], ready["users"][0]["token"]
host = re.sub(r"^https?://", "", base)
def call(method, auth=True, files=None, **params):
    # As pcmd asks: unix times; the token as an OAuth access token.
    params["timeformat"] = "timestamp"
    if auth: params["access_token"] = token
    url = f"{base}/{method}?" + urllib.parse.urlencode(params)
    args = ["curl", "-s", url] + sum((["-F", f] for f in (files or [])), [])
    return subprocess.run(args, capture_output=True, check=True).stdout.decode()
open(f"{d}/hello.txt", "w").write("hello, hostile world\n")
answers = []
def keep(method, text):
    answers.append((method, text.replace(host, "127.0.0.1:8780")))
    return json.loads(text)
keep("userinfo", call("userinfo"))
up = keep("uploadfile", call("uploadfile", folderid=0, progresshash="corpus-up", files=[f"file=@{d}/hello.txt"]))
fileid = up["metadata"][0]["fileid"]
keep("uploadprogress", call("uploadprogress", progresshash="corpus-up"))
root = keep("listfolder", call("listfolder", path="/"))
folder = next(m for m in root["metadata"]["contents"] if m["isfolder"])
keep("listfolder", call("listfolder", folderid=folder["folderid"]))
keep("stat", call("stat", fileid=fileid))
keep("stat", call("stat", path="/" + folder["name"]))
keep("getfilelink", call("getfilelink", fileid=fileid))
keep("checksumfile", call("checksumfile", fileid=fileid))
keep("listrevisions", call("listrevisions", fileid=fileid))
keep("getfilepublink", call("getfilepublink", fileid=fileid))
keep("listpublinks", call("listpublinks"))
keep("listshares", call("listshares"))
keep("createfolder", call("createfolder", folderid=0, name="corpus"))
keep("savezip", call("savezip", fileids=fileid, topath="/corpus/z.zip", progresshash="corpus-zip"))
keep("savezipprogress", call("savezipprogress", progresshash="corpus-zip"))
keep("currentserver", call("currentserver", auth=False))
keep("getapiserver", call("getapiserver", auth=False))
session = keep("upload_create", call("upload_create"))["uploadid"]
keep("upload_info", call("upload_info", uploadid=session))
call("downloadfileasync", url="http://127.0.0.1:9/x.bin", folderid=0, progresshash="corpus-url")
keep("uploadprogress", call("uploadprogress", progresshash="corpus-url"))
z = json.loads(call("stat", path="/corpus/z.zip"))["metadata"]["fileid"]
keep("extractarchive", call("extractarchive", fileid=z, topath="/corpus", progresshash="corpus-x"))
keep("diff", call("diff", after=0, limit=2))
keep("deletefile", call("deletefile", fileid=fileid))
# Error answers: a missing path, a bad token, a missing parameter, a rate limit code's shape.
keep("listfolder", call("listfolder", path="/no such folder"))
keep("userinfo", call("userinfo", auth=False, access_token="bad"))
keep("getfilelink", call("getfilelink"))
print("// Real answers of `pcmd sandbox --seed demo`, captured by scripts/hostile-corpus.sh; the fuzz")
print("// tests mutate them. The sandbox's address is written as 127.0.0.1:8780.")
print("public enum Corpus {")
print("    public static let answers: [(method: String, json: String)] = [")
for method, text in answers:
    print(f'        ("{method}", #"{text.strip()}"#),')
print("    ]")
print("}")
PY
