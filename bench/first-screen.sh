#!/usr/bin/env bash
# Time to first useful screen and to fully loaded, in a 200×50 terminal, measured from outside:
# tmux starts the program and capture-pane is polled until the text shows. Public tools only.
#
#   bench/first-screen.sh            # district, city and street, 5 runs each
#   RUNS=9 bench/first-screen.sh
#   SETS=street bench/first-screen.sh  # only some of them
#   PEERS=0 bench/first-screen.sh      # loupan alone (no csvlens, no VisiData)
#
# Peers (csvlens, VisiData) are measured on the same data as CSV when they are installed.
# Results: median (min–max) in milliseconds. The tmux start-up and the polling interval (≈5 ms for
# the first screen, 50 ms after it) are included in every figure alike; LOUPAN_TIMING gives
# loupan's own view for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
data=${BENCH_DATA:-${TMPDIR:-/tmp}/loupan-bench-data}
cargo build --release --quiet --example gen
cargo build --release --quiet
bin=${LOUPAN:-$PWD/target/release/loupan}
gen=$PWD/target/release/examples/gen
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }

sets=${SETS:-district city street}
for set in $sets; do
  [ -d "$data/$set" ] || "$gen" --preset "$set" --out "$data/$set" >/dev/null
  [ "$set" = street ] && continue
  if [ ! -f "$data/$set.csv" ]; then
    python3 - "$data/$set" "$data/$set.csv" <<'PY'
import csv, os, sys, tomllib
src, out = sys.argv[1], sys.argv[2]
cols = ["building", "unit", "status", "live-work", "name", "people", "contact", "note", "since", "until", "checked"]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(cols)
    for name in sorted(os.listdir(src)):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(src, name), "rb") as t:
            doc = tomllib.load(t)
        for unit, rec in doc.get("units", {}).items():
            w.writerow([name[:-5], unit] + [rec.get(c, "") for c in cols[2:]])
PY
  fi
done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# measure CMD FIRST_TEXT LOADED_TEXT → "first loaded" in ms (loaded empty if LOADED_TEXT is empty)
measure() {
  local cmd=$1 first=$2 loaded=$3 t0 t1="" t2="" screen
  tmux kill-session -t lbench 2>/dev/null || true
  t0=$(now_ms)
  tmux new-session -d -s lbench -x 200 -y 50 "$cmd"
  while :; do
    screen=$(tmux capture-pane -p -t lbench 2>/dev/null || true)
    if [ -z "$t1" ] && grep -qF -- "$first" <<<"$screen"; then t1=$(( $(now_ms) - t0 )); fi
    if [ -n "$t1" ] && { [ -z "$loaded" ] || grep -qF -- "$loaded" <<<"$screen"; }; then
      t2=$(( $(now_ms) - t0 )); break
    fi
    if [ $(( $(now_ms) - t0 )) -gt 60000 ]; then break; fi
    # poll fast for the first screen, then gently: polling itself costs CPU the load needs
    if [ -z "$t1" ]; then sleep 0.005; else sleep 0.05; fi
  done
  tmux kill-session -t lbench 2>/dev/null || true
  echo "${t1:-timeout} ${t2:-timeout}"
}

summary() { # numbers → "median (min–max)"
  sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit} printf "%d (%d–%d)", a[int((NR+1)/2)], a[1], a[NR]}'
}

report() { # label firsts loadeds
  printf '%-28s first screen %-22s fully loaded %s\n' "$1" "$(tr ' ' '\n' <<<"$2" | grep -v '^$' | summary)" \
    "$(tr ' ' '\n' <<<"$3" | grep -v '^$' | summary)"
}

# loupan LABEL SETUP FIRST_TEXT LOADED_TEXT: RUNS runs, seen from tmux and by loupan's own clock
loupan_runs() {
  local firsts="" loadeds="" inner_f="" inner_l="" f l
  for _ in $(seq "$runs"); do
    rm -f "$data/timing"
    read -r f l < <(measure "$2 LOUPAN_TIMING=$data/timing $bin --lang en" "$3" "$4")
    firsts="$firsts $f"; loadeds="$loadeds $l"
    inner_f="$inner_f $(sed -n 's/first_screen_ms //p' "$data/timing" 2>/dev/null)"
    inner_l="$inner_l $(sed -n 's/all_loaded_ms //p' "$data/timing" 2>/dev/null)"
  done
  report "loupan $1 (tmux)" "$firsts" "$loadeds"
  report "loupan $1 (LOUPAN_TIMING)" "$inner_f" "$inner_l"
}

for set in $sets; do
  dir=$data/$set
  if [ "$set" = street ]; then
    # the street's map at its root: the stations' lines at once, every station's figures after
    loupan_runs street "cd $dir &&" "reported 17/20" "· isolating"
    continue
  fi
  n=$(ls "$dir"/*.toml | wc -l)
  name=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$dir/b0001.toml")
  loupan_runs "$set" "LOUPAN_DIR=$dir" "$name" "$n buildings"
  [ "${PEERS:-1}" = 0 ] && continue
  if command -v csvlens >/dev/null; then
    firsts=""
    for _ in $(seq "$runs"); do
      read -r f _ < <(measure "csvlens $data/$set.csv" "live-work" "")
      firsts="$firsts $f"
    done
    report "csvlens $set" "$firsts" ""
  fi
  if command -v vd >/dev/null; then
    rows=$(( $(wc -l <"$data/$set.csv") - 1 ))
    firsts="" loadeds=""
    for _ in $(seq "$runs"); do
      read -r f l < <(measure "vd -f csv $data/$set.csv" "live-work" "$rows rows")
      firsts="$firsts $f"; loadeds="$loadeds $l"
    done
    report "VisiData $set" "$firsts" "$loadeds"
  fi
done
