"""Adversarial suite, the readers' half: every dataset reader over hostile datasets (tests/hostile.py).

Each case runs verify, stats (also with --diversity), query, export (COCO, YOLO), preview and report in-process
and asserts: exit 2 with one message and no traceback where the command reads the damage (verify: exit 1 and a
FAULT line naming the file and key), nothing written outside the command's output, nothing deleted or changed that
the factory did not create (the whole temporary tree is snapshot before and after, input dataset included),
and no partial output left by a command that failed.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from factory.cli import main
from tests import hostile
from tests.conftest import snapshot

pytestmark = pytest.mark.game
# Without shrinking: a failure is reported as found, instead of minutes spent minimizing it in the suite.
HYPOTHESIS = settings(max_examples=6, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                      suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
READS = {  # command -> what it reads: damage there must be refused
    "verify": {"manifest", "tar", "table"}, "stats": {"manifest", "table"}, "query": {"manifest"},
    "stats-diversity": {"manifest", "tar", "table"},
    "export-coco": {"manifest", "tar"}, "export-yolo": {"manifest", "tar"}, "export-grounding": {"manifest", "tar"},
    "preview": {"manifest", "tar"},
    "report": {"manifest", "tar", "table"},
}
SKIP = {"tar": {"stats", "query"}}  # commands that never open a tar: nothing to learn from running them


def _args(cmd: str, ds: Path, out: Path) -> list[str]:
    return {
        "verify": ["verify", str(ds)],
        "stats": ["stats", str(ds), "--out", str(out / "stats")],
        "stats-diversity": ["stats", str(ds), "--diversity", "--out", str(out / "stats-diversity")],
        "query": ["query", str(ds), "SELECT count(*) FROM samples"],
        "export-coco": ["export", str(ds), "--format", "coco", "--out", str(out / "coco")],
        "export-yolo": ["export", str(ds), "--format", "yolo", "--taxonomy", "rico", "--out", str(out / "yolo")],
        "export-grounding": ["export", str(ds), "--format", "grounding", "--out", str(out / "grounding")],
        "preview": ["preview", str(ds), "--out", str(out / "preview" / "sheet.png")],
        "report": ["report", str(ds), "--out", str(out / "report" / "r.html"), "--card", str(out / "report" / "c.md")],
    }[cmd]


def _own_output(cmd: str, out: Path) -> Path:
    return out / {"verify": "none", "stats": "stats", "stats-diversity": "stats-diversity", "query": "none",
                  "export-coco": "coco", "export-yolo": "yolo", "export-grounding": "grounding", "preview": "preview",
                  "report": "report"}[cmd]


@pytest.fixture(scope="session")
def part(small_game_dataset) -> Path:
    """A small real dataset: 4 game screens in 2 shards (the fast renderer)."""
    return small_game_dataset


@pytest.fixture(scope="session")
def version(part: Path, tmp_path_factory) -> Path:
    """A version directory (merge output) holding the part at parts/g."""
    root = tmp_path_factory.mktemp("hostile-version") / "v"
    shutil.copytree(part, root / hostile.PART)
    res = CliRunner().invoke(main, ["merge", str(root / hostile.PART), "--name", "v1", "--out", str(root)])
    assert res.exit_code == 0, res.output
    return root


def run_case(case: hostile.Case, base: Path, work: Path, commands=tuple(READS)) -> dict[str, object]:
    """Build the case from a copy of `base` under `work` and run every command on it, checking the invariants."""
    ds, outside, out = work / "ds", work / "outside", work / "out"
    shutil.copytree(base, ds, symlinks=True)
    outside.mkdir()
    (outside / "decoy.txt").write_text("a user's file")
    out.mkdir()
    case.build(ds, outside)
    results = {}
    for cmd in commands:
        if cmd in SKIP.get(case.damages, ()):
            continue
        own = _own_output(cmd, out)
        before = snapshot(work, own)
        res = CliRunner().invoke(main, _args(cmd, ds, out))
        where = f"{case.name} / {cmd}: exit {res.exit_code}\nstdout: {res.stdout[-800:]}\nstderr: {res.stderr[-1500:]}"
        assert res.exception is None or isinstance(res.exception, SystemExit), \
            f"{where}\n{type(res.exception).__name__}: {res.exception}"
        assert "Traceback" not in res.stdout + res.stderr, where
        assert snapshot(work, own) == before, f"{where}\nsomething outside {own} was written, changed or deleted"
        must = case.certain and case.damages in READS[cmd]
        if cmd == "verify":
            faults = [line for line in res.stderr.splitlines() if line.startswith("FAULT ")]
            assert res.exit_code in ((1,) if must else (0, 1)), where
            if res.exit_code == 1:
                assert any(case.file in f and (case.key is None or f"[{case.key}]" in f) for f in faults), where
        else:
            assert res.exit_code in ((2,) if must else (0, 2)), where
            if res.exit_code == 2:
                lines = res.stderr.strip().splitlines()
                assert len(lines) == 1 and lines[0].startswith("Error: "), where
                assert not own.exists() or cmd.startswith("stats") and not any(own.iterdir()), \
                    f"{where}\npartial output left"
        results[cmd] = res
    return results


@pytest.mark.parametrize("case", hostile.cases(), ids=repr)
def test_hostile_part(case: hostile.Case, part: Path, tmp_path: Path):
    run_case(case, part, tmp_path)


@pytest.mark.parametrize("case", hostile.version_cases(), ids=repr)
def test_hostile_version(case: hostile.Case, version: Path, tmp_path: Path):
    run_case(case, version, tmp_path)


@HYPOTHESIS
@example(key="../../x", members_too=False)  # issue 11: the export wrote OUT/../x.png
@given(key=hostile.unsafe_keys, members_too=st.booleans())
def test_unsafe_keys_never_become_paths(key: str, members_too: bool, part: Path):
    """Keys with traversal, separators, dots...: refused by every tar reader, and `--skip-bad` skips and counts."""
    case = hostile.unsafe_key_case(key, members_too)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run_case(case, part, work, ("verify", "export-coco", "export-yolo"))
        before = snapshot(work, work / "out" / "skip")
        res = CliRunner().invoke(main, ["export", str(work / "ds"), "--format", "yolo", "--skip-bad",
                                        "--out", str(work / "out" / "skip")])
        assert res.exit_code == 0, res.output
        assert "skipped" in res.stderr and "1 of 4 samples not exported" in res.stderr
        assert snapshot(work, work / "out" / "skip") == before
        images = sorted(p.name for p in (work / "out" / "skip" / "images").iterdir())
        assert len(images) == 3 and hostile.KEY0 + ".png" not in images


@HYPOTHESIS
@given(field=hostile.wrong_value(hostile.DOC_FIELDS))
def test_wrong_json_types_in_a_sample(field, part: Path):
    with tempfile.TemporaryDirectory() as tmp:
        run_case(hostile.doc_type_case(*field), part, Path(tmp), ("verify", "export-coco", "preview", "report"))


@HYPOTHESIS
@given(field=st.one_of(hostile.wrong_value(hostile.MANIFEST_FIELDS).map(lambda f: hostile.manifest_type_case(*f)),
                       st.sampled_from(sorted((f for f in hostile.MANIFEST_FIELDS if isinstance(f[-1], str)), key=str))
                       .map(hostile.manifest_missing_case),
                       hostile.escaping_paths.map(hostile.escaping_path_case)))
def test_wrong_manifests(field: hostile.Case, part: Path):
    with tempfile.TemporaryDirectory() as tmp:
        run_case(field, part, Path(tmp), ("verify", "stats", "export-yolo", "preview", "report"))


class _Html(HTMLParser):
    """Tags, attributes and text of a page, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text = set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += [(tag, k, v or "") for k, v in attrs]

    def handle_data(self, data):
        self.text.append(data)


