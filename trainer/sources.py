"""Training sources: dataset directories (a part, a version or a root of versions) with mixing weights.

A source is written `PATH` or `PATH=WEIGHT`; every shard under PATH belongs to that source. Mixing
draws a source with probability weight / sum(weights), then the next sample of that source, so
`web=0.5 desktop=0.3 game=0.2` holds whatever the shard counts are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factory.core.errors import ConfigError
from factory.core.dataset import NotADataset, open_dataset


@dataclass(frozen=True)
class Source:
    name: str
    weight: float
    tars: tuple[str, ...]
    samples: int  # finished samples listed in the manifests
    path: str = ""  # the dataset directory as given (what messages about this source name)
    evaluation_only: bool = False  # a part is marked evaluation-only (the real-world development set)


def parse_spec(spec: str) -> tuple[Path, float]:
    """'PATH' -> (PATH, 1.0); 'PATH=0.3' -> (PATH, 0.3)."""
    path, sep, weight = spec.rpartition("=") if "=" in spec else (spec, "", "")
    if not sep:
        return Path(spec), 1.0
    try:
        w = float(weight)
    except ValueError:
        raise ConfigError(f"bad data source {spec!r}: the weight after '=' must be a number, e.g. PATH=0.5") from None
    if not (w > 0 and w != float("inf")):
        raise ConfigError(f"bad data source {spec!r}: the weight must be > 0")
    return Path(path), w


def is_evaluation_only(parts) -> bool:
    """Whether any part's manifest marks it evaluation-only (`factory realset` does: the real-world set)."""
    return any(p.manifest.get("evaluation_only") is True for p in parts)


def resolve(specs: list[str] | tuple[str, ...], allow_evaluation_only: bool = False) -> list[Source]:
    """Open each spec's dataset (factory.core.dataset.open_dataset) and list its shard files; raise ConfigError.

    A dataset marked evaluation-only is refused unless `allow_evaluation_only` (evaluation passes it; training
    passes it only when the user asked for it, e.g. few-shot fine-tuning on a few real screens)."""
    if not specs:
        raise ConfigError("give at least one dataset directory (a render output, a version or a root of versions)")
    sources = []
    for spec in specs:
        path, weight = parse_spec(spec)
        try:
            ds = open_dataset(path)
        except NotADataset as e:
            raise ConfigError(str(e)) from None
        marked = is_evaluation_only(ds.parts)
        if marked and not allow_evaluation_only:
            raise ConfigError(f"{path} is an evaluation-only set (real-world development set): it is never trained "
                              f"on; evaluate on it with `factory evaluate CKPT --split real {path}`, or pass "
                              f"--allow-evaluation-only to train on it on purpose (few-shot on a few of its screens)")
        tars = [str(t) for part in ds.parts for t in part.tars]
        missing = [t for t in tars if not Path(t).is_file()]
        if missing:
            raise ConfigError(f"{path}: {len(missing)} shard(s) listed in its manifest are missing, e.g. {missing[0]}; "
                              f"re-run the render (it resumes) or `dvc pull`")
        if not tars:
            raise ConfigError(f"{path} has no finished shards; render some samples first")
        samples = sum(s.get("samples", 0) for part in ds.parts for s in part.manifest["shards"])
        sources.append(Source(path.name or str(path), weight, tuple(tars), samples, str(path), marked))
    return sources


def describe(sources: list[Source], specs: list[str] | tuple[str, ...]) -> list[dict]:
    """What a run trained on, for its config.json: each source as given, its weight, samples and shards."""
    return [{"source": spec, "weight": s.weight, "samples": s.samples, "shards": len(s.tars),
             **({"evaluation_only": True} if s.evaluation_only else {})}
            for spec, s in zip(specs, sources, strict=True)]
