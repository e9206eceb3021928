"""`factory render` does no harm (issue 11): it never deletes a file it did not write, one render writes a
directory at a time, absurd counts and numbers are refused before any work, and a full disk is one message
that loses no finished shard. Renders use the game renderer (a few seconds each); refusals run in-process."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory.cli import main
from tests.conftest import FACTORY, ROOT, run_factory, snapshot

pytestmark = pytest.mark.game
GAME = ("render", "--renderer", "game", "--style", "pixel", "--shard-size", "2", "--workers", "1")


def cli(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def one_error(output: str) -> None:
    assert output.count("Error:") == 1, output
    assert "Traceback" not in output and "Exception ignored" not in output, output


@pytest.fixture
def no_rendering(monkeypatch):
    """Rendering must not start: refusals happen before any work."""
    def refuse(*a, **k):
        raise AssertionError("rendering started")

    monkeypatch.setattr("factory.pipeline.render_shards", refuse)


@pytest.fixture
def no_job(monkeypatch):
    """The job must not start at all (not even planning: an absurd plan is refused before)."""
    def refuse(*a, **k):
        raise AssertionError("the render job started")

    monkeypatch.setattr("factory.pipeline.run", refuse)


@pytest.fixture(scope="module")
def finished(tmp_path_factory) -> Path:
    """A finished 4-sample dataset in 2 shards (seed 0); tests copy it."""
    out = tmp_path_factory.mktemp("finished") / "game"
    res = cli(*GAME, "--count", "4", "--out", out)
    assert res.exit_code == 0, res.output
    return out


def copy_of(finished: Path, dst: Path) -> Path:
    shutil.copytree(finished, dst, symlinks=True)
    return dst


def run_record(out: Path) -> dict:
    return json.loads(out.with_name(out.name + ".run.json").read_text())


# --- item 3: user files are never deleted -----------------------------------------------------------------

FOREIGN_DIRS = st.sampled_from(["", "sub/", "shards/", "tables/samples/", ".parts/", "deep/er/"])
FOREIGN_NAMES = st.builds(lambda stem, ext: f"user{stem}{ext}", st.text("abc_ -.", max_size=8),
                          st.sampled_from([".tmp", ".tar.tmp", ".txt", ".tar", ".parquet", ".json", ""]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=FOREIGN_DIRS, name=FOREIGN_NAMES, kind=st.sampled_from(["file", "symlink", "dir"]),
       with_dataset=st.booleans())
def test_foreign_files_in_out_are_refused_and_untouched(tmp_path_factory, finished, no_rendering, where, name, kind,
                                                        with_dataset):
    base = tmp_path_factory.mktemp("foreign")
    out = copy_of(finished, base / "out") if with_dataset else base / "out"
    target = out / where / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "file":
        target.write_text("the user's own file")
    elif kind == "symlink":
        target.symlink_to(base)
    else:
        target.mkdir()
    before = snapshot(base)
    res = cli(*GAME, "--count", "4", "--out", out)
    assert res.exit_code == 2, res.output
    one_error(res.output)
    unknown_dir = where.split("/")[0] + "/" if where in ("sub/", "deep/er/") else None
    assert "not part of a factory dataset" in res.output
    assert (unknown_dir or where + name + ("/" if kind == "dir" else "")) in res.output
    assert snapshot(base) == before, "nothing created, changed or deleted"


def test_scratch_with_out_holding_foreign_files_is_refused_and_untouched(tmp_path, finished, no_rendering):
    out = copy_of(finished, tmp_path / "out")
    (out / "thesis.tex").write_text("years of work")
    before = snapshot(tmp_path)
    res = cli(*GAME, "--count", "4", "--out", out, "--scratch", tmp_path / "scratch")
    assert res.exit_code == 2, res.output
    one_error(res.output)
    assert "thesis.tex" in res.output
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("scratch", ["out", "out/inner", "."])
def test_scratch_and_out_must_not_overlap(tmp_path, no_rendering, scratch):
    res = cli(*GAME, "--count", "4", "--out", tmp_path / "out", "--scratch", tmp_path / scratch)
    assert res.exit_code == 2, res.output
    one_error(res.output)
    assert "overlap" in res.output
    assert not (tmp_path / "out").exists()


def test_root_and_home_are_refused(tmp_path, monkeypatch, no_rendering):
    from factory.core.errors import ConfigError
    from factory.ownership import check_output_dir

    with pytest.raises(ConfigError, match="root or a home directory"):
        check_output_dir(Path("/"), "--out")  # checked on the function: never let a test render into /
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    res = cli(*GAME, "--count", "4", "--out", home)
    assert res.exit_code == 2, res.output
    assert "home directory" in res.output and not any(home.iterdir())


def test_cleanup_deletes_only_the_factorys_own_temporaries(tmp_path):
    from factory.ownership import remove_temporaries

    ours = ["shards/game_pixel-000001.tar.tmp", "tables/samples/game_pixel-000001.parquet.tmp", "manifest.json.tmp",
            ".parts/game_pixel-000001.json.tmp", ".write-probe.tmp", ".preview.png.k2j_9xqa.tmp"]
    theirs = ["notes.tmp", "shards/mine.tmp", "sub/shards/game_pixel-000001.tar.tmp", "stats/x.csv.tmp.bak"]
    for rel in ours + theirs:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    remove_temporaries(tmp_path)
    assert [rel for rel in ours if (tmp_path / rel).exists()] == []
    assert [rel for rel in theirs if not (tmp_path / rel).exists()] == []


def test_scratch_replaces_a_factory_dataset_and_leaves_nothing_behind(tmp_path, finished):
    out = copy_of(finished, tmp_path / "parts" / "out")
    res = cli(*GAME, "--count", "4", "--seed", "5", "--out", out, "--scratch", tmp_path / "scratch" / "out")
    assert res.exit_code == 0, res.output
    assert json.loads((out / "manifest.json").read_text())["config"]["seed"] == 5
    assert cli("verify", out).exit_code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "out.run.json"], "no temporary directories left"
    assert not (tmp_path / "scratch" / "out").exists()
    assert (out / ".factory.lock").read_bytes() == b""


# --- item 4: one writer at a time -------------------------------------------------------------------------

def test_second_render_into_the_same_out_exits_2_naming_the_first(tmp_path, no_rendering):
    out = tmp_path / "out"
    first = subprocess.Popen([*FACTORY, *GAME, "--count", "4", "--out", str(out)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = out / ".factory.lock"
    deadline = time.time() + 60
    while time.time() < deadline and first.poll() is None and not (lock.exists() and lock.stat().st_size):
        time.sleep(0.02)
    assert first.poll() is None, "the first render ended before the second could start"
    res = cli(*GAME, "--count", "4", "--seed", "9", "--out", out)
    assert res.exit_code == 2, res.output
    one_error(res.output)
    assert f"pid {first.pid}" in res.output and "being written by another render" in res.output
    _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert cli("verify", out).exit_code == 0
    assert lock.read_bytes() == b"", "the finished dataset's lock file is empty (same bytes every run)"


def test_lock_follows_a_renamed_directory(tmp_path, monkeypatch):
    """A lock file renamed away between open and flock is not the directory's lock: acquire locks the new one."""
    import fcntl

    from factory import writer_lock
    from factory.core.errors import ConfigError

    d = tmp_path / "out"
    d.mkdir()
    real_flock, moved = fcntl.flock, []

    def racing_flock(fd, op):
        if not moved:  # another tool moves the dataset away just before our flock
            moved.append(d.rename(tmp_path / "aside"))
            d.mkdir()
        return real_flock(fd, op)

    monkeypatch.setattr(writer_lock.fcntl, "flock", racing_flock)
    with writer_lock.WriterLock(d) as held:
        assert os.fstat(held.fd).st_ino == os.stat(d / ".factory.lock").st_ino
        monkeypatch.setattr(writer_lock.fcntl, "flock", real_flock)
        with pytest.raises(ConfigError, match=f"pid {os.getpid()}"):
            writer_lock.WriterLock(d).acquire()
    assert (d / ".factory.lock").read_bytes() == b""
    writer_lock.WriterLock(d).acquire().release()


