"""Regenerate the golden samples: `.venv/bin/python tests/golden/make_golden.py [renderer...] [--styles PATTERN]`
(then review the PNGs and commit). Stores, per renderer and style, a few samples (image + JSON) rendered in the
project's pinned environment; --styles (a glob, repeatable: `web --styles 'kit-onsen*'`) regenerates only the
styles it names, so a new style's goldens land without rewriting the others'.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.sample import render_sample  # noqa: E402
from renderers import RENDERERS  # noqa: E402

INDICES = {"web": (3, 11), "desktop": (3, 11), "game": (3,)}  # game frames are large: one each
KIT_INDICES = (11,)  # web styles drawn by a real CSS kit (kit-*): one each, the added test time stays small
# Screens caught open (factory.grammars.open_states) at SEED: one more per desktop style, each style another kind,
# dealt in style order: classic a popover (2), fluent a dropdown's list (28), fusion a tooltip (44), macos a
# date picker's calendar (167).
OPEN_INDICES = {"desktop": (2, 28, 44, 167)}
SEED = 2024


def main(names: list[str], patterns: list[str] | None = None) -> None:
    for name in names or RENDERERS.names():
        spec = RENDERERS.get(name)
        version = spec.version()
        out = HERE / name
        out.mkdir(exist_ok=True)
        with spec.open() as renderer:
            chosen = sorted({s for p in patterns for s in spec.styles.names(p)}) if patterns else spec.styles.names()
            for style in chosen:
                indices = KIT_INDICES if style.startswith("kit-") else INDICES.get(name, (3,))
                if name in OPEN_INDICES:
                    opened = OPEN_INDICES[name]
                    indices = (*indices, opened[spec.styles.names().index(style) % len(opened)])
                cfg = RenderConfig(renderer=name, style=style, count=max(indices) + 1, seed=SEED)
                for i in indices:
                    s = render_sample(cfg, i, renderer, version)
                    (out / f"{style}-{i}.{s.record.image_format}").write_bytes(s.image)
                    (out / f"{style}-{i}.json").write_bytes(s.record.to_json())
                    print(name, style, i, len(s.record.elements))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("renderers", nargs="*")
    parser.add_argument("--styles", action="append", help="only the styles matching this glob (repeatable)")
    args = parser.parse_args()
    main(args.renderers, args.styles)
