"""The only source of randomness: seed_i = f(base_seed, index, attempt), passed down as explicit RNGs."""

from __future__ import annotations

import hashlib
import random


def sample_seed(base_seed: int, index: int, attempt: int = 0) -> int:
    """A 63-bit seed for sample `index`, independent of worker count and rendering order."""
    digest = hashlib.blake2b(f"{base_seed}:{index}:{attempt}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def rng_for(seed: int, stream: str) -> random.Random:
    """A private RNG for one purpose (grammar, style factors, content...) of one sample."""
    digest = hashlib.blake2b(f"{seed}:{stream}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))


def sample_key(prefix: str, index: int) -> str:
    """Deterministic WebDataset key: no dots, short, sortable."""
    key = f"{prefix}_{index:09d}"
    assert "." not in key and len(key) <= 64, key
    return key
