#!/usr/bin/env bash
# Detector bake-off at equal wall-clock (issue 12): four arms, one after another, each fine-tuned for the same
# number of minutes on this machine, evaluated at 1/3, 2/3 and 3/3 of its budget on a validation set fixed in
# advance (seed 1000 renders of the training styles + a held-out style, seed 2000, that no arm trains on).
#
#   benchmarks/bakeoff.sh [WORKDIR]            (default /tmp/gui-factory-bakeoff)
#   PHASE=data benchmarks/bakeoff.sh WORKDIR   renders the data only (may run beside other work)
#
# Arms (all batch 8, lr 3e-4, 1 loader worker, 2 torch threads, augmentation on):
#   vit_mae       ViT-Ti/16 + MAE + simple pyramid, torchvision's FCOS assignment (today's default: control)
#   vit_mae_atss  the same with the ATSS assigner at cell centres and an EMA of the weights (0.998)
#   atto_fcmae    ConvNeXt V2-atto + FPN P2-P6 (64 channels: the ViT's cost per step) at 640x384, ATSS + EMA,
#                 trunk from masked convnet pretraining (FCMAE, `factory pretrain --model convnextv2_atto`)
#   atto_scratch  the same convnet from scratch
# Pretraining (MAE and FCMAE) gets the same wall-clock each (PRETRAIN_MIN), on the training parts.
# Equal wall-clock is planned, not cut: each arm first runs CAL steps to measure its own images/s here, then
# trains for MIN minutes' worth of steps (so its learning-rate schedule ends at the budget); the actual
# minutes are printed in the table (bakeoff_report.py) from each run's metrics.csv.
# Environment: MIN (fine-tuning minutes per arm, default 12), PRETRAIN_MIN (default 8), ARMS, SEED (default 0).
# STEPS / PRETRAIN_STEPS fix the step counts instead of calibrating them (equal samples, e.g. to repeat an
# earlier run's arms with another SEED: the result then does not depend on how busy the machine is).
# IMAGE_FORMAT=webp QUALITY=90 renders the training parts (same seeds, so the same screens and annotations) in
# that format into train-webp90/ and suffixes the arms' names with _webp90 (issue 15: does lossy storage cost
# AP?); validation and held-out sets stay PNG, fixed in advance. GAME_FMT_ARGS gives the game parts render
# arguments of their own, with TAG naming the set (train-TAG/, arms suffixed _TAG): issue 15's recommended mix is
#   IMAGE_FORMAT=webp QUALITY=90 GAME_FMT_ARGS="--image-format jpg --quality 75 --jpeg-chroma 4:2:0" TAG=mix
set -euo pipefail
W=${1:-/tmp/gui-factory-bakeoff}
MIN=${MIN:-12}
PRETRAIN_MIN=${PRETRAIN_MIN:-8}
SEED=${SEED:-0}
ARMS=${ARMS:-vit_mae vit_mae_atss atto_fcmae atto_scratch}
CAL=${CAL:-12}
IMAGE_FORMAT=${IMAGE_FORMAT:-png}
QUALITY=${QUALITY:-0}
FMT_ARGS="--image-format $IMAGE_FORMAT$([ "$QUALITY" = 0 ] || echo " --quality $QUALITY")"
GAME_FMT_ARGS=${GAME_FMT_ARGS:-$FMT_ARGS}
TAG=${TAG-$([ "$IMAGE_FORMAT" = png ] || echo "$IMAGE_FORMAT$QUALITY")}
if [ "$GAME_FMT_ARGS" != "$FMT_ARGS" ] && [ -z "$TAG" ]; then
    echo "GAME_FMT_ARGS differs from the other parts' format: give TAG=NAME to name that training set" >&2; exit 2
fi
TD=train${TAG:+-$TAG}
SUFFIX=${TAG:+_$TAG}
HERE="$(cd "$(dirname "$0")/.." && pwd)"
F="$HERE/.venv/bin/factory"
PY="$HERE/.venv/bin/python"
mkdir -p "$W" && cd "$W"

render() {  # renderer style count seed out [args] (resumable: a finished part is left as it is)
    # shellcheck disable=SC2086
    [ -f "$5/manifest.json" ] || "$F" render --renderer "$1" --style "$2" --count "$3" --seed "$4" --out "$5" \
        --shard-size 100 --workers 2 ${6:-}
}
for s in material bootstrap fluent; do render web $s 200 0 $TD/web-$s "$FMT_ARGS"; render web $s 20 1000 val/web-$s; done
for s in fusion fluent macos classic; do
    render desktop $s 100 0 $TD/desktop-$s "$FMT_ARGS"; render desktop $s 20 1000 val/desktop-$s
done
for s in pixel fantasy scifi mobile; do render game $s 100 0 $TD/game-$s "$GAME_FMT_ARGS"; render game $s 20 1000 val/game-$s; done
render web brutalist 60 2000 heldout/web-brutalist
[ "${PHASE:-all}" = data ] && exit 0

