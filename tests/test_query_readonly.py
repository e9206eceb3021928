"""`factory query` is read-only by construction: statement check, DuckDB configuration and an OS sandbox,
each tested on its own, plus the time limit. Every case ends with the dataset byte-identical."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factory.cli import main
from factory.landlock import abi_version
from tests.conftest import ROOT, tree_hashes

pytestmark = pytest.mark.game

LANDLOCK = abi_version() > 0


@pytest.fixture(scope="module")
def dataset(small_game_dataset) -> Path:
    return small_game_dataset


def query(dataset: Path, sql: str, *args: str):
    return CliRunner().invoke(main, ["query", str(dataset), sql, *args])


def targets(dataset: Path) -> list[str]:
    """Files a hostile statement would like to overwrite: the manifest, a shard, a table, and one outside."""
    return [str(dataset / "manifest.json"), str(dataset / "shards" / "game_pixel-000000.tar"),
            str(dataset / "tables" / "samples" / "game_pixel-000000.parquet"), str(dataset.parent / "outside.csv")]


# Statements of every DuckDB statement type that could change a file or the session; {t} is a target path.
WRITERS = [
    "COPY (SELECT 1 AS a) TO '{t}'", "COPY (SELECT 1 AS a) TO '{t}' (FORMAT parquet, USE_TMP_FILE false)",
    "COPY samples TO '{t}' (FORMAT csv)", "EXPORT DATABASE '{t}'", "IMPORT DATABASE '{t}'", "ATTACH '{t}' AS x",
    "CREATE TABLE t AS SELECT 1", "CREATE VIEW v AS SELECT 1", "CREATE MACRO m() AS 1", "CREATE SECRET (TYPE s3)",
    "INSERT INTO samples VALUES (1)", "UPDATE samples SET key = 'x'", "DELETE FROM samples", "DROP VIEW samples",
    "ALTER VIEW samples RENAME TO s2", "SET enable_external_access = true", "RESET lock_configuration",
    "PRAGMA enable_profiling", "CALL pragma_version()", "INSTALL httpfs", "LOAD httpfs", "VACUUM", "ANALYZE",
    "CHECKPOINT", "BEGIN TRANSACTION", "PREPARE p AS SELECT 1", "EXECUTE p", "DETACH x", "USE x",
    "SET VARIABLE x = 1", "MERGE INTO samples USING samples s ON true WHEN MATCHED THEN DELETE",
    "PIVOT samples ON style", "UPDATE EXTENSIONS", "COPY FROM DATABASE memory TO x",
]
WRAPPERS = ["{s}", "EXPLAIN {s}", "EXPLAIN ANALYZE {s}", "explain analyse {s}", "EXPLAIN (FORMAT json) {s}",
            "SELECT 1; {s}", "{s}; SELECT 1", "/* c */ {s}"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(WRITERS), st.sampled_from(WRAPPERS), st.integers(0, 3))
def test_statement_check_refuses_every_writing_statement(dataset, writer, wrapper, target):
    from factory.query import QueryError, check_statement, open_views, view_files

    from factory.core.dataset import open_dataset

    sql = wrapper.format(s=writer.format(t=targets(dataset)[target]))
    con = open_views(view_files(open_dataset(dataset)))
    with pytest.raises(QueryError):
        check_statement(con, sql)


@pytest.mark.parametrize("sql", ["SELECT count(*) FROM samples", "SUMMARIZE elements", "DESCRIBE samples",
                                 "FROM elements LIMIT 2", "WITH x AS (SELECT 1 AS a) SELECT * FROM x", "VALUES (1)",
                                 "EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT count(*) FROM elements",
                                 "SELECT * FROM query('SELECT 42')"])
def test_statement_check_accepts_reads(dataset, sql):
    from factory.core.dataset import open_dataset
    from factory.query import check_statement, open_views, view_files

    check_statement(open_views(view_files(open_dataset(dataset))), sql)


def test_hostile_statements_through_the_cli_leave_the_dataset_untouched(dataset):
    before = tree_hashes(dataset.parent)
    cases = ["EXPLAIN ANALYZE COPY (SELECT 1) TO '{t}'", "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
             "COPY (SELECT 1 AS a) TO '{t}' (FORMAT parquet, USE_TMP_FILE false)",
             "SELECT * FROM query('COPY (SELECT 1) TO ''{t}''')", "SELECT * FROM read_csv('/etc/passwd')",
             "SELECT * FROM read_text('{t}')", "SELECT * FROM glob('/*')", "INSTALL httpfs"]
    for case in cases:
        for t in targets(dataset):
            res = query(dataset, case.format(t=t))
            assert res.exit_code == 2, (case, res.output)
            lines = res.output.strip().splitlines()
            assert "Traceback" not in res.output and len(lines) == 1 and lines[0].startswith("Error:"), res.output
    assert tree_hashes(dataset.parent) == before


def test_duckdb_configuration_reads_only_the_tables(dataset, tmp_path):
    """Layer 2 alone (no statement check, no sandbox): nothing outside the tables can be read or written."""
    import duckdb

    from factory.core.dataset import open_dataset
    from factory.query import open_views, view_files

    con = open_views(view_files(open_dataset(dataset)))
    for sql in [f"COPY (SELECT 1) TO '{dataset / 'manifest.json'}'", f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'",
                "SELECT * FROM read_csv('/etc/passwd')", f"SELECT * FROM read_text('{dataset / 'manifest.json'}')",
                "SET enable_external_access = true", f"ATTACH '{tmp_path / 'x.db'}'"]:
        with pytest.raises(duckdb.Error):
            con.execute(sql).fetchall()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not LANDLOCK, reason="this kernel has no Landlock")
def test_sandbox_stops_a_write_that_duckdb_would_allow(dataset):
    """Layer 3 alone: DuckDB may write a table file it may read (COPY without a temp file); the sandbox stops it."""
    table = dataset / "tables" / "samples" / "game_pixel-000000.parquet"
    before = tree_hashes(dataset)
    code = f"""
