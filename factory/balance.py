"""Class balancing at the source (`render.balance`, `factory render --balance N`): steer which screens are drawn
so that every class the renderer can draw reaches a floor of N instances per 1,000 screens.

How. Sample i draws K candidate layouts: candidate 0 is the layout it has without balancing, candidate k > 0
comes from a seed derived from the sample's own seed, so all K are independent draws of the unbalanced
distribution. It keeps one of them, candidate k with probability proportional to exp(sum_c lambda_c * n_kc)
(n_kc: instances of class c in candidate k), drawn with the sample's own RNG. This is sampling-importance-
resampling towards the exponentially tilted distribution p(x) * exp(lambda . n(x)), which is the distribution
closest to the unbalanced one (least KL divergence) whose expected class counts are the targets: classes
under the floor get lambda_c > 0, every other class keeps lambda_c = 0 and changes only as much as it goes
together with the steered ones. With K finite the tilt is approximate; a large lambda tends to "keep the
candidate with most of c".

Calibration: the lambdas of a configuration are found once, on cheap layouts only (no renderer): K candidates
for each of a fixed set of calibration screens; a few dozen rounds of dual ascent raise lambda_c while the
expected count of c (an exact expectation over the resampling) is under the floor and lower it towards 0
while it is above; the round that covers the floors best with the least tilt wins. A second, held-out set of
calibration screens then measures the result: expected instances per 1,000 screens before and after, per
class, and the grammar shares. A floor that K candidates cannot reach is reported (warning and manifest),
never faked; classes the renderer/style never draws are listed as such.

Why not grammar weights alone: the rarest classes (a crosshair, a date picker) are rare *inside* the one
grammar that draws them, so no mix of grammars reaches their floor. Resampling candidates steers the grammar
mix (each candidate draws its grammar) and the rules inside a grammar at once; the manifest records the
grammar shares before and after, so the shift of the mix is visible.

Determinism: lambda_c is an integer number of 1/32 doublings, so exp(lambda . n) = 2^(L/32) with an integer L,
computed from a table built by square roots and products (IEEE correctly rounded operations, never libm's
exp/pow) and exact ldexp; calibration uses only +, -, *, /, min/max and iterates in taxonomy order. So a
configuration's steering is the same in every process and on every machine, and sample i remains a function
of (configuration, i): parallel and resumed runs stay bit-identical.

Counts are layout-level: a renderer may clip or hide some nodes, so rendered counts run somewhat lower (the
manifest's counts.classes holds the rendered ones).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence, TypeVar

from factory.core.layout import Layout
from factory.core.seeding import rng_for
from factory.core.taxonomy import CLASS_ID, CLASSES

T = TypeVar("T")
Counts = tuple[int, ...]  # instances per class, in taxonomy order

CALIBRATION_SCREENS = 256  # tuning set; as many again, held out, measure the result
ROUNDS = 48  # dual-ascent rounds on the tuning set (cached counts: no layout is drawn again)
TUNE_MARGIN = 1.25  # tune for 25% above the floor: the held-out estimate then lands on or above it (measured)
STEPS_PER_DOUBLING = 32  # lambda_c is an integer number of these: exp(lambda) = 2 ** (steps / 32)
MAX_STEP = 16  # a round moves lambda_c by at most half a doubling
MAX_LAMBDA = 10 * STEPS_PER_DOUBLING  # at most 2**10 per instance: an unreachable floor stops growing there


def _fraction_table() -> tuple[float, ...]:
    """2 ** (-r / 32) for r = 0..31 from square roots, products and divisions (all correctly rounded in IEEE)."""
    root = 2.0
    for _ in range(5):
        root = math.sqrt(root)
    table, x = [], 1.0
    for _ in range(STEPS_PER_DOUBLING):
        table.append(1.0 / x)
        x *= root
    return tuple(table)


_FRACTIONS = _fraction_table()


def class_counts(layout: Layout) -> Counts:
    """Instances of each class in a layout (structural roles are not classes)."""
    counts = [0] * len(CLASSES)
    for node, _ in layout.nodes():
        cid = CLASS_ID.get(node.role)
        if cid is not None:
            counts[cid] += 1
    return tuple(counts)


def _hash_seed(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") >> 1


def candidate_seed(seed: int, k: int) -> int:
    """The seed of candidate k of a sample whose own seed is `seed`; candidate 0 is the sample's own draw."""
    return seed if k == 0 else _hash_seed(f"{seed}:balance:{k}")


