"""A sample's life: seed -> grammar, factors, content -> Layout -> renderer -> annotator -> SampleRecord.

`make_layout` is pure and cheap (no renderer), so any sample can be re-created alone from (config, index).
"""

from __future__ import annotations

import io
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Iterator, Mapping

import numpy as np
from PIL import Image

from factory.balance import Steering, calibrate
from factory.config import RenderConfig
from factory.core import check_labels
from factory.core.content import Content
from factory.grammars import GRAMMARS
from factory.grammars import open_states
from factory.core.layout import Layout
from factory.core.schema import SampleRecord
from factory.core.seeding import rng_for, sample_key, sample_seed
from factory.core.styles import Factors, sample_factors

MAX_ATTEMPTS = 4  # a sample whose every element fails the checks is redrawn with the next attempt's seed


@dataclass(frozen=True)
class Sample:
    record: SampleRecord
    image: bytes  # encoded in record.image_format
    drops: Counter  # element-level 'dropped_<reason>' counts plus sample-level redraws
    # Extra tar members (factory.core.schema.SAMPLE_EXTRAS): extension -> bytes, e.g. {"html": ...} with --keep-source
    extras: Mapping[str, bytes] = field(default_factory=dict)


def make_layout(cfg: RenderConfig, index: int, attempt: int = 0) -> tuple[int, Layout, Factors]:
    """Everything random about sample `index`, from its seed alone (and, with --balance, the configuration's
    steering, itself a function of the configuration): returns the seed the layout was drawn from."""
    seed = sample_seed(cfg.seed, index, attempt, cfg.seed_stream)
    if cfg.balance:
        return steering(cfg).pick(seed, lambda s: draw_layout(cfg, s))
    return (seed, *draw_layout(cfg, seed))


def draw_layout(cfg: RenderConfig, seed: int, viewports=None) -> tuple[Layout, Factors]:
    """The unsteered layout and factors that one seed gives under `cfg` (renderer, style, grammars, locales).
    `viewports`: another viewport distribution than the renderer's (benchmarks/phone_text.py draws phones only)."""
    from renderers import RENDERERS

    spec = RENDERERS.get(cfg.renderer)
    style = spec.styles.get(cfg.style)
    names = cfg.grammar_names()
    grammar = GRAMMARS.get(names[rng_for(seed, "grammar").randrange(len(names))])
    factors = sample_factors(rng_for(seed, "factors"), style, viewports or spec.viewports, cfg.locales or None)
    content = Content(factors.locale, seed, rng_for(seed, "content"))
    layout = grammar.generate(rng_for(seed, "layout"), content, factors.form_factor)
    if cfg.renderer in open_states.RENDERERS:  # a stream of its own: screens drawn closed keep their bytes
        layout = open_states.open_state(layout, rng_for(seed, "open"))
    layout = check_labels.split(layout)  # a checkbox's words become a text of their own, as on real pages
    return layout, factors


def steering(cfg: RenderConfig) -> Steering:
    """The class-balance steering of `cfg` (factory.balance), calibrated once per process for the settings
    that shape layouts: count, seed, shard size and image format do not change it."""
    return _steering(replace(cfg, count=1, seed=0, shard_size=1, image_format="png", keep_source=False))


@lru_cache(maxsize=8)
def _steering(cfg: RenderConfig) -> Steering:
    return calibrate(lambda s: draw_layout(cfg, s)[0], cfg.balance, cfg.balance_candidates)


def decode_png(png: bytes) -> np.ndarray:
    """A renderer's PNG -> (H, W, 3) uint8 RGB (alpha dropped), by factory.core.pixels (OpenCV: ~5 ms against
    Pillow's ~12 ms for a 1280x800 web screen, same pixels)."""
    from factory.core.pixels import imdecode_rgb

    arr = imdecode_rgb(png)
    if arr is None:
        raise RuntimeError(f"the renderer returned undecodable PNG bytes ({len(png)} bytes)")
    return arr


