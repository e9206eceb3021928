#!/usr/bin/env bash
# Do inline links in running text teach the detector the links of real pages? (issue 12: on the real-world set the
# shipped detector finds links at AP50 0.04; 44% of those links sit inside a paragraph, ours mostly stood alone.)
# Two arms at equal samples, both continued from the shipped detector (models/gui-detector) on a fresh schedule,
# same training seed, same screens but for one change:
#   control   the web families that draw running text (article, docs, landing, product, profile) rendered by this
#             tree with rules.INLINE_LINK_SHARE = 0 (HEAD's files in WORK/control-src, that constant changed);
#   links     the same styles, families, seeds and counts rendered by HEAD as it is (40% of paragraphs carry links).
# The copy is HEAD's tree (git archive); its rules.py differs from HEAD's in that one line (checked). Evaluated, with the
# shipped detector itself as the zero-step reference, on splits fixed in advance: the web validation split (the 12
# web styles, every web family, seed 1000, drawn by HEAD), the held-out style (web brutalist, seed 2000) and the
# real-world development set REAL (`factory realset`; evaluation only, never trained or tuned on).
#   benchmarks/inline_links_ab.sh WORK REAL        (STEPS 300, COUNT 50 per style, SEED 1, LR 0.0001)
# The same protocol measures any other share of rules.py that is 0 in the control: KNOB names the constant, ARM the
# arm that keeps it. Words set apart in paragraphs (code, bold...: hard negatives for inline links) against none:
#   KNOB=EMPHASIS_SHARE ARM=marks benchmarks/inline_links_ab.sh WORK REAL
# (rules.paragraph draws its marks from a stream of their own, so that control draws what HEAD drew before marks.)
# Or any commit against HEAD: CONTROL_REV=REV draws the control with that commit's tree as it is (KNOB unused), e.g.
# documentation sidebars as links against menu items:
#   CONTROL_REV=a9b279b ARM=docnav benchmarks/inline_links_ab.sh WORK REAL
set -euo pipefail
W=$1; REAL=$2
STEPS=${STEPS:-300}; COUNT=${COUNT:-50}; SEED=${SEED:-1}; LR=${LR:-0.0001}
KNOB=${KNOB:-INLINE_LINK_SHARE}; ARM=${ARM:-links}; CONTROL_REV=${CONTROL_REV:-}
[[ "$KNOB" =~ ^[A-Z_]+$ && "$ARM" =~ ^[a-z]+$ && "$ARM" != control ]] \
    || { echo "KNOB=$KNOB ARM=$ARM: KNOB is a constant of rules.py, ARM a lower-case name other than control" >&2; exit 2; }
WEB="material bootstrap fluent kit-bootstrap5 kit-bulma kit-foundation kit-primer kit-pico kit-uikit kit-spectre kit-fomantic kit-98css"
FAMILIES=(--grammar article --grammar docs --grammar landing --grammar product --grammar profile)
HERE="$(cd "$(dirname "$0")/.." && pwd)"
PY="$HERE/.venv/bin/python"
[ -d "$REAL" ] || { echo "REAL=$REAL: no such directory (build it with factory realset)" >&2; exit 2; }
. "$HERE/benchmarks/detector_recipe.sh"  # CONV: the shipped detector's architecture arguments
SHIPPED="$HERE/models/gui-detector/model.safetensors"
git -C "$HERE" diff --quiet HEAD -- factory renderers \
    || { echo "the tree differs from HEAD in factory/ or renderers/: commit first (the arm is drawn by HEAD)" >&2; exit 2; }
if [ -n "$CONTROL_REV" ]; then
    git -C "$HERE" rev-parse -q --verify "$CONTROL_REV^{commit}" > /dev/null \
        || { echo "CONTROL_REV=$CONTROL_REV: no such commit" >&2; exit 2; }
else
    grep -q "^$KNOB = " "$HERE/factory/grammars/rules.py" || { echo "KNOB=$KNOB: no such constant in rules.py" >&2; exit 2; }
fi
mkdir -p "$W/evals"
SRC="$W/control-src"  # HEAD's files, one constant changed, or CONTROL_REV's (git archive: no worktree registered)
if [ ! -d "$SRC" ]; then
    mkdir -p "$SRC.tmp" && git -C "$HERE" archive "${CONTROL_REV:-HEAD}" | tar -x -C "$SRC.tmp"
    if [ -n "$CONTROL_REV" ]; then git -C "$HERE" rev-parse "$CONTROL_REV" > "$SRC.tmp/.rev"
    else sed -i "s/^$KNOB = .*/$KNOB = 0.0/" "$SRC.tmp/factory/grammars/rules.py"; fi
    cp -al "$HERE/renderers/web/kits/node_modules" "$SRC.tmp/renderers/web/kits/"  # hard links: the same files
    mv "$SRC.tmp" "$SRC"
fi
if [ -n "$CONTROL_REV" ]; then  # what the arm changes: the commits between the control's tree and HEAD
    [ "$(cat "$SRC/.rev" 2> /dev/null)" = "$(git -C "$HERE" rev-parse "$CONTROL_REV")" ] \
        || { echo "$SRC holds another control than $CONTROL_REV (start a fresh WORK)" >&2; exit 1; }
    git -C "$HERE" log --oneline "$CONTROL_REV..HEAD" -- factory renderers
