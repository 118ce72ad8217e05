#!/usr/bin/env python3
"""Key to frame while the map's worker is busy, measured from outside in tmux.

    cargo build --release --example gen && python3 bench/latency.py

1. A commit whose `pre-commit` hook sleeps 3 s: `2`, `r`, `c`, Enter, then `l` at once; the time
   from sending `l` until the detail panel shows the next unit, and until "committed" shows.
2. The city preset with 30 days of history (generated once under $LOUPAN_BENCH_DIR, default
   /tmp/loupan-bench/city-month), fully loaded: `[` then `l` at once; the time until the cursor
   moved, and until the past day is on screen.
Polls capture-pane every 5 ms, so each figure includes up to ~5 ms of polling and tmux's own
round trip. Prints medians (min–max) over RUNS runs (default 5).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOUPAN = os.environ.get("LOUPAN", os.path.join(ROOT, "target", "release", "loupan"))
GEN = os.path.join(ROOT, "target", "release", "examples", "gen")
RUNS = int(os.environ.get("RUNS", "5"))
SESSION = "llat"


def screen():
    return subprocess.run(["tmux", "capture-pane", "-p", "-t", SESSION], capture_output=True, text=True).stdout


def wait_for(text, timeout=120.0, gone=False):
    """Seconds until `text` is on screen (or, with gone, off it); None on timeout."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if (text in screen()) != gone:
            return time.perf_counter() - t0
        time.sleep(0.005)
    return None


def keys(*k):
    subprocess.run(["tmux", "send-keys", "-t", SESSION, *k], check=True)


def open_map(data, env=""):
    subprocess.run(["tmux", "kill-session", "-t", SESSION], stderr=subprocess.DEVNULL)
    cmd = f"{env} LOUPAN_CONFIG=/nonexistent {LOUPAN} --lang en --dir {data}"
    subprocess.run(["tmux", "new-session", "-d", "-s", SESSION, "-x", "160", "-y", "45", cmd], check=True)


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True)


def slow_commit():
    moved, committed = [], []
    for _ in range(RUNS):
        root = tempfile.mkdtemp(prefix="loupan-lat-")
        data = os.path.join(root, "buildings")
        os.makedirs(data)
        subprocess.run([LOUPAN, "--dir", data, "new", "tower", "--name", "Tower", "--floors", "3", "--units", "3"],
                       check=True, capture_output=True)
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.name", "Station")
        git(root, "config", "user.email", "s@example.org")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "start")
        hook = os.path.join(root, ".git", "hooks", "pre-commit")
        with open(hook, "w") as f:
            f.write("#!/bin/sh\nsleep 3\n")
        os.chmod(hook, 0o755)
        open_map(data)
        wait_for("branch main")
        keys("2")
        wait_for("1 uncommitted")
        keys("r")
        keys("c")
        wait_for("Update 1 unit(s)")
        keys("Enter")
        t0 = time.perf_counter()
        keys("l")
        m = wait_for("┌ 302 ")
        moved.append((time.perf_counter() - t0) * 1000 if m is not None else float("nan"))
        c = wait_for(" committed ", timeout=20)
        committed.append((time.perf_counter() - t0) * 1000 if c is not None else float("nan"))
        subprocess.run(["tmux", "kill-session", "-t", SESSION], stderr=subprocess.DEVNULL)
        shutil.rmtree(root, ignore_errors=True)
    return moved, committed


def city_step():
    base = os.environ.get("LOUPAN_BENCH_DIR", "/tmp/loupan-bench")
    repo = os.path.join(base, "city-month")
    data = os.path.join(repo, "buildings")
    if not os.path.isdir(data):
        os.makedirs(repo, exist_ok=True)
        subprocess.run([GEN, "--preset", "city", "--history", "30", "--out", data], check=True)
    moved, shown = [], []
    for _ in range(RUNS):
        open_map(data)
        wait_for("2000 buildings", timeout=300)
        # the first unit's panel, whatever building opens first
        before = [l for l in screen().splitlines() if "┌ " in l]
        keys("[")
        t0 = time.perf_counter()
        keys("l")
        m = None
        while time.perf_counter() - t0 < 60:
            now = [l for l in screen().splitlines() if "┌ " in l]
            if now != before:
                m = time.perf_counter() - t0
                break
            time.sleep(0.005)
        moved.append(m * 1000 if m is not None else float("nan"))
        s = wait_for("read-only", timeout=60)
        shown.append((time.perf_counter() - t0) * 1000 if s is not None else float("nan"))
        subprocess.run(["tmux", "kill-session", "-t", SESSION], stderr=subprocess.DEVNULL)
    return moved, shown


def fmt(xs):
    return f"{statistics.median(xs):.0f} ms ({min(xs):.0f}–{max(xs):.0f})"


def main():
    if not (os.path.exists(LOUPAN) and os.path.exists(GEN)):
        sys.exit("build first: cargo build --release && cargo build --release --example gen")
    moved, committed = slow_commit()
    print(f"| key during a 3 s pre-commit hook: cursor moved | {fmt(moved)} |")
    print(f"| … the commit done (hook included) | {fmt(committed)} |")
    moved, shown = city_step()
    print(f"| key during `[` on the city: cursor moved | {fmt(moved)} |")
    print(f"| … the past day on screen | {fmt(shown)} |")


if __name__ == "__main__":
    main()
