"""Shard tars are written with the standard library (factory.shards.TarMembers), not webdataset's TarWriter,
so that a render process never imports torch. The bytes must stay exactly what webdataset writes: readers,
manifests' hashes and the datasets already made depend on them."""

import io
import subprocess
import sys

import webdataset as wds

from factory.shards import TarMembers

SAMPLES = [
    ("web_material-000000-00000", {"png": b"\x89PNG fake pixels" * 50, "json": '{"elements": ["é", 1]}',
                                   "ui": b"<html></html>"}),
    ("web_material-000000-00001", {"webp": bytes(range(256)) * 3, "json": "{}", "a11y.json": b"[]"}),
    ("k" * 120, {"json": ""}),  # a name over 100 characters: a pax path record
]


def ours() -> bytes:
    stream = io.BytesIO()
    tar = TarMembers(stream)
    for key, members in SAMPLES:
        tar.write(key, members)
    tar.close()
    return stream.getvalue()


def webdatasets() -> bytes:
    stream = io.BytesIO()
    tar = wds.TarWriter(stream, user="gui-factory", group="gui-factory", mode=0o444, mtime=0.0, encoder=False)
    for key, members in SAMPLES:
        tar.write({"__key__": key, **{k: v.encode() if isinstance(v, str) else v for k, v in members.items()}})
    tar.close()
    return stream.getvalue()


def test_tar_bytes_equal_webdatasets_tarwriter():
    assert ours() == webdatasets()


def test_webdataset_reads_the_samples_back(tmp_path):
    path = tmp_path / "s.tar"
    path.write_bytes(ours())
    got = [(s["__key__"], {k: v for k, v in s.items() if not k.startswith("__")}) for s in wds.WebDataset(
        str(path), shardshuffle=False)]
    assert [k for k, _ in got] == [k for k, _ in SAMPLES]
    assert got[1][1]["webp"] == SAMPLES[1][1]["webp"] and got[0][1]["json"] == SAMPLES[0][1]["json"].encode()


def test_writing_shards_does_not_import_torch():
    code = "import sys, factory.shards; print('torch' in sys.modules, 'webdataset' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