# --- items 7 and 9: bounded counts, checked numbers and paths, before any work ----------------------------

@pytest.mark.parametrize("args, message", [
    (["--count", "1e100"], "too large"),
    (["--count", "2e9"], "too large"),
    (["--count", "1e9", "--shard-size", "1"], "shard names have 6 digits"),
    (["--count", "5e6", "--shard-size", "4"], "--shard-size 5 or more"),
    (["--count", "4", "--shard-size", "1e7"], "too large"),
    (["--count", "4", "--seed", "1e30"], "too large"),
    (["--count", "4", "--seed", str(2**63)], "too large"),
])
def test_absurd_counts_fail_fast(tmp_path, no_job, args, message):
    t0 = time.monotonic()
    res = cli("render", "--renderer", "game", *args, "--out", tmp_path / "out")
    assert res.exit_code == 2, res.output
    one_error(res.output)
    assert message in res.output
    assert time.monotonic() - t0 < 10 and not (tmp_path / "out").exists()


BAD_NUMBERS = {
    "--count": ["0", "-1", "nan", "inf", "1e100", "1.5"],
    "--seed": ["-1", "nan", "inf", "-inf", "0.5"],
    "--workers": ["0", "-1", "nan", "inf", "1e6"],
    "--shard-size": ["0", "-1", "nan", "inf", "1e100"],
    "--timeout": ["0", "-1", "nan", "inf", "-inf", "1e100"],
    "--hang-timeout": ["0", "-1", "nan", "inf", "-inf", "1e100"],
}


