"""The only source of randomness: seed_i = f(base_seed, index, attempt), passed down as explicit RNGs."""

from __future__ import annotations

import hashlib
import random


def derive_seed(*parts: object) -> int:
    """A 63-bit seed from any parts (their str, joined by ':'): the same parts always give the same seed."""
    digest = hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def sample_seed(base_seed: int, index: int, attempt: int = 0, stream: str = "") -> int:
    """A 63-bit seed for sample `index`, independent of worker count and rendering order. A named `stream` (a
    dataset part's name) gives the part samples of its own: without one, every style at one base seed draws the
    same layouts in its own look."""
    if stream:
        return derive_seed(base_seed, stream, index, attempt)
    return derive_seed(base_seed, index, attempt)


def rng_for(seed: int, stream: str) -> random.Random:
    """A private RNG for one purpose (grammar, style factors, content...) of one sample."""
    digest = hashlib.blake2b(f"{seed}:{stream}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def sample_key(prefix: str, index: int) -> str:
    """Deterministic WebDataset key: no dots, short, sortable."""
    key = f"{prefix}_{index:09d}"
    assert "." not in key and len(key) <= 64, key
    return key