REPORT_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "div", "b", "svg", "text", "rect",
               "table", "tr", "th", "td", "span", "i", "figure", "img", "figcaption"}


@HYPOTHESIS
@given(s=hostile.markup, name=hostile.markup_names)
def test_markup_in_every_string_is_escaped(s: str, name: str, part: Path):
    """Markup in the part's directory name, the manifest's strings and every string of a sample document."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "root"
        ds = root / name
        shutil.copytree(part, ds)
        m = json.loads((ds / "manifest.json").read_text())
        m["config"].update(renderer=s, style=s, renderer_version=s, grammars=[s], locales=[s])
        m["counts"]["drops"] = {s: 1}
        (ds / "manifest.json").write_text(json.dumps(m))

        def mark(doc):
            doc["factors"].update(theme=s, locale=s)
            doc.update(grammar=s, style=s, renderer=s, renderer_version=s)
            for e in doc["elements"]:
                e.update(text=s, source_type=s)

        hostile.edit_doc(ds, mark)
        hostile.rehash(ds)
        out = Path(tmp) / "out"
        res = CliRunner().invoke(main, ["report", str(root), "--out", str(out / "r.html"), "--card", str(out / "c.md")])
        assert res.exit_code == 0, res.output
        html = (out / "r.html").read_text()
        page = _Html()
        page.feed(html)
        assert page.tags <= REPORT_TAGS, page.tags - REPORT_TAGS
        for tag, attr, value in page.attrs:
            assert not attr.startswith("on") and "javascript:" not in value.lower(), (tag, attr, value)
            if tag == "img":
                assert attr != "src" or value.startswith("data:image/jpeg;base64,")
        csp = [v for t, a, v in page.attrs if t == "meta" and a == "content" and "default-src 'none'" in v]
        assert csp and "script-src" not in csp[0]
        text = "".join(page.text).replace("\n", "")
        assert name in text and s.replace("\n", "").strip() in text  # shown as text, not markup
        card = (out / "c.md").read_text()
        body = card.split("\n", 1)[1]  # the first line is the generator comment
        assert "<" not in body.replace("\\<", "") and ">" not in body.replace("\\>", "")
        assert "[" not in body.replace("\\[", "") and "](" not in body.replace("\\]", "")
        table: list[int] = []
        for line in body.splitlines() + [""]:  # every row of a table has the header's number of cells
            if line.startswith("|"):
                table.append(line.replace("\\|", "").count("|"))
            elif table:
                assert len(set(table)) == 1, body
                table = []


def test_outputs_never_replace_foreign_files(part: Path, tmp_path: Path):
    """A report, card, preview, stats or export target holding a user's file is refused before any work."""
    foreign = tmp_path / "mine"
    foreign.mkdir()
    for name in ("r.html", "c.md", "p.png"):
        (foreign / name).write_text("a user's file")
    (foreign / "stats").mkdir()
    (foreign / "stats" / "stats.json").write_text("{}")
    (foreign / "export").mkdir()
    (foreign / "export" / "notes.txt").write_text("a user's file")
    before = snapshot(tmp_path, tmp_path / "none")
    for args in (["report", str(part), "--out", str(foreign / "r.html")],
                 ["report", str(part), "--out", str(tmp_path / "new.html"), "--card", str(foreign / "c.md")],
                 ["preview", str(part), "--out", str(foreign / "p.png")],
                 ["stats", str(part), "--out", str(foreign / "stats")],
                 ["export", str(part), "--format", "coco", "--out", str(foreign / "export")],
                 ["export", str(part), "--format", "coco", "--out", str(foreign / "r.html")]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2 and res.stderr.startswith("Error: ") and "not" in res.stderr, (args, res.output)
        assert snapshot(tmp_path, tmp_path / "none") == before, args


def test_outputs_replace_their_own_and_stay_exact(part: Path, tmp_path: Path):
    """Running a writer twice replaces its own output; a re-export removes files of the earlier one."""
    out = tmp_path / "out"
    for _ in range(2):
        for args in (["report", str(part), "--out", str(out / "r.html"), "--card", str(out / "c.md"),
                      "--per-part", "1"],
                     ["preview", str(part), "--out", str(out / "p.png"), "-n", "1"],
                     ["stats", str(part), "--out", str(out / "stats")]):
            res = CliRunner().invoke(main, args)
            assert res.exit_code == 0, (args, res.output)
    res = CliRunner().invoke(main, ["export", str(part), "--format", "yolo", "--out", str(out / "exp2")])
    assert res.exit_code == 0, res.output
    (out / "exp2" / "notes.txt").write_text("a user's note in an export")
    res = CliRunner().invoke(main, ["export", str(part), "--format", "coco", "--out", str(out / "exp2")])
    assert res.exit_code == 0, res.output
    left = sorted(p.relative_to(out / "exp2").as_posix() for p in (out / "exp2").rglob("*"))
    assert "labels" not in " ".join(left) and "annotations.json" in left and "notes.txt" in left
    # A failed export into an earlier one leaves it exactly as it was (built aside, moved in when complete).
    bad = tmp_path / "bad"
    shutil.copytree(part, bad)
    next(c for c in hostile.cases() if c.name == "image-corrupt-pixels").build(bad, tmp_path)
    before = snapshot(tmp_path, tmp_path / "none")
    res = CliRunner().invoke(main, ["export", str(bad), "--format", "yolo", "--out", str(out / "exp2")])
    assert res.exit_code == 2 and "image does not decode" in res.stderr, res.output
    assert snapshot(tmp_path, tmp_path / "none") == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp") or ".partial" in p.name]


def test_long_paths_and_no_dataset_are_one_message(tmp_path: Path):
    for path, says in ((tmp_path / ("a" * 300), "File name too long"), (tmp_path / ("a" * 200) / ("b" * 200) / "c",
                       "is not a directory"), (tmp_path, "holds no dataset")):
        for args in (["stats", str(path)], ["verify", str(path)], ["preview", str(path)],
                     ["export", str(path), "--format", "coco", "--out", str(tmp_path / "x")],
                     ["report", str(path), "--out", str(tmp_path / "r.html")]):
            res = CliRunner().invoke(main, args)
            assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1, (args, res.output)
            assert says in res.stderr, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_merge_refuses_bad_parts(part: Path, tmp_path: Path):
    v = tmp_path / "v"
    shutil.copytree(part, v / "parts" / "g")
    (v / "parts" / "bad").mkdir()
    (v / "parts" / "bad" / "manifest.json").write_text('"not a manifest"')
    before = snapshot(tmp_path, tmp_path / "none")
    for args in (["merge", str(v / "parts" / "bad"), "--name", "v1", "--out", str(v)],
                 ["merge", str(v / "parts" / "g"), "--name", "v1", "--out", str(v / "parts" / "g")],
                 ["merge", str(v / "parts" / "g"), str(v / "parts" / "g"), "--name", "v1", "--out", str(v)],
                 ["merge", str(v / "parts" / "g"), "--name", "<b>", "--out", str(v)],
                 ["merge", str(part), "--name", "v1", "--out", str(v)],
                 ["merge", str(v / "parts" / "missing"), "--name", "v1", "--out", str(v)]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1, (args, res.output)
        assert snapshot(tmp_path, tmp_path / "none") == before, args


def test_unwritable_out_is_one_message(part: Path, tmp_path: Path):
    """An --out that cannot be made (below a file here; read-only or full disks fail the same way)."""
    blocker = tmp_path / "file"
    blocker.write_text("a user's file")
    bad = blocker / "sub"
    for args in (["stats", str(part), "--out", str(bad / "stats")],
                 ["export", str(part), "--format", "coco", "--out", str(bad / "coco")],
                 ["report", str(part), "--out", str(bad / "r.html")],
                 ["preview", str(part), "--out", str(bad / "p.png")]):
        res = CliRunner().invoke(main, args)
        assert res.exit_code == 2 and res.stderr.startswith("Error: Not a directory"), (args, res.output)
        assert len(res.stderr.strip().splitlines()) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["file"] and blocker.read_text() == "a user's file"
