#!/usr/bin/env python3
"""Ledgers at scale (issue 34, point 5), as whole processes of the release binary:

1. 10,000 companies into one building (`import --apply`): wall time, and how long the building's lock
   was held (loupan's own clock: `LOUPAN_TIMING=FILE` gets a `lock_held_us` line per write);
2. a `loupan set` on the same building, started over and over while that import runs: how long each
   waited (the longest is the figure);
3. the plan (`import` without `--apply`) of the seeded district's 1,409-row company ledger
   (`company list --csv` of `loupan demo --preset district`), median of 20 runs;
4. the peak memory (the child's ru_maxrss) of `import` of a 10 MB XLSX ledger (a `--reveal` export of
   370 generated towers, 40 floors × 12 units, ≈ 10 MB; `--skip-xlsx` leaves it out: it takes a few minutes).

Run from the project root after `cargo build --release --example gen --bin loupan`:

    python3 bench/ledger.py            # ≈ 3 minutes with the XLSX, 30 s without
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time

LOUPAN = os.path.abspath(os.environ.get("LOUPAN", "target/release/loupan"))
GEN = os.path.abspath("target/release/examples/gen")
ENV = dict(os.environ, LOUPAN_CONFIG="/nonexistent")


def run(data, *args, env=None, check=True):
    p = subprocess.run([LOUPAN, "--dir", data, *args], capture_output=True, text=True, env=env or ENV)
    if check and p.returncode != 0:
        sys.exit(f"loupan {args}: exit {p.returncode}: {p.stderr[-2000:]}")
    return p


def big_building(tmp):
    """A 50-floor × 20-unit building and a ledger of 10,000 new companies in its first 900 units."""
    data = os.path.join(tmp, "big")
    os.makedirs(data)
    run(data, "new", "big", "--name", "大楼", "--floors", "50", "--units", "20")
    labels = [f"{f}{u:02d}" for f in range(1, 51) for u in range(1, 21)]
    csv = os.path.join(tmp, "企业台账.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write("企业名称,楼宇,房号,员工总数,到岗人数,返京人数,观察人数\n")
        for i in range(10_000):
            f.write(f"企业{i:05d}有限公司,big,{labels[i % 900]},{20 + i % 30},{10 + i % 10},{3 + i % 5},{i % 3}\n")
    return data, csv, labels[-1]


def ten_thousand(tmp):
    data, csv, free_unit = big_building(tmp)
    timing = os.path.join(tmp, "timing")
    env = dict(ENV, LOUPAN_TIMING=timing)
    waits, done = [], threading.Event()

    def setter():
        statuses = ["healthy", "unknown"]
        k = 0
        while not done.is_set():
            t = time.perf_counter()
            run(data, "set", "big", free_unit, statuses[k % 2], check=False)
            waits.append((time.perf_counter() - t) * 1000)
            k += 1
            # a person's pace at the keyboard, not a tight loop
            done.wait(0.25)

    t0 = time.perf_counter()
    th = threading.Thread(target=setter)
    th.start()
    p = run(data, "import", csv, "--apply", env=env, check=False)
    wall = (time.perf_counter() - t0) * 1000
    done.set()
    th.join()
    if p.returncode != 0:
        sys.exit(f"import --apply: {p.stderr[-2000:]}")
    held = [int(l.split()[2]) / 1000 for l in open(timing) if l.startswith("lock_held_us big ")]
    n = int(run(data, "company", "list", "--json").stdout.count('"id"'))
    # the same import alone, without a neighbour
    alone = os.path.join(tmp, "alone")
    os.makedirs(alone)
    data2, csv2, _ = big_building(alone)
    t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    run(data2, "import", csv2, "--apply")
    wall_alone = (time.perf_counter() - t0) * 1000
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime) * 1000
    return wall, (wall_alone, cpu), held, waits, n


def district_plan(tmp):
    d = os.path.join(tmp, "district")
    subprocess.run([LOUPAN, "demo", "--preset", "district", "--out", d], check=True, capture_output=True, env=ENV)
    csv = os.path.join(tmp, "district.csv")
    with open(csv, "w", encoding="utf-8") as f:
        f.write(run(d, "company", "list", "--csv", "--reveal").stdout)
    rows = sum(1 for _ in open(csv, encoding="utf-8")) - 1
    ts = []
    for _ in range(20):
        t = time.perf_counter()
        p = run(d, "--lang", "en", "import", csv)
        ts.append((time.perf_counter() - t) * 1000)
    assert "0 companies would change" in p.stderr, p.stderr
    return rows, statistics.median(ts), min(ts), max(ts)


def xlsx_peak(tmp):
    city = os.path.join(tmp, "city")
    subprocess.run([GEN, "--buildings", "370", "--floors", "40", "--units", "12", "--out", city],
                   check=True, capture_output=True)
    x = os.path.join(tmp, "city.xlsx")
    run(city, "export", "--format", "xlsx", "--reveal", "--out", x)
    mb = os.path.getsize(x) / 1e6
    probe = ("import resource, subprocess, sys\n"
             "t = __import__('time').perf_counter()\n"
             "p = subprocess.run(sys.argv[1:], capture_output=True)\n"
             "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
             " __import__('time').perf_counter() - t)\n")
    out = subprocess.run([sys.executable, "-c", probe, LOUPAN, "--dir", city, "import", x],
                         capture_output=True, text=True, env=ENV).stdout.split()
    return mb, int(out[0]), int(out[1]), float(out[2])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        wall, (wall_alone, cpu), held, waits, n = ten_thousand(tmp)
        print(f"10,000 companies into one building: {wall_alone:.0f} ms alone ({cpu:.0f} ms CPU), {wall:.0f} ms"
              f" beside the sets ({n} companies after); target ≤ 2,000 ms")
        print(f"  lock held: {max(held):.1f} ms at most over {len(held)} writes of the building; target ≤ 100 ms")
        print(f"  a concurrent `set`: {len(waits)} sets, longest {max(waits):.0f} ms, median"
              f" {statistics.median(waits):.0f} ms; target ≤ 1,000 ms")
        rows, med, lo, hi = district_plan(tmp)
        print(f"plan of the district's {rows}-row company ledger: {med:.1f} ms ({lo:.1f}–{hi:.1f}),"
              f" whole process, 20 runs; target ≤ 30 ms")
        if "--skip-xlsx" not in sys.argv:
            mb, code, kb, secs = xlsx_peak(tmp)
            print(f"import (plan) of a {mb:.2f} MB XLSX: peak {kb:,} kB ({kb / 1024:.0f} MiB), {secs:.0f} s,"
                  f" exit {code}; target ≤ 300 MB")


if __name__ == "__main__":
    main()
