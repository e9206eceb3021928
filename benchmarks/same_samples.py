"""Whether two renders hold the same samples: every image byte-identical and every sample's JSON equal with its
`renderer_version` set aside (a kits or browser update stamps a new version on the same pixels and labels).

Used to show that an A/B arm drew exactly what an earlier run drew, so that its models can stand for a retrain
(benchmarks/README.md, "Words set apart in paragraphs"). Exit 0 when every sample matches, 1 otherwise.

    .venv/bin/python benchmarks/same_samples.py /tmp/ila/train-links/web-material /tmp/marks/train-control/web-material
"""

from __future__ import annotations

import hashlib
import json
import sys
import tarfile
from pathlib import Path

IMAGES = (".png", ".webp", ".jpg")


def _plain(obj):
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items() if k != "renderer_version"}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def digests(dataset: Path) -> dict[str, str]:
    """Tar member name -> digest of its bytes (an image) or of its JSON without renderer_version."""
    out = {}
    shards = sorted((dataset / "shards").glob("*.tar"))
    if not shards:
        raise SystemExit(f"{dataset}: no shards/*.tar (a render's output directory?)")
    for shard in shards:
        with tarfile.open(shard) as tf:
            for m in tf.getmembers():
                if not m.isfile():
                    continue
                data = tf.extractfile(m).read()
                if m.name.endswith(".json"):
                    data = json.dumps(_plain(json.loads(data)), sort_keys=True).encode()
                elif not m.name.endswith(IMAGES):
                    continue
                out[m.name] = hashlib.sha256(data).hexdigest()
    return out


def main(a: Path, b: Path) -> int:
    da, db = digests(a), digests(b)
    differ = sorted(k for k in da.keys() & db.keys() if da[k] != db[k])
    only = sorted(da.keys() ^ db.keys())
    for kind in (IMAGES, (".json",)):
        names = [k for k in da.keys() | db.keys() if k.endswith(kind)]
        same = sum(1 for k in names if da.get(k) == db.get(k))
        print(f"{'images' if kind == IMAGES else 'labels'}: {same} of {len(names)} identical")
    for k in (differ + only)[:10]:
        print(f"  differs: {k}" if k in differ else f"  in one only: {k}")
    return 1 if differ or only else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
