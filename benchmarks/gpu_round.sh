#!/usr/bin/env bash
# The trainer on a CUDA machine (issue 12): a smoke run of every trainer command on the GPU, then two arms continued
# from the shipped detector on the same screens for the same wall-clock, the shipped canvas (640x384) against twice
# it each way (1280x768): does resolution lift the small classes (checkbox, radio, icon...)?
#   DATA=DIR benchmarks/gpu_round.sh OUT     DIR holds parts named train-{web,desktop,game}-STYLE (gpu_data.sh)
# Each arm: a 20-step probe measures its step time, then STEPS = ARM_S / step time on a cosine schedule, so both
# arms end annealed after about ARM_S seconds (STEPS=N: N steps, no probe). Writes OUT/{smoke.log,arm-640.log,arm-1280.log,*.safetensors,*.csv}.
set -uo pipefail
OUT=${1:?usage: DATA=DIR benchmarks/gpu_round.sh OUT}
DATA=${DATA:?DATA: the directory of carried parts}; ARM_S=${ARM_S:-150}; BATCH=${BATCH:-32}; WORKERS=${WORKERS:-12}
ARMS=${ARMS-640x384 1280x768}; SMOKE=${SMOKE:-1}; LR=${LR:-0.0003}
HERE="$(cd "$(dirname "$0")/.." && pwd)"
F=(python3 -m factory)
INIT=${INIT:-"$HERE/models/gui-detector/model.safetensors"}  # INIT=FILE: continue another detector
W=/tmp/gpu-round; mkdir -p "$OUT" "$W"
nweb=$(ls -d "$DATA"/train-web-*/ 2>/dev/null | wc -l); ndesk=$(ls -d "$DATA"/train-desktop-*/ 2>/dev/null | wc -l)
ngame=$(ls -d "$DATA"/train-game-*/ 2>/dev/null | wc -l)  # web 0.5, desktop 0.3, game 0.2, split evenly over parts
nsite=$(ls -d "$DATA"/train-site-*/ 2>/dev/null | wc -l)  # with site parts (gpu_data.sh SITES=N): web 0.3, site 0.2
web_share=$([ "$nsite" -gt 0 ] && echo 0.3 || echo 0.5)
SRC=()
for p in "$DATA"/train-*/; do  # the parts' directories (a run record train-*.run.json lies beside each)
  p=${p%/}
  case "$(basename "$p")" in
    train-web-*) SRC+=("$p=$(python3 -c "print(round($web_share / $nweb, 5))")") ;;
    train-site-*) SRC+=("$p=$(python3 -c "print(round(0.2 / $nsite, 5))")") ;;
    train-desktop-*) SRC+=("$p=$(python3 -c "print(round(0.3 / $ndesk, 5))")") ;;
    train-game-*) SRC+=("$p=$(python3 -c "print(round(0.2 / $ngame, 5))")") ;;
  esac
done
ARCH=(--model convnextv2_atto --pyramid-channels 64 --assigner atss --ema-decay 0.998)
if [ "$SMOKE" = 1 ]; then
  {
    set -x
    nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
    python3 -c "import torch, timm; print('torch', torch.__version__, 'timm', timm.__version__, 'cuda', torch.cuda.is_available())"
    one=$(ls -d "$DATA"/train-*/ | head -1)
    "${F[@]}" finetune "$one" --out $W/smoke --steps 20 --batch-size 4 --width 640 --height 384 "${ARCH[@]}" \
      --workers 2 --log-every 5 --ckpt-every 10 && tail -2 $W/smoke/metrics.csv
    "${F[@]}" finetune "$one" --out $W/smoke --steps 30 --batch-size 4 --width 640 --height 384 "${ARCH[@]}" \
      --workers 2 --log-every 5 --ckpt-every 10 --resume && tail -1 $W/smoke/metrics.csv
    "${F[@]}" evaluate $W/smoke/model.safetensors --split val "$one" --out $W/smoke/metrics.json --workers 2 \
      && python3 -c "import json; m = json.load(open('$W/smoke/metrics.json')); print({k: v for k, v in m.items() if not isinstance(v, (dict, list))})"
    mkdir -p $W/shots && tar -xf "$(ls "$one"/shards/*.tar | head -1)" -C $W/shots --wildcards '*.webp' '*.png' '*.jpg' 2>/dev/null
    "${F[@]}" predict --checkpoint "$INIT" --images $W/shots --out $W/pred.json --device cuda --overlay $W/overlay
    "${F[@]}" pretrain "$one" --out $W/mae-vit --steps 10 --batch-size 8 --workers 2 --log-every 5 && tail -1 $W/mae-vit/metrics.csv
    "${F[@]}" pretrain "$one" --out $W/mae-conv --model convnextv2_atto --width 640 --height 384 --steps 10 \
      --batch-size 8 --workers 2 --log-every 5 && tail -1 $W/mae-conv/metrics.csv
    set +x
  } > "$OUT/smoke.log" 2>&1
  echo "smoke: exit $? (OUT/smoke.log)"; tail -5 "$OUT/smoke.log"
fi
img_s() { python3 -c "import csv, sys; r = list(csv.DictReader(open(sys.argv[1]))); print(r[-1]['img_s'])" "$1"; }
for arm in $ARMS; do
  w=${arm%x*}; h=${arm#*x}
  if [ -n "${STEPS:-}" ]; then  # a step count known from an earlier probe: no probe
    steps=$STEPS; echo "arm $arm: $steps steps (STEPS)"
  else
    probe=$W/probe-$w; rm -rf "$probe"
    "${F[@]}" finetune "${SRC[@]}" --out "$probe" --steps 20 --batch-size "$BATCH" --width "$w" --height "$h" \
      "${ARCH[@]}" --init "$INIT" --workers "$WORKERS" --log-every 10 --ckpt-every 1000 > "$OUT/arm-$w.log" 2>&1
    rate=$(img_s "$probe/metrics.csv")
    steps=$(python3 -c "print(max(30, int($ARM_S * $rate / $BATCH)))")
    echo "arm $arm: probe $rate img/s at batch $BATCH -> $steps steps"
  fi
  start=$(date +%s)
  "${F[@]}" finetune "${SRC[@]}" --out $W/arm-$w --steps "$steps" --batch-size "$BATCH" --width "$w" --height "$h" \
    "${ARCH[@]}" --init "$INIT" --lr "$LR" --warmup $((steps / 20 + 1)) --workers "$WORKERS" --log-every 20 \
    --ckpt-every 100000 >> "$OUT/arm-$w.log" 2>&1
  echo "arm $arm: exit $?, $(( $(date +%s) - start )) s, last img/s $(img_s $W/arm-$w/metrics.csv)"
  python3 -m trainer.ship $W/arm-$w/model.safetensors "$OUT/arm-$w.safetensors"; cp $W/arm-$w/metrics.csv "$OUT/arm-$w.csv"
done