else
    { diff <(git -C "$HERE" show HEAD:factory/grammars/rules.py) "$SRC/factory/grammars/rules.py" || true; } \
        | grep -c '^[<>]' | grep -qx 2 && grep -q "^$KNOB = 0.0$" "$SRC/factory/grammars/rules.py" \
        || { echo "$SRC/factory/grammars/rules.py differs from HEAD's in more than $KNOB" >&2; exit 1; }
fi
render() {  # source-tree style count seed out [extra args]
    local src=$1 style=$2 count=$3 seed=$4 out=$5; shift 5
    [ -f "$out/manifest.json" ] || (cd "$src" && PYTHONPATH="$src" "$PY" -m factory render --renderer web \
        --style "$style" --count "$count" --seed "$seed" --seed-stream "web-$style" --shard-size 100 --workers 2 \
        --out "$out" "$@" > /dev/null)
}
CONTROL="" LINKS=""
w=$("$PY" -c "print(round(1 / $(echo $WEB | wc -w), 5))")
for s in $WEB; do
    render "$SRC" "$s" "$COUNT" 7 "$W/train-control/web-$s" "${FAMILIES[@]}"
    render "$HERE" "$s" "$COUNT" 7 "$W/train-$ARM/web-$s" "${FAMILIES[@]}"
    render "$HERE" "$s" 20 1000 "$W/val/web-$s"
    CONTROL="$CONTROL $W/train-control/web-$s=$w"; LINKS="$LINKS $W/train-$ARM/web-$s=$w"
done
render "$HERE" brutalist 60 2000 "$W/heldout/web-brutalist"
[ "${PHASE:-all}" = data ] && exit 0
F="$HERE/.venv/bin/factory"
SPLITS=(--split in_dist "$W/val/*" --split heldout_style "$W/heldout/*" --split real "$REAL")
[ -f "$W/evals/shipped.json" ] || "$F" evaluate "$SHIPPED" "${SPLITS[@]}" --workers 1 --out "$W/evals/shipped.json" > /dev/null
for arm in control "$ARM"; do
    parts=$([ $arm = control ] && echo "$CONTROL" || echo "$LINKS")
    # shellcheck disable=SC2086
    [ -f "$W/$arm-s$SEED/model.safetensors" ] || "$F" finetune $parts --out "$W/$arm-s$SEED" --init "$SHIPPED" \
        --steps "$STEPS" --batch-size 8 --lr "$LR" --warmup $((STEPS / 20 + 1)) --threads 2 --workers 1 \
        --log-every 10 --ckpt-every 50 --seed "$SEED" $CONV > "$W/$arm-s$SEED.log" 2>&1
    [ -f "$W/evals/$arm-s$SEED.json" ] || "$F" evaluate "$W/$arm-s$SEED/model.safetensors" "${SPLITS[@]}" \
        --workers 1 --out "$W/evals/$arm-s$SEED.json" > /dev/null
done
"$PY" - "$W" "$ARM" <<'PY'
import json, sys
from collections import Counter
from pathlib import Path

w, treated = Path(sys.argv[1]), sys.argv[2]
arms = ("control", treated)
seeds = sorted(p.stem.split("-s")[1] for p in (w / "evals").glob(f"{treated}-s*.json")
               if (w / "evals" / f"control-s{p.stem.split('-s')[1]}.json").is_file())
ev = {"shipped (0 steps)": json.loads((w / "evals" / "shipped.json").read_text())["splits"]}
for s in seeds:
    for arm in arms:
        ev[f"{arm} s{s}"] = json.loads((w / "evals" / f"{arm}-s{s}.json").read_text())["splits"]
for part in arms:
    counts, screens = Counter(), 0
    for m in (w / f"train-{part}").glob("*/manifest.json"):
        man = json.loads(m.read_text())
        counts.update(man["counts"]["classes"])
        screens += man["config"]["count"]
    print(f"train-{part}: {screens} screens, links per screen {counts['link'] / screens:.1f}, "
          f"text per screen {counts['text'] / screens:.1f}")
means = [f"{arm} mean" for arm in arms] if len(seeds) > 1 else []
print("\n| split | metric | " + " | ".join(list(ev) + means) + " |\n|---|---|" + "---:|" * (len(ev) + len(means)))
for split in ("in_dist", "heldout_style", "real"):
    rows = [("mAP50", lambda s: s["mAP50"]), ("mAP", lambda s: s["mAP"]),
            ("interactable AP50", lambda s: s["interactable"]["AP50"])]
    rows += [(f"{c} AP50", lambda s, c=c: s["per_class"].get(c, {}).get("AP50", float("nan")))
             for c in ("link", "text", "button", "heading", "menu_item", "list_item")]
    for name, get in rows:
        vals = [get(ev[a][split]) for a in ev]
        vals += [sum(get(ev[f"{arm} s{s}"][split]) for s in seeds) / len(seeds) for arm in arms
                 ] if means else []
        print(f"| {split} | {name} | " + " | ".join(f"{v:.3f}" for v in vals) + " |")
PY
