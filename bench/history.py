#!/usr/bin/env python3
"""Git at city scale: loupan's history commands beside git's own, measured in the same run.

    cargo build --release --example gen && python3 bench/history.py

Generates (once) the city preset with a year of daily commits (`gen --preset city --history 365`,
or HISTORY days, 150 unit changes a day) under $LOUPAN_BENCH_DIR (default /tmp/loupan-bench/city-year), then times:
trend over 90 days; diff over 29 days beside `git diff`; a unit's log beside `git log -p` of its
file; the map opened at a past date (`--at`) until fully loaded, beside opening the working tree
(both through tmux, as LOUPAN_TIMING reports). Prints a Markdown table of medians.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOUPAN = os.path.join(ROOT, "target", "release", "loupan")
GEN = os.path.join(ROOT, "target", "release", "examples", "gen")
RUNS = int(os.environ.get("RUNS", "5"))
# days of history to generate: 365 by default; HISTORY=30 is issue 33's city with a month
HISTORY = int(os.environ.get("HISTORY", "365"))


def timed(args, cwd, runs=RUNS):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times), max(times)


def out(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True).stdout


def map_loaded(args, cwd, total, runs=RUNS):
    """The map in a 200x50 tmux window until every building is loaded, by LOUPAN_TIMING."""
    times = []
    timing = os.path.join(cwd, ".timing")
    for _ in range(runs):
        if os.path.exists(timing):
            os.remove(timing)
        cmd = f"LOUPAN_TIMING={timing} {LOUPAN} --lang en {' '.join(args)}"
        subprocess.run(["tmux", "kill-session", "-t", "lhist"], stderr=subprocess.DEVNULL)
        subprocess.run(["tmux", "new-session", "-d", "-s", "lhist", "-x", "200", "-y", "50", cmd], cwd=cwd, check=True)
        deadline = time.time() + 120
        ms = None
        while time.time() < deadline:
            try:
                for line in open(timing):
                    if line.startswith("all_loaded_ms "):
                        ms = float(line.split()[1])
            except OSError:
                pass
            if ms is not None:
                break
            time.sleep(0.05)
        subprocess.run(["tmux", "kill-session", "-t", "lhist"], stderr=subprocess.DEVNULL)
        if ms is not None:
            times.append(ms / 1000)
    if not times:
        return None
    return statistics.median(times), min(times), max(times)


def fmt(t):
    if t is None:
        return "—"
    m, lo, hi = t
    return f"{m:.2f} s ({lo:.2f}–{hi:.2f})"


def main():
    for exe in (LOUPAN, GEN):
        if not os.path.exists(exe):
            sys.exit(f"missing {exe}: cargo build --release --example gen")
    repo = os.environ.get("LOUPAN_BENCH_DIR", "/tmp/loupan-bench/city-year")
    if not os.path.isdir(os.path.join(repo, ".git")):
        shutil.rmtree(repo, ignore_errors=True)
        os.makedirs(repo)
        subprocess.run([GEN, "--preset", "city", "--history", str(HISTORY), "--out", repo], check=True)
        # fast-import's pack keeps old versions whole and new ones as deltas; a station's
        # repository is packed by git gc the other way round. Pack it as git would (≈ 2 min).
        subprocess.run(["git", "repack", "-a", "-d", "-f", "-q"], cwd=repo, check=True)
    head_date = out(["git", "log", "-1", "--format=%cd", "--date=short"], repo).strip()
    past = out(["git", "log", "-1", "--skip=29", "--format=%cd", "--date=short"], repo).strip()
    rows = []
    cold = f"rm -rf .git/loupan && {LOUPAN} --dir . trend --days 90"
    rows.append(("`loupan trend --days 90`, nothing counted before (cold)", fmt(timed(["bash", "-c", cold], repo)),
                 "≤ 2 s"))
    rows.append(("`loupan trend --days 90` again (versions remembered in .git/loupan)",
                 fmt(timed([LOUPAN, "--dir", ".", "trend", "--days", "90"], repo)), "≤ 2 s"))
    # git's floor for trend: reading every version of every file in the window, oldest day first
    blobs = out(["bash", "-c", "for c in $(git log --first-parent --format=%H -90 --reverse); do git ls-tree $c; done "
                 "| awk '{print $3}' | awk '!s[$0]++'"], repo)
    with open(os.path.join(repo, ".blobs"), "w") as f:
        f.write(blobs)
    rows.append(("git's floor: `git cat-file --batch` of those 90 days' file versions",
                 fmt(timed(["bash", "-c", "git cat-file --batch < .blobs > /dev/null"], repo)), ""))
    rows.append(("`loupan diff HEAD~29`", fmt(timed([LOUPAN, "--dir", ".", "diff", "HEAD~29"], repo)),
                 "≤ 1.5 × git"))
    rows.append(("`git diff HEAD~29`", fmt(timed(["git", "diff", "HEAD~29"], repo)), ""))
    f = out(["git", "log", "-1", "--format=", "--name-only"], repo).split()[0]
    unit = [line for line in out(["git", "diff", "HEAD~1", "HEAD", "-U0", "--", f], repo).splitlines()
            if line[:1] == "+" and line[1:2].isdigit()][0][1:].split(" ")[0]
    bid = f[:-5]
    rows.append((f"`loupan log {bid} {unit}`", fmt(timed([LOUPAN, "--dir", ".", "log", bid, unit], repo)),
                 "≤ 1.5 × git"))
    rows.append((f"`git log -p -- {f}`", fmt(timed(["git", "log", "-p", "--", f], repo)), ""))
    rows.append((f"map `--at {past}`, fully loaded", fmt(map_loaded(["--dir", ".", "--at", past], repo, 2000)),
                 "≤ 1.3 × working tree"))
    rows.append(("map of the working tree, fully loaded", fmt(map_loaded(["--dir", "."], repo, 2000)), ""))
    print(f"city preset, {HISTORY} daily commits ending {head_date}, 150 unit changes a day; median (min–max)\n")
    print("| what | measured | target |")
    print("|---|---|---|")
    for what, t, target in rows:
        print(f"| {what} | {t} | {target} |")


if __name__ == "__main__":
    main()
