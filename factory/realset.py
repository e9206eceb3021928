"""Build the real-world development set: catalogue sites -> screens -> one dataset part per site, plus a version
manifest over them, all marked `evaluation_only` (the trainer refuses them without an explicit override).

OUT/<site>/ is a render output like any other (WebDataset shard + Parquet tables + manifest.json), so every reader
(verify, stats, preview, report, evaluate) takes it unchanged; OUT/manifest.json lists the sites built by the last
run (`factory merge`'s version manifest) with the sources' pinned versions. A site whose manifest already has this
run's fingerprint (catalogue entry, source versions, Chromium, labeller, factory) is kept: a stopped build resumes
site by site. Sites are built in worker processes, one browser each; the bytes do not depend on the worker count.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable, Mapping

from factory import __version__
from factory.core.errors import ConfigError
from factory.ownership import check_output_dir, check_path, is_owned, shown
from factory.realsites import (MIN_SCREENS, Catalogue, Site, candidate_pages, check_sources, choose_screens, load,
                               measure_order)
from factory.core.schema import MANIFEST, PARTS_DIR, SCHEMA_VERSION, TIMM_INFO, SampleRecord
from factory.core.seeding import sample_key
from factory.shards import ShardPaths, ShardWriter, atomic_write_text, part_is_complete

RENDERER = "real"
SPLIT = "real"  # the split name in _info.json: never "train"
TOP_FILES = (MANIFEST, TIMM_INFO, "preview.png", ".factory.lock")  # besides site directories and stats/
MEASURE_FACTOR = 2  # candidate screens measured per screen drawn


@dataclass(frozen=True)
class RealsetConfig:
    screens: int = 16  # per site (fewer when a site has fewer distinct screens)
    seed: int = 0  # draws pages and screens
    timeout_s: float = 60.0  # per page load

    def validate(self) -> "RealsetConfig":
        if type(self.screens) is not int or not 1 <= self.screens <= 10_000:
            raise ConfigError(f"--screens must be a whole number from 1 to 10,000, got {self.screens!r}")
        if type(self.seed) is not int or self.seed < 0:
            raise ConfigError(f"--seed must be a whole number >= 0, got {self.seed!r}")
        return self


@dataclass(frozen=True)
class RealSample:
    """What the shard writer takes (factory.shards.ShardWriter.write): a record, its image bytes, its drops."""

    record: SampleRecord
    image: bytes
    drops: Counter
    extras: Mapping[str, bytes] = field(default_factory=dict)  # none: real pages keep no source member


def labeller_sha256() -> str:
    """The DOM labeller's hash: labels change with it, so a site's fingerprint includes it."""
    h = hashlib.sha256()
    for module, name in (("renderers.web", "label_dom.js"), ("renderers.web", "real_pages.py"),
                         ("renderers.web", "offline_routes.py"), ("annotators", "dom.py"), ("annotators", "checks.py")):
        h.update(resources.files(module).joinpath(name).read_bytes())
    return h.hexdigest()


def site_config(site: Site, cfg: RealsetConfig, sources: dict, chromium: str, mirrors: dict[str, str]) -> dict:
    """Everything a site's bytes depend on; its manifest's `config` (with the keys every part manifest has)."""
    version = sources[site.source][site.package]
    return {
        "renderer": RENDERER, "style": site.name, "seed": cfg.seed, "shard_size": cfg.screens,
        "renderer_version": f"{chromium}; {site.source} {site.package} {version}", "image_format": "png",
        "grammars": [site.kind.name], "locales": [], "screens": cfg.screens, "site": site.name,
        "kind": asdict(site.kind), "source": {"type": site.source, "package": site.package, "version": version},
        "pages": list(site.pages), "exclude": list(site.exclude), "pin": list(site.pin),
        "redirects": dict(site.redirects),
        "mirrors": mirrors if site.source == "npm" else {}, "labeller_sha256": labeller_sha256(),
        "schema_version": SCHEMA_VERSION, "factory_version": __version__, "evaluation_only": True,
    }


def fingerprint(config: dict) -> str:
    return hashlib.sha256(json.dumps(config, sort_keys=True).encode()).hexdigest()[:16]


# --- one site, in a worker process -------------------------------------------------------------------------------

def _routes(cat: Catalogue, site: Site):
    from renderers.web.offline_routes import OfflineRoutes

    mirrors = [(m.url, m.package_dir) for m in cat.mirrors] if site.source == "npm" else []
    redirects = []
    for missing, stand_in in site.redirects:
        target = cat.sources / "shims" / stand_in[5:] if stand_in.startswith("shim:") else site.package_dir / stand_in
        a, b = str(site.package_dir.resolve() / missing), str(target.resolve())
        if missing.endswith("/"):  # a directory prefix
            a, b = a + "/", b + "/"
        redirects.append((a, b))
    fontsource = cat.node_modules / "@fontsource" if site.source == "npm" else None
    return lambda: OfflineRoutes(mirrors, redirects, fontsource)


def _record(site: Site, cfg: RealsetConfig, config: dict, index: int, shot, screen, elements) -> SampleRecord:
    w, h = screen.viewport
    factors = {"theme": "light", "locale": "en_US", "form_factor": "mobile" if w < 600 else "desktop",
               "viewport_w": w, "viewport_h": h, "dpr": 1.0, "font_family": None, "font_scale": 1.0, "density": None,
               "accent": None, "page": screen.page, "scroll_y": shot.scroll_y}
    return SampleRecord(key=sample_key(site.prefix, index), index=index, seed=cfg.seed, attempt=0, renderer=RENDERER,
                        renderer_version=config["renderer_version"], style=site.name, grammar=site.kind.name,
                        width=shot.width, height=shot.height, image_format="png", factors=factors, elements=elements)


def _shoot(cat: Catalogue, site: Site, cfg: RealsetConfig):
    """[(screen, shot)] of the site: pages drawn, scroll positions measured, screens drawn, then rendered."""
    from renderers.web.real_pages import RealPages, file_url

    with RealPages(_routes(cat, site), timeout_s=cfg.timeout_s) as rp:
        # Pages and viewports are measured in a seeded order until there are twice as many candidate screens as
        # screens to draw (a page load each: measuring all of them would cost more than taking the screens).
        offsets: dict[tuple[str, tuple[int, int]], list[int]] = {}
        for page, vp in measure_order(site, candidate_pages(site, cfg.screens, cfg.seed), cfg.seed):
            if sum(len(v) for v in offsets.values()) >= MEASURE_FACTOR * cfg.screens:
                break
            offsets[(page, vp)] = rp.positions(file_url(site.root / page), vp, site.kind.scrolls,
                                               site.kind.scroll_step)
        screens = choose_screens(site, {k: len(v) for k, v in offsets.items()}, cfg.screens, cfg.seed)
        groups: dict[tuple[str, tuple[int, int]], list] = {}
        for s in screens:
            groups.setdefault((s.page, s.viewport), []).append(s)
        out = []
        for (page, vp), group in groups.items():
            shots = rp.shoot(file_url(site.root / page), vp, [offsets[(page, vp)][s.scroll] for s in group])
            out.extend(zip(group, shots))
        return out


def build_site(cat: Catalogue, site: Site, cfg: RealsetConfig, part_dir: Path, config: dict) -> dict:
    """Render and label the site's screens into `part_dir`; write its manifest; returns the manifest."""
    import io

    import numpy as np
    from PIL import Image

    from annotators.dom import annotate_dom

    fp = fingerprint(config)
    for name in (MANIFEST, TIMM_INFO):  # the part is about to change: never leave a manifest of other bytes
        (part_dir / name).unlink(missing_ok=True)
    taken = _shoot(cat, site, cfg)
    if not taken:
        raise ConfigError(f"site {site.name}: no page matched {list(site.pages)} under {site.root}")
    paths = ShardPaths(part_dir, f"{site.prefix}-000000")
    writer = ShardWriter(paths)
    try:
        for index, (screen, shot) in enumerate(taken):
            pixels = np.asarray(Image.open(io.BytesIO(shot.png)).convert("RGB"))
            ann = annotate_dom(shot.elements, pixels)
            drops = Counter(ann.drops)
            for k in ("blocked_requests", "blocked_media", "missing_files", "missing_fonts"):
                if shot.requests.get(k):
                    drops[k] += shot.requests[k]
            writer.write(RealSample(_record(site, cfg, config, index, shot, screen, ann.elements), shot.png, drops))
        record = writer.commit(fp, range(len(taken)))
    except BaseException:
        writer.abort()
        raise
    manifest = {
        "schema_version": SCHEMA_VERSION, "evaluation_only": True, "config": {**config, "fingerprint": fp},
        "counts": {"samples": record["samples"], "elements": record["elements"], "shards": 1,
                   "classes": record["classes"], "drops": record["drops"]},
        "shards": [record],
    }
    info = {"name": site.prefix, "splits": {SPLIT: {"name": SPLIT, "num_samples": record["samples"],
                                                    "filenames": [paths.relative(paths.tar)],
                                                    "shard_lengths": [record["samples"]]}}}
    atomic_write_text(part_dir / TIMM_INFO, json.dumps(info, sort_keys=True, indent=1) + "\n")
    atomic_write_text(part_dir / MANIFEST, json.dumps(manifest, sort_keys=True, indent=1, ensure_ascii=False) + "\n")
    (paths.part).unlink(missing_ok=True)  # the manifest holds the shard's record now
    try:
        (part_dir / PARTS_DIR).rmdir()
    except OSError:
        pass
    return manifest


