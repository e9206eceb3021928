"""How different a dataset's screens are, per (renderer, style, family) and rolled up per style, per family
and overall: `factory stats DATASET --diversity`.

Per row:
- phash: mean pairwise Hamming distance / 64 of the screens' 64-bit DCT perceptual hashes (0 = identical
  screens, about 0.5 = unrelated ones);
- colourfulness (Hasler and Suesstrunk 2003) and the entropy (bits) of the hue histogram of the coloured
  pixels: mean and spread over screens;
- elements per screen (mean, spread) and the entropy (bits) of the element classes;
- layout: mean pairwise Jaccard distance of the screens' occupancy grids (16x10 cells, a cell marked when a
  leaf element's box covers part of it).

Counts, elements per screen and class entropy come from the Parquet tables (DuckDB) over every screen. The
image and layout measures are taken on at most `max_screens` screens per row: per (renderer, style, family)
group a seeded sample (ordered by md5 of seed/version/key, so independent of shard order and worker count);
a rolled-up row pools its groups' sampled screens and draws a seeded sample of that pool when it is larger.
Images are read from the shards by the safe tar reader (factory.tario), only those sampled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from factory.core.dataset import Dataset
from factory.core.errors import DataError
from factory.core.seeding import rng_for

MAX_SCREENS = 200  # all pairs up to this many screens per row; a seeded sample above
GRID = (16, 10)  # occupancy grid: columns, rows
HUE_BINS = 12  # 30 degrees each
CHROMA_MIN = 0.2  # saturation and value (0..1) above which a pixel counts as coloured for the hue histogram
ALL = "all"


@dataclass(frozen=True)
class Diversity:
    """One row: a (renderer, style, family) group, or a roll-up with `all` in the rolled-up fields. None where
    a measure needs two screens (pairwise) or has no screen to measure."""

    renderer: str
    style: str
    family: str
    screens: int  # every screen of the row (the tables)
    sampled: int  # screens whose image and layout were measured
    phash: float | None
    colourfulness: float | None
    colourfulness_std: float | None
    hue_entropy: float | None
    hue_entropy_std: float | None
    elements: float
    elements_std: float
    class_entropy: float
    layout: float | None


# --- measures of one screen -----------------------------------------------------------------------------------

def phash_bits(grey: np.ndarray) -> np.ndarray:
    """64 bools: the DCT perceptual hash of a greyscale image (the `imagehash` recipe: resized to 32x32, here
    by area averaging, 2-D DCT-II, the top-left 8x8 coefficients against their median)."""
    import cv2
    from scipy.fft import dct

    small = cv2.resize(np.ascontiguousarray(grey, dtype=np.uint8), (32, 32), interpolation=cv2.INTER_AREA)
    low = dct(dct(small.astype(np.float64), axis=0), axis=1)[:8, :8]
    return (low > np.median(low)).ravel()


def colourfulness(rgb: np.ndarray) -> float:
    """Hasler and Suesstrunk's colourfulness of an HxWx3 RGB image (0..255): 0 for grey, ~100+ for vivid."""
    import cv2

    a = np.asarray(rgb).astype(np.int16)
    rg = a[..., 0] - a[..., 1]
    yb2 = a[..., 0] + a[..., 1] - 2 * a[..., 2]  # twice yb = (r + g) / 2 - b, exact in integers
    (m_rg,), (s_rg,) = (v.ravel() for v in cv2.meanStdDev(rg))  # population std, in one SIMD pass
    (m_yb,), (s_yb,) = (v.ravel() / 2 for v in cv2.meanStdDev(yb2))
    return float(math.hypot(s_rg, s_yb) + 0.3 * math.hypot(m_rg, m_yb))


