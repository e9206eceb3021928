#!/usr/bin/env bash
# The shipped detector's long run (issue 12): the bake-off's winner (ConvNeXt V2-atto + FPN P2-P6 + ATSS + EMA,
# from scratch) on today's renderers, trained in parts. Stop it at any time (or give DEADLINE, a Unix time):
# running it again resumes from the last checkpoint (every 50 steps), on the same cosine schedule of STEPS.
#   benchmarks/ship_run.sh [WORK]            then: python -m trainer.ship WORK/run/model.safetensors models/gui-detector/model.safetensors
# WARMUP=N keeps a run's warm-up when a resume changes STEPS (default STEPS/20+1).
# DATA_SEED=N draws the training parts from another base seed (new screens for a continued run; the validation and
# held-out splits keep theirs). SEED is the training seed.
# INIT=DETECTOR continues from a detector's weights (e.g. the shipped one) on a fresh schedule; LR sets its peak.
# Data (seed 0, COUNT per style): web 3 hand-written styles + 9 CSS kits (weight 0.5 in all), desktop 4 styles
# (0.3), game 4 styles (0.2). Validation (seed 1000, 20 per style, every training style) and the held-out style
# (web brutalist, seed 2000) are rendered here too; the real-world set is evaluated separately (evaluation only).
# WEB_STYLES="..." replaces the web styles; VAL=N the validation screens per part (default 20).
# PHASE=data renders the parts and stops; PHASE=splits renders only the validation and held-out splits.
# SITES=N adds, for each of the 12 round-1 web styles, a part of N screens of the site families (article, docs,
# landing, product, profile: the pages with running text and the links of issue 12's A/Bs) and its validation part;
# the web weight is then split 0.3 over the web parts and 0.2 over the site parts.
set -euo pipefail
W=${1:-/tmp/gui-factory-ship}
STEPS=${STEPS:-3000}; COUNT=${COUNT:-200}; SEED=${SEED:-0}; DATA_SEED=${DATA_SEED:-0}; DEADLINE=${DEADLINE:-}; LR=${LR:-0.0003}
ROUND1="material bootstrap fluent kit-bootstrap5 kit-bulma kit-foundation kit-primer kit-pico kit-uikit kit-spectre kit-fomantic kit-98css"
WEB=${WEB_STYLES:-$ROUND1}; SITES=${SITES:-0}; VAL=${VAL:-20}
SITE_FAMILIES=(--grammar article --grammar docs --grammar landing --grammar product --grammar profile)
DESKTOP="fusion fluent macos classic"; GAME="pixel fantasy scifi mobile"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
F="$HERE/.venv/bin/factory"
. "$HERE/benchmarks/detector_recipe.sh"  # CONV: the shipped detector's architecture arguments
FROM=()  # INIT resolved here, before the cd below: a path relative to where the script was started
[ -n "${INIT:-}" ] && FROM=(--init "$(realpath -e "$INIT")")
mkdir -p "$W" && cd "$W"
STREAM=()  # STREAMS=1: every part draws its own screens (--seed-stream PART); off reproduces the recorded runs
render() {  # renderer style count seed out [extra args] (a finished part is kept)
    [ "${STREAMS:-0}" = 1 ] && STREAM=(--seed-stream "$(basename "$5")")
    [ -f "$5/manifest.json" ] || "$F" render --renderer "$1" --style "$2" --count "$3" --seed "$4" --out "$5" \
        "${STREAM[@]}" --shard-size 100 --workers 2 "${@:6}" > /dev/null
}
train_part() { [ "${PHASE:-all}" = splits ] || render "$@"; }  # PHASE=splits: the validation and held-out splits alone
TRAIN=""
nweb=$(echo $WEB | wc -w)
web_share=$([ "$SITES" -gt 0 ] && echo 0.3 || echo 0.5)
web_w=$(python3 -c "print(round($web_share / $nweb, 5))"); site_w=$(python3 -c "print(round(0.2 / $(echo $ROUND1 | wc -w), 5))")
for s in $WEB; do train_part web "$s" "$COUNT" "$DATA_SEED" "train/web-$s"; render web "$s" "$VAL" 1000 "val/web-$s"
    TRAIN="$TRAIN train/web-$s=$web_w"; done
if [ "$SITES" -gt 0 ]; then
    for s in $ROUND1; do train_part web "$s" "$SITES" "$DATA_SEED" "train/site-$s" "${SITE_FAMILIES[@]}"
        render web "$s" "$VAL" 1000 "val/site-$s" "${SITE_FAMILIES[@]}"
        TRAIN="$TRAIN train/site-$s=$site_w"; done
fi
for s in $DESKTOP; do train_part desktop "$s" "$COUNT" "$DATA_SEED" "train/desktop-$s"; render desktop "$s" "$VAL" 1000 "val/desktop-$s"
    TRAIN="$TRAIN train/desktop-$s=0.075"; done
for s in $GAME; do train_part game "$s" "$COUNT" "$DATA_SEED" "train/game-$s"; render game "$s" "$VAL" 1000 "val/game-$s"
    TRAIN="$TRAIN train/game-$s=0.05"; done
render web brutalist 60 2000 heldout/web-brutalist
[ "${PHASE:-all}" = data ] || [ "${PHASE:-all}" = splits ] && exit 0
LIMIT=()
if [ -n "$DEADLINE" ]; then LIMIT=(timeout --signal=INT "$((DEADLINE - $(date +%s)))"); fi
# shellcheck disable=SC2086
"${LIMIT[@]}" "$F" finetune $TRAIN --out run --steps "$STEPS" --batch-size 8 --lr "$LR" --warmup "${WARMUP:-$((STEPS / 20 + 1))}" \
    $CONV "${FROM[@]}" \
    --threads 2 --workers 1 --log-every 10 --ckpt-every 50 --seed "$SEED" >> run.log 2>&1 || {
    rc=$?; [ "$rc" = 124 ] && { echo "stopped at the deadline; run again to resume"; exit 0; }; exit "$rc"; }