def _build_in_worker(sources: str, name: str, cfg: RealsetConfig, part_dir: str, config: dict) -> tuple[str, dict]:
    cat = load(Path(sources))
    return name, build_site(cat, cat.site(name), cfg, Path(part_dir), config)


def finished(part_dir: Path, config: dict) -> dict | None:
    """The site's manifest if the site is complete under this config (files intact in size), else None."""
    try:
        manifest = json.loads((part_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    fp = fingerprint(config)
    shards = manifest.get("shards") if isinstance(manifest, dict) else None
    if not isinstance(shards, list) or len(shards) != 1 or manifest.get("config", {}).get("fingerprint") != fp:
        return None
    rec = shards[0]
    prefix = "real_" + config["site"].replace("-", "_")
    paths = ShardPaths(part_dir, f"{prefix}-000000")
    n = rec.get("samples") if isinstance(rec, dict) else None
    return manifest if type(n) is int and part_is_complete(paths, fp, range(n), rec) else None


# --- the set ---------------------------------------------------------------------------------------------------

def check_out(out: Path, cat: Catalogue) -> None:
    """ConfigError unless OUT is absent, or holds only catalogue site directories (each a factory dataset),
    the set's manifest and the factory's own files: nothing else is ever written among a user's files."""
    check_path(out, "--out")
    if not os.path.lexists(out):
        return
    if not out.is_dir() or out.is_symlink():
        raise ConfigError(f"--out {shown(out)} exists and is not a directory; choose a directory")
    names = {s.name for s in cat.sites}
    foreign = []
    for e in sorted(os.scandir(out), key=lambda e: e.name):
        if e.is_dir(follow_symlinks=False) and e.name in names:
            check_output_dir(Path(e.path), f"--out site directory {e.name}:")
        elif e.is_dir(follow_symlinks=False) and e.name == "stats":
            foreign += [f"stats/{f.name}" for f in os.scandir(e.path) if not is_owned(f"stats/{f.name}")]
        elif not (e.is_file(follow_symlinks=False) and (e.name in TOP_FILES or is_owned(e.name))):
            foreign.append(e.name + ("/" if e.is_dir(follow_symlinks=False) else ""))
    if foreign:
        raise ConfigError(f"--out {shown(out)} holds files that are not part of a real-world set the factory wrote "
                          f"({', '.join(map(shown, foreign[:5]))}); the factory never deletes other files: choose "
                          f"another directory")


@dataclass
class BuildResult:
    out: Path
    sites: dict[str, dict]  # site -> manifest
    built: list[str]
    reused: list[str]
    seconds: float
    sources: dict


def build(cat: Catalogue, site_names: list[str] | None, cfg: RealsetConfig, out: Path, workers: int = 1,
          resume: bool = True, chromium: str = "", on_site: Callable[[str, dict, bool], None] | None = None
          ) -> BuildResult:
    """Build the sites into OUT/<site>/ and write OUT/manifest.json. The caller holds OUT's writer lock."""
    from factory.merge import merge

    t0 = time.monotonic()
    sites = cat.select(site_names)
    sources = check_sources(cat, sites)
    mirrors = {m.url: f"{m.package} {m.version}" for m in cat.mirrors}
    configs = {s.name: site_config(s, cfg, sources, chromium, mirrors) for s in sites}
    done: dict[str, dict] = {}
    todo = []
    for s in sites:
        m = finished(out / s.name, configs[s.name]) if resume else None
        if m is not None:
            done[s.name] = m
            if on_site:
                on_site(s.name, m, True)
        else:
            todo.append(s)
    reused = list(done)
    for s in todo:
        (out / s.name).mkdir(parents=True, exist_ok=True)
    if workers <= 1 or len(todo) <= 1:
        for s in todo:
            done[s.name] = build_site(cat, s, cfg, out / s.name, configs[s.name])
            if on_site:
                on_site(s.name, done[s.name], False)
    else:
        from factory.worker import die_with_parent  # no orphan keeps a browser alive if the build dies

        with ProcessPoolExecutor(min(workers, len(todo)), mp_context=mp.get_context("spawn"),
                                 initializer=die_with_parent) as pool:
            futures = [pool.submit(_build_in_worker, str(cat.sources), s.name, cfg, str(out / s.name),
                                   configs[s.name]) for s in todo]
            for f in futures:
                name, m = f.result()
                done[name] = m
                if on_site:
                    on_site(name, m, False)
    merge(out, "real", [out / s.name for s in sites])
    _mark_set(out, sources, cat, cfg)
    return BuildResult(out, {s.name: done[s.name] for s in sites}, [s.name for s in todo], reused,
                       time.monotonic() - t0, sources)


def _mark_set(out: Path, sources: dict, cat: Catalogue, cfg: RealsetConfig) -> None:
    """Mark the version manifest evaluation-only with its sources, and name _info.json's split `real`."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest.update({"evaluation_only": True, "kind": "real-world development set", "sources": sources,
                     "mirrors": {m.url: f"{m.package} {m.version}" for m in cat.mirrors},
                     "config": {"screens": cfg.screens, "seed": cfg.seed}})
    info = json.loads((out / TIMM_INFO).read_text(encoding="utf-8"))
    info["splits"] = {SPLIT: {**info["splits"]["train"], "name": SPLIT}}
    atomic_write_text(out / TIMM_INFO, json.dumps(info, indent=1, sort_keys=True) + "\n")
    atomic_write_text(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def few_screens(result: BuildResult) -> list[str]:
    """Sites with fewer screens than few-shot needs (10 to train on, the rest to evaluate)."""
    return [n for n, m in result.sites.items() if m["counts"]["samples"] < MIN_SCREENS]