def encode(png: bytes, pixels: np.ndarray, encoding: dict) -> bytes:
    """The sample's image as RenderConfig.encoding says: png (the renderer's own bytes), webp (lossless, or
    lossy at a quality), jpg (4:4:4 chroma by default: UI text keeps its colour edges; or 4:2:0)."""
    fmt = encoding["format"]
    if fmt == "png":
        return png  # the renderer's own PNG bytes, unchanged
    buf = io.BytesIO()
    if fmt == "webp" and encoding["lossless"]:
        Image.fromarray(pixels).save(buf, "WEBP", lossless=True, method=0)
    elif fmt == "webp":
        Image.fromarray(pixels).save(buf, "WEBP", quality=encoding["quality"], method=4)
    else:
        subsampling = {"4:4:4": 0, "4:2:0": 2}[encoding.get("chroma", "4:4:4")]  # Pillow's numbering
        Image.fromarray(pixels).save(buf, "JPEG", quality=encoding["quality"], subsampling=subsampling, optimize=False)
    return buf.getvalue()


def _finish(cfg: RenderConfig, index: int, attempt: int, seed: int, layout: Layout, factors: Factors, out,
            renderer_version: str, drops: Counter) -> Sample | None:
    """Decode, annotate and check one drawn attempt; None when no element passed (drops are counted)."""
    from annotators.annotate import annotate

    pixels = out.pixels if out.pixels is not None else decode_png(out.image)
    ann = annotate(layout, out, pixels)
    drops.update(ann.drops)
    if out.blocked_requests:
        drops["blocked_requests"] += out.blocked_requests
    if not ann.elements:
        drops["dropped_sample_no_elements"] += 1
        return None
    record = SampleRecord(
        key=sample_key(cfg.prefix, index), index=index, seed=seed, attempt=attempt,
        renderer=cfg.renderer, renderer_version=renderer_version, style=cfg.style,
        grammar=layout.grammar, width=pixels.shape[1], height=pixels.shape[0],
        image_format=cfg.image_format, factors=factors.to_dict(), elements=ann.elements,
    )
    return Sample(record, encode(out.image, pixels, cfg.encoding), drops, source_members(cfg, out))


def source_members(cfg: RenderConfig, out) -> dict[str, bytes]:
    """The sample's source member ({"html": ...} or {"ui": ...}) when --keep-source asked for it and the renderer
    drew from code; {} otherwise (game screens have none: the manifest says so)."""
    from renderers import RENDERERS

    member = RENDERERS.get(cfg.renderer).source_member
    if not cfg.keep_source or member is None:
        return {}
    if out.source is None:
        raise RuntimeError(f"the {cfg.renderer} renderer returned no source with keep_source on")
    return {member: out.source}


def _draw(cfg: RenderConfig, index: int, attempt: int, renderer):
    from renderers import RENDERERS

    seed, layout, factors = make_layout(cfg, index, attempt)
    out = renderer.render(layout, RENDERERS.get(cfg.renderer).styles.get(cfg.style), factors)
    return seed, layout, factors, out


def render_sample(cfg: RenderConfig, index: int, renderer, renderer_version: str, first_attempt: int = 0,
                  drops: Counter | None = None) -> Sample:
    """Render and annotate sample `index`; redraw (next attempt seed) if nothing passes the checks."""
    drops = Counter() if drops is None else drops
    for attempt in range(first_attempt, MAX_ATTEMPTS):
        sample = _finish(cfg, index, attempt, *_draw(cfg, index, attempt, renderer), renderer_version, drops)
        if sample is not None:
            return sample
    raise RuntimeError(f"sample {index}: no element passed the checks in {MAX_ATTEMPTS} attempts")


def render_samples(cfg: RenderConfig, indices: Iterable[int], renderer, renderer_version: str) -> Iterator[Sample]:
    """Samples in index order, the same as `render_sample` one by one, but decoding and annotating sample i
    in a helper thread while the renderer draws sample i+1 (the renderer itself stays on this thread)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: tuple[int, Future, Counter] | None = None
        for index in indices:
            drawn = _draw(cfg, index, 0, renderer)
            drops: Counter = Counter()
            future = pool.submit(_finish, cfg, index, 0, *drawn, renderer_version, drops)
            if pending is not None:
                yield _resolve(cfg, *pending, renderer, renderer_version)
            pending = (index, future, drops)
        if pending is not None:
            yield _resolve(cfg, *pending, renderer, renderer_version)


def _resolve(cfg: RenderConfig, index: int, future: Future, drops: Counter, renderer, renderer_version: str) -> Sample:
    sample = future.result()
    if sample is not None:
        return sample
    # Attempt 0 left no element: redraw here with the next attempts, its drops counted as well.
    return render_sample(cfg, index, renderer, renderer_version, first_attempt=1, drops=drops)
