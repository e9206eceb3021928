#!/usr/bin/env bash
# Does class balancing at the source pay in rare-class AP? (issue 12, "Make the data the model needs")
# The ship run's training parts as they are (control) against the same parts rendered again with `--balance FLOOR`
# (same styles, counts and seeds), at equal samples: benchmarks/data_ab.sh with TREATMENT=balance.
#   benchmarks/balance_ap.sh SHIP_DIR [WORK]      (SHIP_DIR: `PHASE=data benchmarks/ship_run.sh SHIP_DIR` done)
# Environment: FLOOR (default 100), STEPS (default 374: the bake-off's budget), SEED (default 1).
set -euo pipefail
TREATMENT=balance exec "$(dirname "$0")/data_ab.sh" "$1" "${2:-$1/balance}"
