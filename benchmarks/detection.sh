#!/usr/bin/env bash
# Detection quality at a CPU budget: MAE-pretrained vs scratch vs cross-renderer, evaluated every 200 steps.
#
#   benchmarks/detection.sh [WORKDIR]        (default /tmp/gui-factory-detection; ~3 h on 2 cores)
#
# 1. renders training parts (3 web, 4 desktop, 4 game styles; seed 0), validation parts of the same styles
#    (seed 1000) and a held-out style (web brutalist, seed 2000) that no run trains on;
# 2. MAE-pretrains ViT-Tiny on the web and game parts only (so desktop stays unseen for the cross split);
# 3. fine-tunes three detectors, 800 steps x 8 images, 1 torch thread each, in parallel: det_mae (all 11
#    parts, MAE encoder), det_scratch (same, random encoder), det_cross (web + game only, MAE encoder);
#    each stops every 200 steps (--stop-after) to keep a copy of its model, then resumes (same loss curve);
# 4. evaluates every copy on in_dist (all 11 validation parts), web, desktop, game and heldout_style;
# 5. a capacity check: 300 steps on 16 web screens without augmentation, evaluated on those same screens.
# Environment: SEED (fine-tuning seed, default 0; other seeds suffix run names with _seedN), RUNS (default
# "det_mae det_scratch det_cross overfit"), SNAPS (steps at which a copy is kept and evaluated, default
# "200 400 600 800"; the last is the fine-tuning budget). A replicate: SEED=1 RUNS="det_mae det_scratch" SNAPS=800 benchmarks/detection.sh WORKDIR.
# Results: WORKDIR/evals/*.json; `benchmarks/detection_report.py WORKDIR/evals` prints the tables
# (the evaluations behind benchmarks/README.md are kept in benchmarks/results/detection/).
set -euo pipefail
W=${1:-/tmp/gui-factory-detection}
SEED=${SEED:-0}
RUNS=${RUNS:-det_mae det_scratch det_cross overfit}
SNAPS=${SNAPS:-200 400 600 800}
TAG=$([ "$SEED" = 0 ] || echo "_seed$SEED")
F="$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/factory"
mkdir -p "$W" && cd "$W"

render() {  # renderer style count seed out (resumable: a finished part is left as it is)
    "$F" render --renderer "$1" --style "$2" --count "$3" --seed "$4" --out "$5" --shard-size 100 --workers 2
}
for s in material bootstrap fluent; do render web $s 400 0 train/web-$s; render web $s 50 1000 val/web-$s; done
for s in fusion fluent macos classic; do render desktop $s 200 0 train/desktop-$s; render desktop $s 50 1000 val/desktop-$s; done
for s in pixel fantasy scifi mobile; do render game $s 200 0 train/game-$s; render game $s 50 1000 val/game-$s; done
render web brutalist 100 2000 val/web-brutalist

"$F" pretrain train/web-material train/web-bootstrap train/web-fluent train/game-pixel train/game-fantasy \
    train/game-scifi train/game-mobile --out runs/mae --steps 600 --batch-size 16 --lr 0.001 --warmup 30 \
    --workers 2 --log-every 20 --ckpt-every 100 --recon-every 200

ALL="train/web-material=0.1667 train/web-bootstrap=0.1667 train/web-fluent=0.1667 train/desktop-fusion=0.075
     train/desktop-fluent=0.075 train/desktop-macos=0.075 train/desktop-classic=0.075 train/game-pixel=0.05
     train/game-fantasy=0.05 train/game-scifi=0.05 train/game-mobile=0.05"
WEBGAME="train/web-material=0.2 train/web-bootstrap=0.2 train/web-fluent=0.2 train/game-pixel=0.1
         train/game-fantasy=0.1 train/game-scifi=0.1 train/game-mobile=0.1"
COMMON="--steps ${SNAPS##* } --batch-size 8 --lr 0.0003 --warmup 50 --threads 1 --workers 1 --log-every 20
        --ckpt-every 100 --taxonomy canonical --seed $SEED"
MAE="--encoder-checkpoint runs/mae/encoder.safetensors"
mkdir -p snaps evals
finetune() {  # name data extra-args (skipped unless the name is in RUNS)
    [[ " $RUNS " == *" $1 "* ]] || return 0
    local name=$1$TAG data=$2 extra=$3
    for step in $SNAPS; do
        # shellcheck disable=SC2086
        "$F" finetune $data --out "runs/$name" $COMMON $extra --stop-after $step > "runs/$name.log" 2>&1
        cp "runs/$name/model.safetensors" "snaps/${name}_$(printf %05d $step).safetensors"
    done
}
finetune det_mae "$ALL" "$MAE" &
finetune det_scratch "$ALL" "" &
finetune det_cross "$WEBGAME" "$MAE" &
wait

mkdir -p sets/in_dist sets/web sets/desktop sets/game sets/heldout_style
for d in val/*; do
    n=$(basename "$d"); r=${n%%-*}
    [ "$n" = web-brutalist ] && { ln -sfn "../../$d" sets/heldout_style/$n; continue; }
    ln -sfn "../../$d" sets/in_dist/$n; ln -sfn "../../$d" "sets/$r/$n"
done
for s in snaps/*.safetensors; do
    n=$(basename "$s" .safetensors)
    [ -f "evals/$n.json" ] || "$F" evaluate "$s" --split in_dist sets/in_dist --split web sets/web \
        --split desktop sets/desktop --split game sets/game --split heldout_style sets/heldout_style \
        --out "evals/$n.json"
done

[[ " $RUNS " == *" overfit "* ]] || exit 0
render web material 16 5 tiny/web-material
"$F" finetune tiny/web-material --out runs/overfit --steps 300 --batch-size 8 --lr 0.001 --warmup 20 --no-augment \
    --log-every 20 --ckpt-every 100 $MAE
"$F" evaluate runs/overfit --split train_images tiny/web-material --out evals/overfit.json
