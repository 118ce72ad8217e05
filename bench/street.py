#!/usr/bin/env python3
"""The street's costs (issue 23), as whole processes on the generated street (20 stations × 33 towers,
17 reported): `street status` and `street report`; `loupan sync` of one day's 150 edits beside
`git pull` + `git push` of the same kind of commit; how many syncs a minute one bare remote takes from
four clones before pushes start retrying. Run from the project root after `cargo build --release`:

    python3 bench/street.py            # ≈ 2 minutes
    QUICK=1 python3 bench/street.py    # without the syncs-a-minute loop (≈ 1 minute)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

LOUPAN = os.path.abspath(os.environ.get("LOUPAN", "target/release/loupan"))
ENV = dict(os.environ, LOUPAN_CONFIG="/nonexistent", PATH=os.path.dirname(LOUPAN) + ":" + os.environ["PATH"])


def run(cwd, *args, check=True):
    p = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, env=ENV)
    if check and p.returncode != 0:
        sys.exit(f"{args} in {cwd}: {p.stderr}")
    return p


def timed(cwd, *args, n=10):
    ts = []
    for _ in range(n):
        t = time.perf_counter()
        run(cwd, *args, check=False)
        ts.append((time.perf_counter() - t) * 1000)
    return statistics.median(ts), min(ts), max(ts)


def clone(remote, path, who):
    run(os.path.dirname(path), "git", "clone", "-q", remote, path)
    run(path, "git", "config", "user.name", who)
    run(path, "git", "config", "user.email", f"{who}@example.org")
    run(path, LOUPAN, "init")


LABELS = {}


def labels(station, b):
    if (station, b) not in LABELS:
        import json
        units = json.loads(run(station, LOUPAN, "show", b, "--json").stdout)["units"]
        LABELS[(station, b)] = [u["unit"] for u in units]
    return LABELS[(station, b)]


def edits(station, n, seed):
    for k in range(n):
        b = f"b{(k % 33) + 1:04d}"
        ls = labels(station, b)
        unit = ls[(k * 7 + seed) % len(ls)]
        status = ["vacant", "healthy", "resumed", "unknown"][(k + seed) % 4]
        run(station, LOUPAN, "set", b, unit, status)


def main():
    root = tempfile.mkdtemp(prefix="loupan-street-bench-")
    street = os.path.join(root, "street")
    t = time.perf_counter()
    run(root, LOUPAN, "demo", "--preset", "street", "--out", street)
    print(f"generated the street in {time.perf_counter() - t:.1f} s")
    remote = os.path.join(root, "street.git")
    run(root, "git", "clone", "-q", "--bare", street, remote)
    a, b = os.path.join(root, "a"), os.path.join(root, "b")
    clone(remote, a, "a")
    clone(remote, b, "b")

    for args in (["street", "status", "--json"], ["street", "report"], ["street", "report", "--format", "json"]):
        m, lo, hi = timed(a, LOUPAN, *args)
        print(f"loupan {' '.join(args):32} {m:7.1f} ms ({lo:.1f}–{hi:.1f})")

    # `sync` with nothing to do (target ≤ 60 ms, ≤ 4 git processes): the station just synced
    run(a, LOUPAN, "sync")
    m, lo, hi = timed(a, LOUPAN, "sync", n=int(os.environ.get("RUNS", "15")))
    print(f"sync with nothing to do: {m:.1f} ms ({lo:.1f}–{hi:.1f}) [target ≤ 60 ms]")
    # its floor in the same run: git's own status and fetch, the two that do the work
    g = []
    for _ in range(int(os.environ.get("RUNS", "15"))):
        t = time.perf_counter()
        run(a, "git", "status", "--porcelain=v2", "--branch")
        run(a, "git", "fetch", "-q")
        g.append((time.perf_counter() - t) * 1000)
    print(f"git status + git fetch, same clone: {statistics.median(g):.1f} ms ({min(g):.1f}–{max(g):.1f}); "
          f"sync {m / statistics.median(g):.2f}× that")

    # one day's 150 edits: loupan sync (commit, fetch, merge, push), beside git add + commit +
    # pull + push of the same kind of change, in alternating rounds (target ≤ 1.0×)
    sa, sb = os.path.join(a, "stations", "s01"), os.path.join(b, "stations", "s02")
    syncs, gits = [], []
    for r in range(int(os.environ.get("ROUNDS", "3"))):
        edits(sa, 150, 1 + 2 * r)
        t = time.perf_counter()
        run(sa, LOUPAN, "sync")
        syncs.append((time.perf_counter() - t) * 1000)
        edits(sb, 150, 2 + 2 * r)
        t = time.perf_counter()
        run(b, "git", "add", "-A")
        run(b, "git", "commit", "-qm", "150 edits")
        run(b, "git", "pull", "-q", "--no-rebase", "--no-edit")
        run(b, "git", "push", "-q")
        gits.append((time.perf_counter() - t) * 1000)
    ms, mg = statistics.median(syncs), statistics.median(gits)
    print(f"sync of 150 edits: {ms:.0f} ms ({min(syncs):.0f}–{max(syncs):.0f}); "
          f"git add + commit + pull + push: {mg:.0f} ms ({min(gits):.0f}–{max(gits):.0f}); "
          f"{ms / mg:.2f}× [target ≤ 1.0×]")
    if os.environ.get("QUICK"):
        shutil.rmtree(root)
        return

    # syncs a minute: four clones, each editing its own station and syncing in a loop for 30 s
    clones = []
    for k in range(int(os.environ.get("CLONES", "4"))):
        c = os.path.join(root, f"c{k}")
        clone(remote, c, f"c{k}")
        clones.append(os.path.join(c, "stations", f"s{k + 3:02d}"))
    done, retried, failed = [0], [0], [0]
    stop = time.time() + float(os.environ.get("SECONDS", "30"))

    def loop(k, st):
        n = 0
        while time.time() < stop:
            n += 1
            ls = labels(st, "b0001")
            run(st, LOUPAN, "set", "b0001", ls[n % len(ls)], ["vacant", "healthy"][n % 2])
            p = run(st, LOUPAN, "--lang", "en", "sync", check=False)
            if p.returncode == 0:
                done[0] += 1
                retried[0] += "someone else pushed first" in p.stderr
            else:
                failed[0] += 1
                if failed[0] == 1:
                    print("first failed sync:", p.stderr.strip()[:600])

    ts = [threading.Thread(target=loop, args=(k, st)) for k, st in enumerate(clones)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    secs = float(os.environ.get("SECONDS", "30"))
    print(f"{len(clones)} clones for {secs:.0f} s: {done[0] * 60 / secs:.0f} syncs a minute, {retried[0]} of {done[0]} retried at least once, "
          f"{failed[0]} failed")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