import duckdb
from factory.core.dataset import open_dataset
from factory.query import open_views, sandboxed_connection, view_files
request = {{"files": view_files(open_dataset({str(dataset)!r})), "memory_limit": "1GB", "threads": 2}}
con, sandboxed = sandboxed_connection(request)  # what the query process does before the statement
assert sandboxed
try:
    con.execute("COPY (SELECT 1 AS a) TO '{table}' (FORMAT parquet, USE_TMP_FILE false)")
except duckdb.Error as e:
    print("refused:", e)
else:
    print("WROTE")
"""
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "refused:" in res.stdout and "Permission denied" in res.stdout, res.stdout
    assert tree_hashes(dataset) == before
    # ... and the same statement without the sandbox does write: the layer is what stops it.
    control = code.replace("con, sandboxed = sandboxed_connection(request)",
                           "con, sandboxed = open_views(request['files']), True")
    copy = dataset.parent / "control"
    import shutil

    shutil.copytree(dataset, copy)
    res = subprocess.run([sys.executable, "-c", control.replace(str(dataset), str(copy))], capture_output=True,
                         text=True, cwd=ROOT, timeout=60)
    assert "WROTE" in res.stdout, res.stdout + res.stderr
    shutil.rmtree(copy)


def test_time_limit_cancels_unbounded_queries(dataset):
    for sql in ["SELECT count(*) FROM range(1000000000000)",
                "SELECT count(*) FROM elements a, elements b, elements c, elements d, elements e, elements f"]:
        res = query(dataset, sql, "--timeout", "2")
        assert res.exit_code == 2, res.output
        assert "cancelled after 2 s" in res.output


def test_results_are_capped_and_typed(dataset):
    res = query(dataset, "SELECT * FROM range(50)", "--max-rows", "10", "--format", "csv")
    assert res.exit_code == 0, res.output
    assert "showing the first 10 rows" in res.output
    res = query(dataset, "SELECT [1, 2] AS l, DATE '2020-01-02' AS d, NULL AS n", "--format", "json")
    assert res.exit_code == 0 and '"2020-01-02"' in res.output and '"n": null' in res.output, res.output


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "1e9"])
def test_timeout_option_is_validated(dataset, value):
    res = query(dataset, "SELECT 1", "--timeout", value)
    assert res.exit_code == 2 and "--timeout" in res.output, res.output


def test_query_child_runs_without_the_working_directory(dataset, tmp_path):
    """The child finds the package wherever the user's shell is (it is started with -m factory.query)."""
    res = subprocess.run([sys.executable, "-m", "factory", "query", str(dataset), "SELECT count(*) AS n FROM samples",
                          "--format", "csv"], capture_output=True, text=True, cwd=tmp_path, timeout=60,
                         env={**os.environ})
    assert res.returncode == 0 and res.stdout.splitlines() == ["n", "4"], res.stderr
