#!/usr/bin/env bash
# A rare-class top-up for a detector round: the shipped detector's styles drawn again with `factory render --balance`,
# so the classes the validation split has least of (crosshair, minimap, date_picker, scrollbar, slider, switch,
# tooltip...) come several times more often per screen. Round 13 (benchmarks/results/round13/rule.md) was drawn by
#   benchmarks/rare_topup.sh /tmp/gpudata13
# OUT/train-bal-<renderer>-<style>, one seed stream per part. Environment: SEED (13), FLOOR (300 per 1,000 screens),
# CANDIDATES (16 layouts per sample), GAME (120 per style), DESKTOP (100), WEB (30); image formats as
# benchmarks/gpu_data.sh stores them (game JPEG q75 4:2:0, desktop and web WebP q80). Finished parts are kept.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
OUT=$1
cd "$(dirname "$0")/.."
F=".venv/bin/python -m factory"
SEED=${SEED:-13}; FLOOR=${FLOOR:-300}; CANDIDATES=${CANDIDATES:-16}
WEB_STYLES="material bootstrap fluent kit-7css kit-98css kit-bootstrap5 kit-bulma kit-fomantic kit-foundation
 kit-framework7 kit-ionic kit-nes kit-onsen kit-pico kit-primer kit-shoelace kit-spectre kit-uikit kit-xpcss"
render() {  # part renderer style count [render arguments...]
  local out="$OUT/train-bal-$1"
  [ -f "$out/manifest.json" ] || $F render --renderer "$2" --style "$3" --count "$4" --seed "$SEED" \
    --seed-stream "train-bal-$1" --shard-size 50 --workers 2 --balance "$FLOOR" --balance-candidates "$CANDIDATES" \
    --out "$out" "${@:5}" > /dev/null
  echo "$(date +%T) $1"
}
for s in pixel fantasy scifi mobile; do render "game-$s" game "$s" "${GAME:-120}" --image-format jpg --quality 75 --jpeg-chroma 4:2:0; done
for s in fusion fluent macos classic; do render "desktop-$s" desktop "$s" "${DESKTOP:-100}" --image-format webp --quality 80; done
for s in $WEB_STYLES; do render "web-$s" web "$s" "${WEB:-30}" --image-format webp --quality 80; done
