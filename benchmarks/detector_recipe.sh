# Sourced by the detector benchmarks (bakeoff.sh, web_mix.sh, ship_run.sh, balance_ap.sh): the shipped detector's
# architecture arguments to `factory finetune` (ConvNeXt V2-atto + FPN P2-P6 at 640x384, ATSS, EMA), in one place.
# shellcheck disable=SC2034
CONV="--model convnextv2_atto --width 640 --height 384 --pyramid-channels 64 --assigner atss --ema-decay 0.998"