TRAIN="$TD/web-material=0.1667 $TD/web-bootstrap=0.1667 $TD/web-fluent=0.1667 $TD/desktop-fusion=0.075
       $TD/desktop-fluent=0.075 $TD/desktop-macos=0.075 $TD/desktop-classic=0.075 $TD/game-pixel=0.05
       $TD/game-fantasy=0.05 $TD/game-scifi=0.05 $TD/game-mobile=0.05"
PRE=$(echo $TD/*/)

steps_for() {  # run-dir minutes batch -> steps that fill the minutes at the run's measured images/s
    "$PY" - "$1" "$2" "$3" <<'EOF'
import csv, statistics, sys
rows = list(csv.DictReader(open(f"{sys.argv[1]}/metrics.csv")))
img_s = statistics.median(float(r["img_s"]) for r in rows[len(rows) // 2:])  # after warm-up
print(max(1, int(float(sys.argv[2]) * 60 * img_s / int(sys.argv[3]))))
EOF
}

pretrain() {  # name extra-args: calibrate, then pretrain for PRETRAIN_MIN minutes
    local name=$1; shift
    [ -f "runs/$name/encoder.safetensors" ] && return 0
    # shellcheck disable=SC2086
    [ -n "${PRETRAIN_STEPS:-}" ] || "$F" pretrain $PRE --out "cal/$name" --steps 100 --stop-after "$CAL" --batch-size 16 --lr 0.001 --warmup 5 \
        --workers 1 --threads 2 --log-every 1 --seed "$SEED" "$@" > "cal/$name.log" 2>&1
    local steps; steps=${PRETRAIN_STEPS:-$(steps_for "cal/$name" "$PRETRAIN_MIN" 16)}
    echo "pretrain $name: $steps steps"
    # shellcheck disable=SC2086
    "$F" pretrain $PRE --out "runs/$name" --steps "$steps" --batch-size 16 --lr 0.001 --warmup $((steps / 20 + 1)) \
        --workers 1 --threads 2 --log-every 10 --ckpt-every 100 --recon-every 1000000 --seed "$SEED" "$@" \
        > "runs/$name.log" 2>&1
}

finetune() {  # arm extra-args: calibrate, then fine-tune for MIN minutes, a copy of the model at 1/3, 2/3, 3/3
    local arm=$1; shift
    [[ " $ARMS " == *" $arm "* ]] || return 0
    local name=$arm$SUFFIX$([ "$SEED" = 0 ] || echo "_seed$SEED")
    # shellcheck disable=SC2086
    [ -n "${STEPS:-}" ] || "$F" finetune $TRAIN --out "cal/$name" --steps 100 --stop-after "$CAL" --batch-size 8 --lr 0.0003 --warmup 5 \
        --threads 2 --workers 1 --log-every 1 --seed "$SEED" "$@" > "cal/$name.log" 2>&1
    local steps; steps=${STEPS:-$(steps_for "cal/$name" "$MIN" 8)}
    echo "finetune $name: $steps steps for $MIN min"
    for third in 1 2 3; do
        local stop=$((steps * third / 3))
        [ -f "snaps/${name}_t$third.safetensors" ] && continue
        # shellcheck disable=SC2086
        "$F" finetune $TRAIN --out "runs/$name" --steps "$steps" --stop-after "$stop" --batch-size 8 --lr 0.0003 \
            --warmup $((steps / 20 + 1)) --threads 2 --workers 1 --log-every 10 --ckpt-every 100000 --seed "$SEED" \
            "$@" >> "runs/$name.log" 2>&1
        cp "runs/$name/model.safetensors" "snaps/${name}_t$third.safetensors"
    done
}

mkdir -p cal runs snaps evals
[[ " $ARMS " == *" vit_mae"* ]] && pretrain "mae$SUFFIX" --model vit
[[ " $ARMS " == *" atto_fcmae "* ]] && pretrain "fcmae$SUFFIX" --model convnextv2_atto --width 640 --height 384
finetune vit_mae --encoder-checkpoint "runs/mae$SUFFIX/encoder.safetensors"
finetune vit_mae_atss --encoder-checkpoint "runs/mae$SUFFIX/encoder.safetensors" --assigner atss --ema-decay 0.998
. "$HERE/benchmarks/detector_recipe.sh"  # CONV: the shipped detector's architecture arguments
# shellcheck disable=SC2086
finetune atto_fcmae $CONV --encoder-checkpoint "runs/fcmae$SUFFIX/encoder.safetensors"
# shellcheck disable=SC2086
finetune atto_scratch $CONV

for s in snaps/*.safetensors; do
    n=$(basename "$s" .safetensors)
    [ -f "evals/$n.json" ] || "$F" evaluate "$s" --split in_dist 'val/*' --split heldout_style 'heldout/*' \
        --workers 1 --out "evals/$n.json"
done
"$PY" "$HERE/benchmarks/bakeoff_report.py" "$W"
