#!/usr/bin/env bash
# A data change against the data as it is, at equal samples (issue 12, "Make the data the model needs"). Two arms,
# same seed, same settings (the shipped detector's: ConvNeXt V2-atto + FPN + ATSS + EMA from scratch): the ship
# run's training parts as they are (control) against the same parts rendered again with one change (TREATMENT):
#   balance  `--balance FLOOR`, same styles, counts and seeds (benchmarks/balance_ap.sh runs this one);
#   seeds    each part its own seed (100, 101, ... in part order) instead of seed 0 for all: every style at one
#            seed draws the same layouts (a layout depends on the seed and the index, not on the style), so
#            this arm sees 20x more distinct layouts, grammars, viewports and locales for the same screen count.
# Both arms are evaluated on the ship run's validation split (seed 1000, fixed in advance), its held-out style and,
# when REAL names the real-world set, on it (evaluation only); the table lists per-class AP50 with each arm's
# training instances per 1,000 screens, rarest class first.
#   TREATMENT=seeds benchmarks/data_ab.sh SHIP_DIR WORK [REAL]  (SHIP_DIR: `PHASE=data benchmarks/ship_run.sh` done)
# Environment: TREATMENT (balance|seeds), FLOOR (100), STEPS (374: the bake-off's budget), SEED (1).
set -euo pipefail
S=$1; W=$2; REAL=${3:-}
TREATMENT=${TREATMENT:?TREATMENT=balance or TREATMENT=seeds}
FLOOR=${FLOOR:-100}; STEPS=${STEPS:-374}; SEED=${SEED:-1}
case $TREATMENT in balance) ARM=balanced ;; seeds) ARM=seeds ;; *) echo "TREATMENT must be balance or seeds" >&2; exit 2 ;; esac
HERE="$(cd "$(dirname "$0")/.." && pwd)"
F="$HERE/.venv/bin/factory"
mkdir -p "$W/train" "$W/evals"
CONTROL="" TREATED="" k=0
for part in "$S"/train/*/; do
    p=$(basename "$part")
    read -r renderer style count seed weight < <("$HERE/.venv/bin/python" - "$part" "$S/run/config.json" <<'PY'
import json, sys
from pathlib import Path
c = json.loads((Path(sys.argv[1]) / "manifest.json").read_text())["config"]
data = json.loads(Path(sys.argv[2]).read_text())["data"]  # the ship run's sources: "PATH=WEIGHT" and weight
weights = {Path(d["source"].rsplit("=", 1)[0]).name: d["weight"] for d in data}
print(c["renderer"], c["style"], c["count"], c["seed"], weights[Path(sys.argv[1]).name])
PY
)
    if [ "$TREATMENT" = balance ]; then change=(--balance "$FLOOR" --seed "$seed"); else change=(--seed $((100 + k))); fi
    [ -f "$W/train/$p/manifest.json" ] || "$F" render --renderer "$renderer" --style "$style" --count "$count" \
        "${change[@]}" --out "$W/train/$p" --shard-size 100 --workers 2 > /dev/null
    CONTROL="$CONTROL $S/train/$p=$weight"; TREATED="$TREATED $W/train/$p=$weight"; k=$((k + 1))
done
[ "${PHASE:-all}" = data ] && exit 0
. "$HERE/benchmarks/detector_recipe.sh"  # CONV: the shipped detector's architecture arguments
SPLITS=(--split in_dist "$S/val/*" --split heldout_style "$S/heldout/*")
[ -n "$REAL" ] && SPLITS+=(--split real "$REAL")
for arm in control $ARM; do
    parts=$([ $arm = control ] && echo "$CONTROL" || echo "$TREATED")
    # shellcheck disable=SC2086
    [ -f "$W/$arm-s$SEED/model.safetensors" ] || "$F" finetune $parts --out "$W/$arm-s$SEED" --steps "$STEPS" \
        --batch-size 8 --lr 0.0003 --warmup $((STEPS / 20 + 1)) --threads 2 --workers 1 --log-every 10 \
        --ckpt-every 100 --seed "$SEED" $CONV > "$W/$arm-s$SEED.log" 2>&1
    [ -f "$W/evals/$arm-s$SEED.json" ] || "$F" evaluate "$W/$arm-s$SEED/model.safetensors" "${SPLITS[@]}" \
        --workers 1 --out "$W/evals/$arm-s$SEED.json" > /dev/null
done
"$HERE/.venv/bin/python" - "$S/train" "$W/train" "$W/evals" "$SEED" "$ARM" <<'PY'
import json, sys
from collections import Counter
from pathlib import Path

def per_1000(root):
    counts, screens = Counter(), 0
    for m in Path(root).glob("*/manifest.json"):
        man = json.loads(m.read_text())
        counts.update(man["counts"]["classes"])
        screens += man["config"]["count"]
    return {c: 1000 * n / screens for c, n in counts.items()}

arm = sys.argv[5]
ctrl, treated = per_1000(sys.argv[1]), per_1000(sys.argv[2])
ev = {a: json.loads((Path(sys.argv[3]) / f"{a}-s{sys.argv[4]}.json").read_text())["splits"] for a in ("control", arm)}
print(f"| | control | {arm} |\n|---|---:|---:|")
for split in ev["control"]:
    if split not in ev[arm]:
        continue
    for k in ("mAP50", "mAP"):
        print(f"| {split} {k} | {ev['control'][split][k]:.3f} | {ev[arm][split][k]:.3f} |")
print(f"\n| class (in-dist AP50) | control per 1,000 screens | {arm} per 1,000 | control AP50 | {arm} AP50 |")
print("|---|---:|---:|---:|---:|")
rare = []
for c in sorted(ctrl, key=ctrl.get):
    a, b = (ev[x]["in_dist"]["per_class"].get(c, {}).get("AP50") for x in ("control", arm))
    if a is None or b is None:
        continue
    if ctrl[c] < 100:
        rare.append((a, b))
    print(f"| {c} | {ctrl[c]:.0f} | {treated.get(c, 0):.0f} | {a:.3f} | {b:.3f} |")
if rare:
    print(f"\nMean AP50 of the {len(rare)} classes under 100 per 1,000 control screens: "
          f"control {sum(a for a, _ in rare) / len(rare):.3f}, {arm} {sum(b for _, b in rare) / len(rare):.3f}")
PY
