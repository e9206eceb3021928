"""Does a paragraph's look make a detector box its plain words as links? (issue 12: on the real-world set the detector
boxes words of grey or serif paragraphs as links, one box a word.) The same screens (article, docs and landing, 4
seeds each, material and kit-bootstrap5, desktop 1280x800) are drawn three times: as the style draws them, with every
text in a serif face, and with running text grey (paragraphs with links; material's every body text), the links in it
keeping the link colour; the detector runs on each, and
the table counts its `link` detections (score >= 0.3) that match no drawn link (IoU < 0.5), and those of them lying
inside a text's box (words of running text taken for links), with its recall of the drawn links.

    .venv/bin/python benchmarks/false_links_probe.py CHECKPOINT [CHECKPOINT...]
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LOOKS = {"style's own": "",
         "serif": ".gf-text, .gf-text a, p { font-family: 'DejaVu Serif', serif !important; }",
         "grey running text": ".gf-text[data-prose], .gf-text.v-body { color: #6c757d !important; }"}
FAMILIES, SEEDS, STYLES, SCORE = ("article", "docs", "landing"), range(4), ("material", "kit-bootstrap5"), 0.3


def iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    iw = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    ih = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    return iw * ih / (aw * ah + bw * bh - iw * ih + 1e-9)


def inside(a, b) -> bool:
    return b[0] <= a[0] + 1 and b[1] <= a[1] + 1 and a[0] + a[2] <= b[0] + b[2] + 1 and a[1] + a[3] <= b[1] + b[3] + 1


def main(checkpoints: list[Path]) -> None:
    import torch

    import renderers.web.html as html
    from factory.core.content import Content
    from factory.grammars.base import GRAMMARS
    from renderers.web.renderer import WebRenderer
    from tests.invariants import render_annotated
    from tests.test_web_inline_links import _factors
    from trainer.finetune import load
    from trainer.predict import detect

    cpu = torch.device("cpu")
    models = {str(c): load(c, cpu) for c in checkpoints}
    for model, _, _ in models.values():
        model.score_thresh = SCORE
    layouts = []
    for family in FAMILIES:
        for seed in SEEDS:
            rng = random.Random(seed)
            layouts.append(GRAMMARS.get(family).generate(rng, Content("en_US", seed, rng), "desktop"))
    base, kit_base = html.base_css(), html.kit_base_css()
    rows = []
    with WebRenderer() as renderer:
        for look, extra in LOOKS.items():
            html.base_css, html.kit_base_css = (lambda: base + extra), (lambda: kit_base + extra)
            counts = {name: [0, 0, 0] for name in models}  # false, false inside text, found
            drawn = 0
            for style in STYLES:
                for layout in layouts:
                    _, pixels, ann = render_annotated("web", renderer, layout, style,
                                                      _factors(style, "en_US", "desktop", 1280, 800))
                    links = [e.bbox for e in ann.elements if e.cls == "link" and e.visible_fraction > 0.9]
                    texts = [e.bbox for e in ann.elements if e.cls == "text"]
                    drawn += len(links)
                    for name, (model, cfg, names) in models.items():
                        dets = [d["bbox"] for d in detect(model, cfg, names, pixels, cpu, SCORE)
                                if d["category_name"] == "link"]
                        c = counts[name]
                        c[2] += sum(any(iou(g, d) >= 0.5 for d in dets) for g in links)
                        for d in dets:
                            if not any(iou(g, d) >= 0.5 for g in links):
                                c[0] += 1
                                c[1] += any(inside(d, t) for t in texts)
            for name, (false, in_text, found) in counts.items():
                rows.append((look, name, drawn, found / drawn, false, in_text))
    html.base_css, html.kit_base_css = (lambda: base), (lambda: kit_base)
    screens = len(layouts) * len(STYLES)
    print(f"{screens} screens per look; link detections (score >= {SCORE}) matching no drawn link (IoU < 0.5)\n")
    print("| look | checkpoint | drawn links | recall | false links | of them inside a text |")
    print("|---|---|---:|---:|---:|---:|")
    for look, name, drawn, recall, false, in_text in rows:
        print(f"| {look} | {name} | {drawn} | {recall:.3f} | {false} | {in_text} |")


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]]
    if not paths or not all(p.is_file() for p in paths):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(paths)