@pytest.mark.parametrize("option, value", [(o, v) for o, vs in BAD_NUMBERS.items() for v in vs])
def test_numeric_options_refuse_zero_negative_nan_inf_and_huge(tmp_path, no_job, option, value):
    args = {"--count": "4", option: value}
    res = cli("render", "--renderer", "game", *[x for kv in args.items() for x in kv], "--out", tmp_path / "out")
    assert res.exit_code == 2, res.output
    one_error(res.output)
    assert option in res.output
    assert not (tmp_path / "out").exists()


def _unwritable(tmp_path: Path) -> Path:
    ro = tmp_path / "ro"
    ro.mkdir()
    (ro / "file").write_text("x")
    return ro / "file" / "run.json"  # below a regular file: never creatable, even for root


@pytest.mark.parametrize("case", ["non-utf8-out", "long-name", "long-out-for-run-record", "run-record-in-proc",
                                  "run-record-unwritable", "run-record-inside-out", "run-record-is-a-user-file",
                                  "out-is-a-file"])
def test_bad_paths_are_refused_before_rendering(tmp_path, no_job, case):
    out, extra = tmp_path / "out", []
    if case == "non-utf8-out":
        out = tmp_path / os.fsdecode(b"bad\xff")
    elif case == "long-name":
        out = tmp_path / ("a" * 300)
    elif case == "long-out-for-run-record":
        out = tmp_path / ("a" * 250)  # fits, but OUT.run.json beside it would not
    elif case == "run-record-in-proc":
        extra = ["--run-record", "/proc/gui-factory/run.json"]
    elif case == "run-record-unwritable":
        extra = ["--run-record", _unwritable(tmp_path)]
    elif case == "run-record-inside-out":
        extra = ["--run-record", out / "run.json"]
    elif case == "run-record-is-a-user-file":
        (tmp_path / "notes.txt").write_text("mine")
        extra = ["--run-record", tmp_path / "notes.txt"]
    elif case == "out-is-a-file":
        out.write_text("mine")
    before = snapshot(tmp_path)
    res = cli(*GAME, "--count", "4", "--out", out, *extra)
    assert res.exit_code == 2, res.output
    one_error(res.output)
    assert snapshot(tmp_path) == before, "nothing created"


# --- item 10: a full disk ---------------------------------------------------------------------------------

