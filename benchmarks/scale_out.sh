#!/usr/bin/env bash
# Issue 15's numbers on one machine, one after another (run it on a quiet machine: nothing else beside it).
#   1. `factory plan` projections for the game and web renderers (calibration renders), then
#   2. a real game render of COUNT (default 20,000) samples on 2 local workers, timed: projection vs measured;
#   3. Ray scaling at RAY_COUNT samples: the local executor at 2 workers, Ray at 1 and at 2 workers.
# Usage: benchmarks/scale_out.sh OUTDIR   (COUNT=20000 RAY_COUNT=2000 STYLE=fantasy)
# Writes OUTDIR/*.log and OUTDIR/times.tsv; the datasets it renders are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:?usage: benchmarks/scale_out.sh OUTDIR}
COUNT=${COUNT:-20000}; RAY_COUNT=${RAY_COUNT:-2000}; STYLE=${STYLE:-fantasy}
PY=${PY:-.venv/bin/python}
mkdir -p "$OUT"; work="$OUT/work"; rm -rf "$work"; mkdir -p "$work"
times="$OUT/times.tsv"; printf 'run\tsamples\tseconds\tsamples_per_s\n' > "$times"
timed() {  # name count -- command...
  local name=$1 n=$2; shift 3
  local t0 t1; t0=$(date +%s.%N); "$@" > "$OUT/$name.log" 2>&1; t1=$(date +%s.%N)
  python3 -c "import sys; s=$t1-$t0; print(f'$name\t$n\t{s:.1f}\t{$n/s:.2f}')" | tee -a "$times"
}
$PY -m factory plan --renderer game --style "$STYLE" --count "$COUNT" --workers 2 --workers 16 --workers 128 \
  > "$OUT/plan-game.log" 2>&1
$PY -m factory plan --renderer web --style material --count 1e6 --workers 2 --workers 16 --workers 128 \
  > "$OUT/plan-web.log" 2>&1
timed "local-2w-$COUNT" "$COUNT" -- $PY -m factory render --renderer game --style "$STYLE" --count "$COUNT" \
  --workers 2 --out "$work/big"
rm -rf "$work/big" "$work/big.run.json"
timed "local-2w" "$RAY_COUNT" -- $PY -m factory render --renderer game --style "$STYLE" --count "$RAY_COUNT" \
  --workers 2 --out "$work/local"
timed "ray-1w" "$RAY_COUNT" -- $PY -m factory render --renderer game --style "$STYLE" --count "$RAY_COUNT" \
  --workers 1 --executor ray --out "$work/ray1"
timed "ray-2w" "$RAY_COUNT" -- $PY -m factory render --renderer game --style "$STYLE" --count "$RAY_COUNT" \
  --workers 2 --executor ray --out "$work/ray2"
for d in ray1 ray2; do  # same plan, same bytes whatever ran it
  cmp <(cd "$work/local" && sha256sum shards/*.tar) <(cd "$work/$d" && sha256sum shards/*.tar) \
    && echo "$d: shards identical to the local run" | tee -a "$OUT/identical.log"
done
rm -rf "$work"
