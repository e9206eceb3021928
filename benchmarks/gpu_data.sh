#!/usr/bin/env bash
# Screens for benchmarks/gpu_round.sh, small enough to travel to a GPU machine (a few tens of MB per trip): the
# shipped detector's 20 training styles from a fresh base seed, web and desktop as WebP q90, game as JPEG q75 4:2:0
# (the compact setting of benchmarks/README.md, ~70-150 KB per sample), one seed stream per part.
#   benchmarks/gpu_data.sh OUT          then pack OUT's parts into trips of at most 40 MB each
# WEB/DESKTOP/GAME: samples per style of each renderer; DATA_SEED: the base seed; WEB_STYLES: the web styles (default:
# the shipped detector's 12); QUALITY: WebP quality of the web and desktop parts (default 90). SITES=N adds, for each of
# the 12 round-1 web styles, a part train-site-STYLE of N screens of the site families (as benchmarks/ship_run.sh does).
set -euo pipefail
OUT=${1:?usage: benchmarks/gpu_data.sh OUT}
WEBN=${WEB:-100}; DESKN=${DESKTOP:-75}; GAMEN=${GAME:-40}; DATA_SEED=${DATA_SEED:-5}
HERE="$(cd "$(dirname "$0")/.." && pwd)"
F="$HERE/.venv/bin/factory"
WEB_STYLES=${WEB_STYLES:-"material bootstrap fluent kit-bootstrap5 kit-bulma kit-foundation kit-primer kit-pico kit-uikit kit-spectre kit-fomantic kit-98css"}; Q=${QUALITY:-90}
render() {  # part renderer style count [render arguments...]: OUT/train-PART, its own seed stream
  local out="$OUT/train-$1"
  [ -f "$out/manifest.json" ] || "$F" render --renderer "$2" --style "$3" --count "$4" --seed "$DATA_SEED" \
    --seed-stream "train-$1" --shard-size 50 --workers 2 --out "$out" "${@:5}" > /dev/null
}
for s in $WEB_STYLES; do render "web-$s" web "$s" "$WEBN" --image-format webp --quality "$Q"; done
ROUND1="material bootstrap fluent kit-bootstrap5 kit-bulma kit-foundation kit-primer kit-pico kit-uikit kit-spectre kit-fomantic kit-98css"
if [ "${SITES:-0}" -gt 0 ]; then
  for s in $ROUND1; do render "site-$s" web "$s" "$SITES" --grammar article --grammar docs --grammar landing \
    --grammar product --grammar profile --image-format webp --quality "$Q"; done
fi
for s in fusion fluent macos classic; do render "desktop-$s" desktop "$s" "$DESKN" --image-format webp --quality "$Q"; done
for s in pixel fantasy scifi mobile; do render "game-$s" game "$s" "$GAMEN" --image-format jpg --quality 75 --jpeg-chroma 4:2:0; done
du -sh "$OUT"/* | sort -h
