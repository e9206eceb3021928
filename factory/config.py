"""The render job's configuration: one frozen dataclass, validated once, travelling with the output."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, fields
from typing import Any, Mapping

from factory import __version__
from factory.code_hash import code_sha256
from factory.core.errors import ConfigError  # noqa: F401 - re-exported: long-standing import path
from factory.core.schema import RENDER_IMAGE_FORMATS, SCHEMA_VERSION
from factory.core.content import LOCALES, RTL_LOCALES
from factory.core.registry import UnknownName

# What a shard plan can address: keys carry 9 digits of sample index (seeding.sample_key), shard names 6 digits
# of shard number. A shard's table rows are held in memory until it is committed, hence the shard size cap.
JPEG_QUALITY = 90  # a jpg render without --quality
JPEG_CHROMA = ("", "4:4:4", "4:2:0")  # --jpeg-chroma ("": not given, 4:4:4)
MAX_COUNT = 10**9
MAX_SHARDS = 10**6
MAX_SHARD_SIZE = 100_000
MAX_SEED = 2**63 - 1
MAX_WORKERS = 256  # processes, each with its own renderer (a browser, a QApplication)
SEED_STREAM = re.compile(r"[A-Za-z0-9._-]{0,64}")  # --seed-stream: a part's name
MAX_BALANCE = 100_000  # class floor per 1,000 screens (factory.balance): 100 instances of every class per screen
DEFAULT_BALANCE_CANDIDATES = 8
MAX_BALANCE_CANDIDATES = 64  # layouts drawn per sample when balancing (layouts are cheap; not free)
MAX_EPISODE_STEPS = 20  # --episodes: steps per layout; a step's key adds _s<step> to the layout's (at most 64 chars)


@dataclass(frozen=True)
class JobOptions:
    """How a render job runs (not what it makes: the bytes do not depend on these)."""

    workers: int = 1
    resume: bool = True
    timeout_s: float = 30.0  # per renderer call
    hang_s: float = 300.0  # a worker silent this long is killed and replaced
    recycle_every: int = 200
    max_worker_restarts: int = 8
    executor: str = "local"  # local worker processes, or "ray" (factory.ray_executor)
    address: str | None = None  # a Ray cluster's address; None: a local Ray instance


@dataclass(frozen=True)
class RenderConfig:
    renderer: str
    style: str
    count: int
    seed: int = 0
    shard_size: int = 1000
    image_format: str = "png"
    # A name mixed into every sample's seed (factory.core.seeding.sample_seed): parts with different streams draw
    # different layouts, grammars, viewports and text from one --seed. "": the seed alone, as before it existed.
    seed_stream: str = ""
    quality: int = 0  # lossy encoding at this quality (1-100): webp or jpg; 0: lossless (png, webp), 90 for jpg
    # JPEG chroma: "4:2:0" stores colour at half resolution each way (smaller files; colour edges of thin text
    # blur); "" or "4:4:4": full-resolution colour, as before the option existed.
    jpeg_chroma: str = ""
    grammars: tuple[str, ...] = ()  # empty: every grammar the renderer draws
    locales: tuple[str, ...] = ()  # empty: every locale
    balance: int = 0  # floor of instances per class per 1,000 screens (factory.balance); 0: off
    balance_candidates: int = DEFAULT_BALANCE_CANDIDATES  # layouts drawn per sample when balancing
    keep_source: bool = False  # samples also carry the code that drew them (web: .html, desktop: .ui)
    # Steps per layout (factory.episode_samples): each sample is one action with the screens before and after it;
    # `count` and `shard_size` then count layouts (layout i's steps all land in shard i // shard_size). 0: off.
    episodes: int = 0

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "RenderConfig":
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ConfigError(f"unknown render config keys {sorted(unknown)}; known keys: {sorted(known)}")
        d = dict(d)
        for k in ("grammars", "locales"):
            if k in d:
                d[k] = tuple(d[k])
        return cls(**d)

    def validate(self) -> "RenderConfig":
        """Check names against the registries and numbers against their ranges; raise ConfigError."""
        from factory.grammars import GRAMMARS
        from renderers import RENDERERS

        try:
            spec = RENDERERS.get(self.renderer)
            style = spec.styles.get(self.style)
            if spec.check_style is not None:
                spec.check_style(style)
            for g in self.grammars:
                grammar = GRAMMARS.get(g)
                if self.renderer not in grammar.renderers:
                    raise ConfigError(f"grammar {g!r} cannot be drawn by the {self.renderer} renderer; "
                                      f"it supports: {', '.join(grammar.renderers)}")
        except UnknownName as e:
            raise ConfigError(f"{e} (see `factory list`)") from None
        for loc in self.locales:
            if loc not in LOCALES:
                raise ConfigError(f"unknown locale {loc!r}; known locales: {', '.join(LOCALES)}")
            if loc in RTL_LOCALES and not spec.rtl:
                raise ConfigError(f"locale {loc!r} is written right to left, which the {self.renderer} renderer does "
                                  f"not lay out (its screens would be drawn unmirrored); use it with --renderer web, "
                                  f"or give a left-to-right locale: "
                                  f"{', '.join(loc for loc in LOCALES if loc not in RTL_LOCALES)}")
        self._check_plan()
        self._check_balance()
        if type(self.episodes) is not int or not 0 <= self.episodes <= MAX_EPISODE_STEPS:
            raise ConfigError(f"--episodes must be a whole number of steps per layout from 1 to {MAX_EPISODE_STEPS}, "
                              f"got {self.episodes!r}")
        if type(self.seed_stream) is not str or not SEED_STREAM.fullmatch(self.seed_stream):
            raise ConfigError(f"--seed-stream must be a name of at most 64 letters, digits, '.', '_' or '-' (e.g. the "
                              f"part's name, web-material), got {self.seed_stream!r}")
        if type(self.keep_source) is not bool:
            raise ConfigError(f"keep_source must be true or false, got {self.keep_source!r}")
        if self.image_format not in RENDER_IMAGE_FORMATS:
            raise ConfigError(f"--image-format must be one of {', '.join(RENDER_IMAGE_FORMATS)}, "
                              f"got {self.image_format!r}")
        if type(self.quality) is not int or not 0 <= self.quality <= 100:
            raise ConfigError(f"--quality must be a whole number from 1 to 100 (0: lossless), got {self.quality!r}")
        if self.quality and self.image_format == "png":
            raise ConfigError("--quality applies to lossy formats; PNG is lossless: give --image-format webp or jpg "
                              "with --quality, or leave --quality out")
        if self.jpeg_chroma not in JPEG_CHROMA:
            raise ConfigError(f"--jpeg-chroma must be one of {', '.join(c for c in JPEG_CHROMA if c)}, "
                              f"got {self.jpeg_chroma!r}")
        if self.jpeg_chroma and self.image_format != "jpg":
            raise ConfigError(f"--jpeg-chroma applies to JPEG only; --image-format {self.image_format} has none: give "
                              "--image-format jpg with it, or leave --jpeg-chroma out")
        return self

    @property
    def encoding(self) -> dict[str, Any]:
        """How images are encoded: format, lossless or not, quality (recorded in the manifest)."""
        if self.image_format == "png" or (self.image_format == "webp" and not self.quality):
            return {"format": self.image_format, "lossless": True}
        if self.image_format == "webp":
            return {"format": "webp", "lossless": False, "quality": self.quality}
        return {"format": "jpg", "lossless": False, "quality": self.quality or JPEG_QUALITY,
                "chroma": self.jpeg_chroma or "4:4:4"}

    def _check_plan(self) -> None:
        """Counts within what a shard plan can address; refused before any work, never met halfway through."""
        for flag, value, lo, hi in (("--count", self.count, 1, MAX_COUNT), ("--shard-size", self.shard_size, 1,
                                    MAX_SHARD_SIZE), ("--seed", self.seed, 0, MAX_SEED)):
            if type(value) is not int or not lo <= value <= hi:
                raise ConfigError(f"{flag} must be a whole number from {lo} to {hi:,}, got {value!r}")
        if self.n_shards > MAX_SHARDS:
            need = -(-self.count // MAX_SHARDS)
            raise ConfigError(f"--count {self.count:,} in shards of {self.shard_size:,} makes {self.n_shards:,} "
                              f"shards; shard names have 6 digits (at most {MAX_SHARDS:,} shards): give "
                              f"--shard-size {need:,} or more")

    def _check_balance(self) -> None:
        for flag, value, lo, hi in (("--balance", self.balance, 0, MAX_BALANCE),
                                    ("--balance-candidates", self.balance_candidates, 2, MAX_BALANCE_CANDIDATES)):
            if type(value) is not int or not lo <= value <= hi:
                raise ConfigError(f"{flag} must be a whole number from {lo} to {hi:,}, got {value!r}")
        if not self.balance and self.balance_candidates != DEFAULT_BALANCE_CANDIDATES:
            raise ConfigError(f"--balance-candidates {self.balance_candidates} has no effect without balancing: "
                              f"give --balance N (a floor per class per 1,000 screens) or leave it out")

    def grammar_names(self) -> tuple[str, ...]:
        from factory.grammars import GRAMMARS

        if self.grammars:
            return self.grammars
        return tuple(n for n in GRAMMARS.names() if self.renderer in GRAMMARS.get(n).renderers)

    @property
    def prefix(self) -> str:
        """Shard and key prefix: renderer and style, so datasets can be merged without clashes."""
        return f"{self.renderer}_{self.style}".replace("-", "_")

    @property
    def n_shards(self) -> int:
        return -(-self.count // self.shard_size)

    def shard_range(self, shard: int) -> range:
        return range(shard * self.shard_size, min((shard + 1) * self.shard_size, self.count))

    def resolved(self, renderer_version: str) -> dict[str, Any]:
        """Everything the output bytes depend on; stored in the manifest."""
        d = asdict(self)
        d["grammars"] = list(self.grammar_names())
        d["locales"] = list(self.locales)
        if not self.balance:  # off: the resolved config, and every byte that depends on it, is as before balancing
            del d["balance"], d["balance_candidates"]
        if not self.quality:  # lossless: as before --quality existed
            del d["quality"]
        if self.jpeg_chroma in ("", "4:4:4"):  # full-resolution colour: as before --jpeg-chroma existed
            del d["jpeg_chroma"]
        if not self.seed_stream:  # none: as before --seed-stream existed
            del d["seed_stream"]
        if not self.keep_source:  # off: as before --keep-source existed
            del d["keep_source"]
        if not self.episodes:  # off: as before --episodes existed
            del d["episodes"]
        d.update(renderer_version=renderer_version, schema_version=SCHEMA_VERSION, factory_version=__version__,
                 code_sha256=code_sha256())  # the code that draws: an edit starts a resumed render over
        return d

    def shard_fingerprint(self, renderer_version: str) -> str:
        """What a finished shard depends on (all but `count`): a resumed run reuses shards that match it."""
        d = self.resolved(renderer_version)
        d.pop("count")
        return hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()[:16]