def hue_entropy(rgb: np.ndarray, bins: int = HUE_BINS) -> float:
    """Entropy (bits) of the hue histogram of the coloured pixels (saturation and value over CHROMA_MIN);
    0 for a screen without colour, log2(bins) when every hue is equally present."""
    import cv2

    hsv = cv2.cvtColor(np.ascontiguousarray(rgb, dtype=np.uint8), cv2.COLOR_RGB2HSV)  # H 0..179, S, V 0..255
    coloured = (hsv[..., 1] > CHROMA_MIN * 255) & (hsv[..., 2] > CHROMA_MIN * 255)
    counts = np.bincount(hsv[..., 0][coloured].astype(np.int64) * bins // 180, minlength=bins)
    return entropy_bits(counts)


def occupancy(boxes: np.ndarray, width: int, height: int, grid: tuple[int, int] = GRID) -> np.ndarray:
    """Bools of rows*cols cells (row-major): a cell is marked when a box (x, y, w, h in pixels) covers part of it."""
    cols, rows = grid
    out = np.zeros((rows, cols), dtype=bool)
    if len(boxes):
        b = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
        c0 = np.floor(b[:, 0] * cols / width)
        c1 = np.ceil((b[:, 0] + b[:, 2]) * cols / width) - 1  # the last cell the box reaches into
        r0 = np.floor(b[:, 1] * rows / height)
        r1 = np.ceil((b[:, 1] + b[:, 3]) * rows / height) - 1
        cc, rr = np.arange(cols), np.arange(rows)
        col_in = (cc >= c0[:, None]) & (cc <= c1[:, None])  # boxes x cols
        row_in = (rr >= r0[:, None]) & (rr <= r1[:, None])  # boxes x rows
        out = (row_in[:, :, None] & col_in[:, None, :]).any(axis=0)
    return out.ravel()


def entropy_bits(counts) -> float:
    """Shannon entropy in bits; the counts are sorted first, so the sum does not depend on their order."""
    c = np.sort(np.asarray(counts, dtype=np.float64))
    p = c[c > 0] / c.sum() if c.sum() > 0 else c[:0]
    return float(-(p * np.log2(p)).sum()) + 0.0  # + 0.0: no -0.0


# --- pairwise distances over a set of screens -----------------------------------------------------------------

def _upper_mean(d: np.ndarray) -> float | None:
    n = len(d)
    return None if n < 2 else float(d[np.triu_indices(n, 1)].mean())


def mean_hamming(bits: np.ndarray) -> float | None:
    """Mean pairwise Hamming distance / number of bits of n x k bools; None for fewer than 2 rows."""
    a = np.asarray(bits, dtype=np.float64)
    return _upper_mean((a @ (1 - a).T + (1 - a) @ a.T) / max(1, a.shape[1]))


def mean_jaccard(grids: np.ndarray) -> float | None:
    """Mean pairwise Jaccard distance of n x k bools (two empty sets: distance 0); None for fewer than 2 rows."""
    a = np.asarray(grids, dtype=np.float64)
    inter = a @ a.T
    size = a.sum(axis=1)
    union = size[:, None] + size[None, :] - inter
    return _upper_mean(np.where(union > 0, 1 - inter / np.maximum(union, 1), 0.0))


# --- the dataset ------------------------------------------------------------------------------------------------

CHOSEN = """
    CREATE OR REPLACE TEMP TABLE div_chosen AS
    SELECT version, key, shard, renderer, style, grammar, width, height FROM (
        SELECT *, row_number() OVER (PARTITION BY renderer, style, grammar
                                     ORDER BY md5(concat('{seed}/', version, '/', key)), version, key) AS r
        FROM samples) WHERE r <= {n}"""
SETS = ("GROUPING SETS ((renderer, style, grammar{x}), (renderer, style{x}), (renderer, grammar{x}), (renderer{x}), "
        "({y}))")
ROWS = """
    SELECT renderer, style, grammar, grouping(renderer, style, grammar) AS level, count(*) AS screens,
           avg(n_elements) AS elements, coalesce(stddev_pop(n_elements), 0) AS elements_std
    FROM samples GROUP BY {sets}"""
CLASSES = """
    SELECT renderer, style, grammar, grouping(renderer, style, grammar) AS level, class_id, count(*) AS n
    FROM elements GROUP BY {sets}"""
# The boxes of the sampled screens' leaf elements (no child on the same screen): containers would mark every cell.
LEAVES = """
    WITH e AS (SELECT version, key, id, parent, x, y, w, h FROM elements SEMI JOIN div_chosen USING (version, key))
    SELECT version, key, x, y, w, h FROM e AS a
    WHERE NOT EXISTS (SELECT 1 FROM e AS b WHERE b.version = a.version AND b.key = a.key AND b.parent = a.id)
    ORDER BY version, key"""


def _name(row: tuple, level: int) -> tuple[str, str, str]:
    """(renderer, style, family) with ALL in the rolled-up fields (grouping() bits: renderer 4, style 2, grammar 1)."""
    return tuple(ALL if level & bit else str(v) for v, bit in zip(row[:3], (4, 2, 1)))


def _covers(name: tuple[str, str, str], group: tuple[str, str, str]) -> bool:
    return all(n == ALL or n == v for n, v in zip(name, group))


def compute(ds: Dataset, con, max_screens: int = MAX_SCREENS, seed: int = 0,
            progress: Callable[[int, int], None] | None = None) -> list[Diversity]:
    """The rows for `ds` (con: factory.query.connect's views), groups first, then the roll-ups, `all` last.

    DataError when the dataset has no screens or a sampled screen's image is missing from its shard."""
    import duckdb

    try:
        con.execute(CHOSEN.format(seed=int(seed), n=int(max_screens)))
        chosen = con.execute("SELECT version, key, shard, renderer, style, grammar, width, height FROM div_chosen "
                             "ORDER BY renderer, style, grammar, version, key").fetchall()
        totals = con.execute(ROWS.format(sets=SETS.format(x="", y=""))).fetchall()
        classes = con.execute(CLASSES.format(sets=SETS.format(x=", class_id", y="class_id"))).fetchall()
        leaves = con.execute(LEAVES).fetchnumpy()
    except duckdb.Error as e:
        raise DataError(f"{ds.root}: reading the tables failed ({str(e).splitlines()[0][:200]}); "
                        f"`factory verify {ds.root}` lists every fault") from None
    if not chosen:
        raise DataError(f"{ds.root} has no screens to measure (every sample was dropped?); render some with "
                        f"`factory render`")
    screens = {(v, k): (r, s, g, w, h) for v, k, _, r, s, g, w, h in chosen}
    grids = _grids(leaves, screens)
    measures = dict(_measure_images(ds, chosen, progress))
    class_counts: dict[tuple, dict[int, int]] = {}
    for row in classes:
        class_counts.setdefault(_name(row, row[3]), {})[row[4]] = row[5]
    groups = {name for name, level in ((_name(r, r[3]), r[3]) for r in totals) if level == 0}
    by_group: dict[tuple, list[tuple]] = {}
    for k, (r, s, g, _, _) in screens.items():
        by_group.setdefault((r, s, g), []).append(k)
    out, seen = [], set()
    for row in sorted(totals, key=lambda r: (r[3] == 7, r[3], *(str(v) for v in r[:3]))):
        name, level = _name(row, row[3]), row[3]
        members = frozenset(g for g in groups if _covers(name, g))
        # A roll-up holding the same groups as a row before it, or as the `all` row, would repeat that row.
        if level not in (0, 7) and (members in seen or members == groups):
            continue
        seen.add(members)
        pool = [k for g in sorted(members) for k in by_group.get(g, [])]
        if len(pool) > max_screens:
            picked = rng_for(seed, "diversity/" + "/".join(name)).sample(range(len(pool)), max_screens)
            pool = [pool[i] for i in sorted(picked)]
        out.append(_row(name, row[4], row[5], row[6], class_counts.get(name, {}), pool, measures, grids))
    return out


def _row(name, n_screens, elements, elements_std, classes, pool, measures, grids) -> Diversity:
    colour = np.array([measures[k][1:] for k in pool]) if pool else np.zeros((0, 2))
    mean = lambda i: float(colour[:, i].mean()) if len(colour) else None  # noqa: E731
    std = lambda i: float(colour[:, i].std()) if len(colour) else None  # noqa: E731
    return Diversity(
        *name, screens=int(n_screens), sampled=len(pool),
        phash=mean_hamming(np.array([measures[k][0] for k in pool])) if pool else None,
        colourfulness=mean(0), colourfulness_std=std(0), hue_entropy=mean(1), hue_entropy_std=std(1),
        elements=float(elements), elements_std=float(elements_std), class_entropy=entropy_bits(list(classes.values())),
        layout=mean_jaccard(np.array([grids[k] for k in pool])) if pool else None)


def _grids(leaves: dict, screens: dict) -> dict[tuple, np.ndarray]:
    """(version, key) -> occupancy grid of its leaf boxes, for every sampled screen (empty grid without leaves)."""
    out = {k: occupancy(np.zeros((0, 4)), w, h) for k, (_, _, _, w, h) in screens.items()}
    ids = list(zip(leaves["version"], leaves["key"]))
    boxes = np.stack([leaves[c] for c in ("x", "y", "w", "h")], axis=1) if ids else np.zeros((0, 4))
    start = 0
    for i in range(1, len(ids) + 1):  # rows are sorted by screen: one slice per screen
        if i == len(ids) or ids[i] != ids[start]:
            _, _, _, w, h = screens[ids[start]]
            out[ids[start]] = occupancy(boxes[start:i], w, h)
            start = i
    return out


def _measure_images(ds: Dataset, chosen: list[tuple], progress) -> Iterator[tuple[tuple, tuple]]:
    """((version, key), (phash bits, colourfulness, hue entropy)) per sampled screen, read shard by shard."""
    from factory.tario import FaultPolicy, SampleFault, decode_sample, tar_groups

    wanted: dict[tuple[str, str], set[str]] = {}
    for v, k, shard, *_ in chosen:
        wanted.setdefault((v, shard), set()).add(k)
    on_fault, done, total = FaultPolicy(ds.root), 0, len(chosen)
    for part in ds.parts:
        for shard in part.manifest["shards"]:
            keys = wanted.pop((part.version, shard["name"]), set())
            if not keys:
                continue
            tar = part.shard_files(shard)[0]
            file = tar.relative_to(ds.root).as_posix() if tar.is_relative_to(ds.root) else str(tar)
            for key, members in tar_groups(tar, file, on_fault):
                if key not in keys:
                    continue
                try:
                    img = decode_sample(file, key, members).load_image()
                except SampleFault as f:
                    on_fault(f)  # raises: the first fault stops the reading with one message
                    continue
                keys.discard(key)
                rgb = np.asarray(img.convert("RGB"))
                yield (part.version, key), (phash_bits(_grey(rgb)), colourfulness(rgb), hue_entropy(rgb))
                done += 1
                if progress:
                    progress(done, total)
            if keys:
                raise DataError(f"{file}: sample {sorted(keys)[0]} is in the tables but not in the shard; "
                                f"`factory verify {ds.root}` lists every fault")
    if wanted:
        (v, shard), keys = next(iter(wanted.items()))
        raise DataError(f"{ds.root}: sample {sorted(keys)[0]} names shard {shard}, which no manifest lists; "
                        f"`factory verify {ds.root}` lists every fault")



def _grey(rgb: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2GRAY)
