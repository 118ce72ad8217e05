#!/usr/bin/env bash
# Every figure of BENCHMARKS.md in one go, each beside its target (≈ 10 minutes on the 2-core
# machine once the data sets exist; the first run also makes them). Run from anywhere:
#
#   bench/all.sh                  # everything
#   HISTORY=1 bench/all.sh        # also git at city scale over a year (bench/history.py: +5 minutes,
#                                 # +3 the first time to make the year)
#   RUNS=5 bench/all.sh           # more runs of each process-level figure (default 3)
#
# Each part's output is kept in $OUT (default /tmp/loupan-bench-all) and the figures with targets are
# gathered at the end. Ratios are between figures of this run, never against numbers from another.
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-${TMPDIR:-/tmp}/loupan-bench-all}
mkdir -p "$out"
export RUNS=${RUNS:-3}
start=$(date +%s)
part() { # NAME TARGETS COMMAND...: runs one part, its output shown and kept
  local name=$1 targets=$2
  shift 2
  printf '\n== %s  [%ds]\n   targets: %s\n' "$name" $(( $(date +%s) - start )) "$targets"
  "$@" 2>&1 | tee "$out/$name.txt"
}
cargo build --release --quiet --example gen && cargo build --release --quiet || exit 1
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (ps for strays before trusting the figures)"

part divan "frame ≤ 1 ms; saved edit ≤ 5 ms + fsync; stats city ≤ 0.7× serde baseline; journal append ≤ 5 ms; Today (city) ≤ 50 ms; a year of journal ≤ 300 ms; report ≤ 200 ms; district XLSX ≤ 1 s; 10k-row import ≤ 2 s; HTML ≤ 200 ms; companies full load ≤ 1.2×; private full load ≤ 1.15×; trend (district, 90 days) —" \
  cargo bench --quiet --bench loupan -- --max-time 2
part divan-street "the street's first screen in process, a key and a frame (no target; ≤ 30 ms first screen as a process)" \
  cargo bench --quiet --bench street
part first-screen "first screen district ≤ 30 ms, city ≤ 60 ms, street ≤ 30 ms (LOUPAN_TIMING); city fully loaded ≤ 0.6× the serde baseline above; street every station's figures ≤ 50 ms warm" \
  env PEERS=0 bench/first-screen.sh
part peak "city ≤ 100 MB (issue 34; ≤ 150 MB before), district ≤ 25 MB" bench/peak.sh
part street "street status ≤ 300 ms; street report ≤ 2 s; sync with nothing to do ≤ 60 ms; 150 edits ≤ 1.0× git add/commit/pull/push" \
  env QUICK=1 python3 bench/street.py
part latency "key → frame while a commit hook runs and while [ steps the city: the map answers (≤ a frame's polling)" \
  python3 bench/latency.py
if [ "${HISTORY:-0}" = 1 ]; then
  part history "trend 90 days ≤ 2 s; diff ≤ 1.5× git; log ≤ 1.5× git; --at ≤ 1.3× working tree" python3 bench/history.py
fi

# the ratios that need two figures of this run
printf '\n== summary  [%ds]\n' $(( $(date +%s) - start ))
python3 - "$out" <<'PY'
import re, sys, os
out = sys.argv[1]
def text(name):
    p = os.path.join(out, name + ".txt")
    return open(p, encoding="utf-8").read() if os.path.exists(p) else ""
def secs(v, unit):
    return float(v) * {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}[unit]
def median(line):
    # divan: name  fastest │ slowest │ median │ mean
    cells = re.findall(r"([\d.]+) (ns|µs|ms|s)\b", line)
    return secs(*cells[2]) if len(cells) >= 3 else None
d = text("divan")
stats = base = None
for line in d.splitlines():
    if "city_serde_single_thread_baseline" in line:
        base = median(line)
    elif re.search(r"[├╰]─ city\s", line) and stats is None and "│" in line:
        stats = median(line)
fs = text("first-screen")
loaded = None
for line in fs.splitlines():
    if line.startswith("loupan city (LOUPAN_TIMING)"):
        m = re.search(r"fully loaded (\d+)", line)
        loaded = int(m.group(1)) / 1000 if m else None
if base:
    print(f"serde baseline (single thread, city): {base:.2f} s")
    if stats:
        print(f"stats city: {stats:.2f} s = {stats / base:.2f}× the baseline   [target ≤ 0.7×]")
    if loaded:
        print(f"map fully loaded, city: {loaded:.2f} s = {loaded / base:.2f}× the baseline   [target ≤ 0.6×]")
for line in fs.splitlines():
    if "LOUPAN_TIMING" in line:
        print(line)
for name in ("peak", "street"):
    for line in text(name).splitlines():
        if "VmHWM" in line or "ms" in line:
            print(line)
PY
echo "all parts: $(( $(date +%s) - start )) s; outputs in $out"