def test_full_disk_in_a_worker_is_one_message_and_finished_shards_are_kept(tmp_path, monkeypatch):
    out = tmp_path / "out"
    args = (*GAME, "--count", "6", "--out", str(out))
    res = run_factory(*args, env={**os.environ, "COLUMNS": "200", "GUI_FACTORY_FAILPOINT": "enospc@3"})
    assert res.returncode == 1, res.stderr
    one_error(res.stderr)  # the worker's stderr too: no traceback, no "Exception ignored" at garbage collection
    assert "No space left on device" in res.stderr and "ENOSPC" in res.stderr
    assert "game_pixel-000001.tar.tmp" in res.stderr and "finished shards are kept" in res.stderr
    kept = out / "shards" / "game_pixel-000000.tar"
    mtime = kept.stat().st_mtime_ns
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "temporary files removed"
    monkeypatch.delenv("GUI_FACTORY_FAILPOINT", raising=False)
    again = cli(*args)
    assert again.exit_code == 0, again.output
    assert (run_record(out)["reused_shards"], run_record(out)["rendered_shards"]) == (1, 2)
    assert kept.stat().st_mtime_ns == mtime
    assert cli("verify", out).exit_code == 0


def _full_disk_for(monkeypatch, name: str) -> None:
    """fsync of a temporary file named `name...` fails with ENOSPC, as on a full disk (this process only)."""
    real = os.fsync

    def fsync(fd):
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(name):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_full_disk_while_resuming_a_finished_dataset_keeps_its_manifest(tmp_path, finished, monkeypatch):
    out = copy_of(finished, tmp_path / "out")
    before = snapshot(out)
    _full_disk_for(monkeypatch, "manifest.json")
    res = cli(*GAME, "--count", "4", "--out", out)
    assert res.exit_code == 1, res.output
    one_error(res.output)
    assert "No space left on device" in res.output and "manifest.json" in res.output
    assert snapshot(out) == before, "the previous manifest and every shard are as they were"
    monkeypatch.undo()
    again = cli(*GAME, "--count", "4", "--out", out)
    assert again.exit_code == 0, again.output
    assert run_record(out)["rendered_shards"] == 0
    assert snapshot(out) == before


def test_full_disk_at_the_manifest_of_a_grown_dataset_loses_no_shard(tmp_path, finished, monkeypatch):
    out = copy_of(finished, tmp_path / "out")
    _full_disk_for(monkeypatch, "manifest.json")
    res = cli(*GAME, "--count", "6", "--out", out)  # one new shard is rendered, then the manifest cannot be written
    assert res.exit_code == 1, res.output
    one_error(res.output)
    monkeypatch.undo()
    again = cli(*GAME, "--count", "6", "--out", out)
    assert again.exit_code == 0, again.output
    assert (run_record(out)["reused_shards"], run_record(out)["rendered_shards"]) == (3, 0)
    assert cli("verify", out).exit_code == 0


def test_a_failed_write_leaves_the_previous_file(tmp_path, monkeypatch):
    from factory.shards import atomic_write_text

    path = tmp_path / "manifest.json"
    path.write_text("good")
    _full_disk_for(monkeypatch, "manifest.json")
    with pytest.raises(OSError):
        atomic_write_text(path, "new")
    assert path.read_text() == "good" and sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]


# --- records read back from disk on resume are never trusted -----------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids, max_size=3),
                    max_leaves=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(st.sampled_from(["../../etc/passwd", "/etc/passwd", "shards/game_pixel-000000.tar",
                                              "tables/samples/game_pixel-000000.parquet"]), JSON, max_size=3),
       junk=JSON)
def test_hostile_part_records_are_not_reused(tmp_path, files, junk):
    from factory.shards import ShardPaths, part_is_complete

    paths = ShardPaths(tmp_path, "game_pixel-000000")
    for record in (junk, {"name": paths.name, "fingerprint": "f", "first_index": 0, "samples": 2, "elements": 1,
                          "files": files, "drops": {}, "classes": {}}):
        assert part_is_complete(paths, "f", range(0, 2), record) is False
