#!/usr/bin/env python3
"""Render benchmark (issue 7): pcmd and mc measured the same way in tmux.

For each program: launch until the first file name is on screen, on a small folder and on a
100,000-entry folder; then End until the last entry is shown. A benchmark, not a test: it
prints a table, asserts nothing. Usage: render-vs-mc.py PCMD_BINARY SANDBOX_URL CA TOKEN
With PCMD_BEFORE=BINARY (the build before a change) that pcmd is measured too, runs interleaved
so load on the machine falls on both alike, and the table adds its ratio.
"""
import os, shutil, subprocess, sys, tempfile, time, uuid

pcmd, sandbox, ca, token = sys.argv[1:5]
runs = int(os.environ.get("RUNS", "5"))
work = tempfile.mkdtemp(prefix="pcmd-render-")
small, huge = os.path.join(work, "small"), os.path.join(work, "huge")
os.makedirs(small); os.makedirs(huge)
for i in range(20):
    open(os.path.join(small, f"file-{i:02d}.txt"), "w").write("x")
for i in range(100_000):
    open(os.path.join(huge, f"entry-{i:06d}.dat"), "w").close()

def tmux(sock, *args):
    return subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", *args], capture_output=True, text=True).stdout

def until(sock, text, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in tmux(sock, "capture-pane", "-p", "-t", "b"):
            return time.monotonic()
        time.sleep(0.001)
    raise SystemExit(f"timed out waiting for {text!r}")

def launch(cmd, folder, first, last=None):
    sock = "bench-" + uuid.uuid4().hex[:8]
    env = "env LANG=C.UTF-8 TERM=tmux-256color HOME=" + work
    start = time.monotonic()
    tmux(sock, "new-session", "-d", "-s", "b", "-x", "120", "-y", "40", f"cd {folder} && {env} {cmd}")
    t_first = until(sock, first) - start
    t_end = None
    if last:
        time.sleep(0.3)
        t0 = time.monotonic()
        tmux(sock, "send-keys", "-t", "b", "End")
        t_end = until(sock, last) - t0
    tmux(sock, "kill-server")
    return t_first, t_end

def pcmd_at(binary):
    return lambda d: f"PCMD_TOKEN={token} {binary} --sandbox {sandbox} --ca-file {ca} --local {d}"

programs = {"pcmd": pcmd_at(pcmd)}
before = os.environ.get("PCMD_BEFORE")
if before:
    programs["before"] = pcmd_at(before)
if shutil.which("mc"):
    programs["mc"] = lambda d: f"mc --nosubshell --nomouse {d} {d}"
timings = {name: ([], []) for name in programs}
for _ in range(runs):
    for name, cmd in programs.items():
        timings[name][0].append(launch(cmd(small), small, "file-00.txt")[0])
        timings[name][1].append(launch(cmd(huge), huge, "entry-000000.dat", "entry-099999.dat"))
median = lambda xs: sorted(xs)[len(xs) // 2]
results = {name: (median(s), median([x[0] for x in h]), median([x[1] for x in h])) for name, (s, h) in timings.items()}

print(f"{'':8} {'first frame, 20 files':>22} {'first frame, 100k':>18} {'End on 100k':>12}   (medians of {runs}, ms)")
for name, (s, h, e) in results.items():
    print(f"{name:8} {s * 1000:22.1f} {h * 1000:18.1f} {e * 1000:12.1f}")
for other in ("before", "mc"):
    if other in results:
        p, m = results["pcmd"], results[other]
        print(f"{'pcmd/' + other:8} {p[0] / m[0]:22.2f} {p[1] / m[1]:18.2f} {p[2] / m[2]:12.2f}   (below 1: pcmd faster)")
shutil.rmtree(work)