def calibration_seed(j: int) -> int:
    """Calibration screen j. Independent of the render seed: a configuration's training and validation renders
    (different seeds) are steered by the same lambdas, so they stay draws of one distribution."""
    return _hash_seed(f"balance-calibration:{j}")


def tilt(lambdas: Sequence[int], candidates: Sequence[Counts]) -> list[float]:
    """Unnormalised resampling weights 2 ** (L_k / 32), L_k = sum_c lambda_c * n_kc, scaled so the largest is 1."""
    steered = [(i, lam) for i, lam in enumerate(lambdas) if lam]
    logs = [sum(lam * counts[i] for i, lam in steered) for counts in candidates]
    top = max(logs)
    return [math.ldexp(_FRACTIONS[(top - log) % STEPS_PER_DOUBLING], -((top - log) // STEPS_PER_DOUBLING))
            for log in logs]


def resample(weights: Sequence[float], u: float) -> int:
    """The candidate that u in [0, 1) selects, each with probability weight / sum(weights)."""
    x = u * sum(weights)
    for k, w in enumerate(weights):
        if x < w:
            return k
        x -= w
    return max(k for k, w in enumerate(weights) if w > 0)  # u * total rounded up past the last bucket


@dataclass(frozen=True)
class Steering:
    """A configuration's calibrated steering and what it is expected to do (per class, taxonomy order)."""

    floor: int  # instances per class per 1,000 screens
    candidates: int  # layouts drawn per sample
    lambdas: tuple[int, ...]  # tilt per class instance, in 1/32 doublings; 0: class not steered
    screens: int  # held-out calibration screens behind `before` and `after`
    before: tuple[float, ...]  # instances on those screens without balancing (candidate 0)
    after: tuple[float, ...]  # expected instances on those screens with balancing
    drawn: tuple[bool, ...]  # the renderer/style/grammars draw the class at all (in some calibration candidate)
    grammars_before: tuple[tuple[str, float], ...]  # screens per grammar, without and with balancing (expected)
    grammars_after: tuple[tuple[str, float], ...]

    @property
    def active(self) -> bool:
        return any(self.lambdas)

    def pick(self, seed: int, draw: Callable[[int], tuple[Layout, T]]) -> tuple[int, Layout, T]:
        """(seed, layout, extra) of the candidate kept for the sample whose own seed is `seed`."""
        first = (seed, *draw(seed))
        if not self.active:  # nothing to steer: the unbalanced draw, without drawing the others
            return first
        drawn = [first] + [(s, *draw(s)) for s in (candidate_seed(seed, k) for k in range(1, self.candidates))]
        weights = tilt(self.lambdas, [class_counts(d[1]) for d in drawn])
        return drawn[resample(weights, rng_for(seed, "balance").random())]

    def per_1000(self, counts: Sequence[float]) -> dict[str, float]:
        return {c: round(n * 1000 / self.screens, 1) for c, n, ok in zip(CLASSES, counts, self.drawn) if ok}

    @property
    def never_drawn(self) -> list[str]:
        return [c for c, ok in zip(CLASSES, self.drawn) if not ok]

    @property
    def short(self) -> list[str]:
        """Classes drawn at all whose expected count stays under the floor (held-out calibration screens)."""
        return [c for c, n, ok in zip(CLASSES, self.after, self.drawn) if ok and n * 1000 < self.floor * self.screens]

    def to_manifest(self) -> dict:
        """The manifest's `balance` record: setting, derived tilts, expectations (layout level)."""
        after = self.per_1000(self.after)
        share = lambda g: {name: round(n / self.screens, 4) for name, n in g}  # noqa: E731
        return {
            "floor_per_1000": self.floor, "candidates": self.candidates,
            "layouts_per_sample": self.candidates if self.active else 1,
            "lambda_steps": {c: lam for c, lam in zip(CLASSES, self.lambdas) if lam},
            "lambda_unit": f"1/{STEPS_PER_DOUBLING} doubling of a candidate's weight per instance",
            "calibration_screens": self.screens,
            "expected_per_1000_before": self.per_1000(self.before), "expected_per_1000_after": after,
            "grammar_share_before": share(self.grammars_before), "grammar_share_after": share(self.grammars_after),
            "below_floor": {c: after[c] for c in self.short}, "never_drawn": self.never_drawn,
            "note": "expected counts are layout-level, on held-out calibration screens; rendered counts "
                    "(counts.classes) run lower where a renderer clips or hides nodes",
        }

    def notes(self, what: str) -> list[str]:
        """Lines for the user: classes `what` (e.g. 'game/pixel') never draws, floors it cannot reach."""
        steered = [c for c, lam in zip(CLASSES, self.lambdas) if lam]
        lines = [f"balance: floor {self.floor:,} per 1,000 screens; "
                 + (f"{self.candidates} layouts drawn per sample, steering {', '.join(steered)}" if steered
                    else "every class already reaches it: nothing steered")]
        if self.never_drawn:
            lines.append(f"balance: {what} never draws {', '.join(self.never_drawn)} (not balanced)")
        if self.short:
            after = self.per_1000(self.after)
            lines.append(f"warning: balance floor {self.floor:,} per 1,000 screens is not reached for "
                         + ", ".join(f"{c} ({after[c]:,.0f} expected)" for c in self.short)
                         + "; more --balance-candidates reach further")
        return lines


# --- calibration ----------------------------------------------------------------------------------------------

Row = list[tuple[str, Counts]]  # (grammar, counts) of each candidate of one calibration screen


def _table(draw: Callable[[int], Layout], first: int, n: int, k: int) -> list[Row]:
    table = []
    for j in range(first, first + n):
        seed = calibration_seed(j)
        row = []
        for c in range(k):
            layout = draw(candidate_seed(seed, c))
            row.append((layout.grammar, class_counts(layout)))
        table.append(row)
    return table


@lru_cache(maxsize=1 << 16)
def _nonzero(counts: Counts) -> tuple[tuple[int, int], ...]:
    return tuple((i, n) for i, n in enumerate(counts) if n)


def _drawn(table: list[Row]) -> list[bool]:
    return [any(counts[i] for row in table for _, counts in row) for i in range(len(CLASSES))]


def _expected(table: list[Row], lambdas: Sequence[int]) -> tuple[list[float], Counter]:
    """Expected class instances and grammar screens over `table` when each screen resamples its candidates."""
    totals, grammars = [0.0] * len(CLASSES), Counter()
    for row in table:
        if any(lambdas):
            weights = tilt(lambdas, [counts for _, counts in row])
            total = sum(weights)
            probs = [w / total for w in weights]
        else:
            probs = [1.0] + [0.0] * (len(row) - 1)  # off: candidate 0, as in Steering.pick
        for p, (grammar, counts) in zip(probs, row):
            if p:
                grammars[grammar] += p
                for i, n in _nonzero(counts):
                    totals[i] += p * n
    return totals, grammars


def _tune(table: list[Row], floor: int, drawn: Sequence[bool]) -> tuple[int, ...]:
    """Integer lambdas that bring the tuning screens' classes to the floor with the least tilt (dual ascent)."""
    goal = floor * len(table) * TUNE_MARGIN / 1000  # instances wanted over the tuning screens
    lambdas = [0] * len(CLASSES)
    best, best_key = tuple(lambdas), None
    for _ in range(ROUNDS):
        after, _ = _expected(table, lambdas)
        coverage = round(sum(min(a / goal, 1.0) for a, ok in zip(after, drawn) if ok), 3)
        key = (coverage, -sum(lambdas))  # cover the floors best, then tilt the least
        if best_key is None or key > best_key:
            best, best_key = tuple(lambdas), key
        for i, (a, ok) in enumerate(zip(after, drawn)):
            if ok and (a < goal or lambdas[i] > 0):  # raise under the floor; above it, ease off towards 0
                step = max(-MAX_STEP, min(MAX_STEP, round(MAX_STEP * (goal - a) / goal)))
                lambdas[i] = max(0, min(MAX_LAMBDA, lambdas[i] + (step or (1 if a < goal else -1))))
    return best


def calibrate(draw: Callable[[int], Layout], floor: int, candidates: int,
              screens: int = CALIBRATION_SCREENS) -> Steering:
    """The steering for `floor` instances per class per 1,000 screens with `candidates` layouts drawn per sample.

    `draw(seed)` is the unsteered layout of a seed for the configuration being balanced."""
    tune = _table(draw, 0, screens, candidates)
    check = _table(draw, screens, screens, candidates)  # held out: the estimate is not the tuning's own fit
    drawn = _drawn(tune + check)
    lambdas = _tune(tune, floor, drawn)
    before, grammars_before = _expected(check, [0] * len(CLASSES))
    after, grammars_after = _expected(check, lambdas)
    return Steering(floor=floor, candidates=candidates, lambdas=lambdas, screens=screens, before=tuple(before),
                    after=tuple(after), drawn=tuple(drawn), grammars_before=tuple(sorted(grammars_before.items())),
                    grammars_after=tuple(sorted(grammars_after.items())))
