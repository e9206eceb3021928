"""Regenerate the golden samples: `.venv/bin/python tests/golden/make_golden.py` (then review and commit).

Stores, per web style, two samples (image + JSON) rendered in the project's pinned environment.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from factory.config import RenderConfig  # noqa: E402
from factory.sample import render_sample  # noqa: E402
from renderers import RENDERERS  # noqa: E402

INDICES = (3, 11)


def main() -> None:
    spec = RENDERERS.get("web")
    version = spec.version()
    out = HERE / "web"
    out.mkdir(exist_ok=True)
    with spec.open() as renderer:
        for style in spec.styles.names():
            cfg = RenderConfig(renderer="web", style=style, count=max(INDICES) + 1, seed=2024)
            for i in INDICES:
                s = render_sample(cfg, i, renderer, version)
                (out / f"{style}-{i}.png").write_bytes(s.image)
                (out / f"{style}-{i}.json").write_bytes(s.record.to_json())
                print(style, i, len(s.record.elements))


if __name__ == "__main__":
    main()
