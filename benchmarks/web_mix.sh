#!/usr/bin/env bash
# Learning value of the web mix (issue 14): the atto_scratch detector trained at equal samples on the
# bake-off's mix (3 hand-written web styles, 7 web families) against the same mix whose web half is drawn by
# today's web renderer (3 hand-written styles + 9 CSS kits, 20 families, real icon sets). Desktop and game
# parts, validation, held-out style, steps, seed and every setting are the bake-off's; only the web parts change.
#   benchmarks/web_mix.sh BAKEOFF_DIR REALSET_DIR [WORK]
# BAKEOFF_DIR: a finished `SEED=1 ... benchmarks/bakeoff.sh` directory (its train/, val/, heldout/ and the
# atto_scratch snapshot of that seed are the control; CONTROL=FILE names another, e.g. the seed-0 snapshot
# shipped as models/gui-detector); REALSET_DIR: `factory realset` output (evaluation only). SEED is the
# training seed of both arms; the web parts are always rendered with seed 0, like the bake-off's.
set -euo pipefail
B=$1; REAL=$2; W=${3:-$B/webmix}
SEED=${SEED:-1}; STEPS=${STEPS:-374}; PER_STYLE=${PER_STYLE:-50}
WEB_STYLES=${WEB_STYLES:-material bootstrap fluent kit-bootstrap5 kit-bulma kit-foundation kit-primer kit-pico kit-uikit kit-spectre kit-fomantic kit-98css}
HERE="$(cd "$(dirname "$0")/.." && pwd)"
F="$HERE/.venv/bin/factory"
mkdir -p "$W/train" "$W/evals"
n=$(echo $WEB_STYLES | wc -w)
wt=$("$HERE/.venv/bin/python" -c "print(round(0.5 / $n, 5))")
TRAIN=""
for s in $WEB_STYLES; do
    [ -f "$W/train/web-$s/manifest.json" ] || "$F" render --renderer web --style "$s" --count "$PER_STYLE" --seed 0 \
        --out "$W/train/web-$s" --shard-size 100 --workers 2
    TRAIN="$TRAIN $W/train/web-$s=$wt"
done
for p in desktop-fusion desktop-fluent desktop-macos desktop-classic; do TRAIN="$TRAIN $B/train/$p=0.075"; done
for p in game-pixel game-fantasy game-scifi game-mobile; do TRAIN="$TRAIN $B/train/$p=0.05"; done
. "$HERE/benchmarks/detector_recipe.sh"  # CONV: the shipped detector's architecture arguments
# shellcheck disable=SC2086
[ -f "$W/run-s$SEED/model.safetensors" ] || "$F" finetune $TRAIN --out "$W/run-s$SEED" --steps "$STEPS" --batch-size 8 --lr 0.0003 \
    --warmup $((STEPS / 20 + 1)) --threads 2 --workers 1 --log-every 10 --ckpt-every 100 --seed "$SEED" $CONV \
    > "$W/run-s$SEED.log" 2>&1
CONTROL=${CONTROL:-$B/snaps/atto_scratch_seed${SEED}_t3.safetensors}
for arm in "control-s$SEED:$CONTROL" "webmix-s$SEED:$W/run-s$SEED/model.safetensors"; do
    name=${arm%%:*}; ckpt=${arm#*:}
    [ -f "$W/evals/$name.json" ] || "$F" evaluate "$ckpt" --split in_dist "$B/val/*" --split heldout_style \
        "$B/heldout/*" --split real "$REAL" --workers 1 --out "$W/evals/$name.json"
done
"$HERE/.venv/bin/python" - "$W/evals" "$SEED" <<'PY'
import json, sys
from pathlib import Path
CLASSES = ("button", "link", "text_input", "checkbox", "heading", "image", "icon", "text")
rows = {n: json.loads((Path(sys.argv[1]) / f"{n}-s{sys.argv[2]}.json").read_text())["splits"]
        for n in ("control", "webmix")}
print("| arm | in-dist mAP50 | held-out mAP50 | real mAP50 | real mAP | real interactable AP50 | "
      + " | ".join(f"real {c}" for c in CLASSES) + " |")
print("|---|" + "---:|" * (5 + len(CLASSES)))
for name, s in rows.items():
    real = s["real"]
    per = [real["per_class"].get(c, {}).get("AP50") for c in CLASSES]
    print(f"| {name} (seed {sys.argv[2]}) | {s['in_dist']['mAP50']:.3f} | {s['heldout_style']['mAP50']:.3f} | {real['mAP50']:.4f} | "
          f"{real['mAP']:.4f} | {real['interactable']['AP50']:.4f} | "
          + " | ".join("-" if v is None else f"{v:.3f}" for v in per) + " |")
PY
