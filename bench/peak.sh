#!/usr/bin/env bash
# Peak memory (VmHWM of loupan's own process, from /proc) of the map fully loaded, in a 200×50 tmux
# window: the district, and the city with a 30-day history whose sparklines are counted — cold
# (`.git/loupan/counts` deleted first) and warm. Targets (issue 34): city ≤ 100 MB, district ≤ 25 MB.
#
#   bench/peak.sh                 # ≈ 1.5 minutes, plus ≈ 1 minute the first time to make the city
#   SETTLE=20 bench/peak.sh       # seconds to wait after fully loaded, for the sparklines (default 12)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${BENCH_DATA:-${TMPDIR:-/tmp}/loupan-bench-data}
bin=${LOUPAN:-$PWD/target/release/loupan}
settle=${SETTLE:-12}
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }
mkdir -p "$data"
[ -d "$data/district-demo" ] || "$bin" demo --preset district --out "$data/district-demo" >/dev/null
[ -d "$data/city-month" ] || "$bin" demo --preset city --history 30 --out "$data/city-month" >/dev/null

# peak DIR LABEL: loupan's VmHWM once fully loaded and settled
peak() {
  local dir=$1 timing=$data/peak-timing pid hwm t0
  rm -f "$timing"
  tmux kill-session -t lpeak 2>/dev/null || true
  tmux new-session -d -s lpeak -x 200 -y 50 \
    "cd '$dir' && exec env LOUPAN_CONFIG=/nonexistent LOUPAN_TIMING='$timing' '$bin' --dir '$dir' --lang en"
  t0=$(date +%s)
  until grep -q all_loaded_ms "$timing" 2>/dev/null; do
    sleep 0.2
    [ $(( $(date +%s) - t0 )) -gt 120 ] && break
  done
  sleep "$settle"
  pid=$(tmux list-panes -t lpeak -F '#{pane_pid}')
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  tmux kill-session -t lpeak 2>/dev/null || true
  printf '%-40s VmHWM %8d kB (%d MiB, %d MB)\n' "$2" "$hwm" $(( hwm / 1024 )) $(( hwm * 1024 / 1000000 ))
}

peak "$data/district-demo" "district (demo, 33 towers)            "
rm -f "$data/city-month/.git/loupan/counts"
peak "$data/city-month" "city, 30 days, cold (counts deleted)   "
peak "$data/city-month" "city, 30 days, warm                    "
peak "$data/city-month" "city, 30 days, warm again              "
