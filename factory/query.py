"""DuckDB over a dataset's Parquet tables: views `samples` and `elements` with a `version` column.

`connect` gives an in-memory connection that can read the dataset's tables and nothing else (the stats and
report use it for their own SQL). `run_query` runs a user's statement, read-only by construction, in three
independent layers:

1. the parsed statement: exactly one, of type SELECT (SUMMARIZE, DESCRIBE, VALUES, WITH... parse as SELECT),
   or EXPLAIN of one such statement;
2. DuckDB's configuration: external access off, only the tables' own files readable, no spilling to disk,
   no extensions, memory capped, the configuration locked;
3. the operating system: the statement runs in a child process that Landlock forbids to create, change or
   delete any file (Linux >= 5.13), killed at the time limit.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb

from factory.core.dataset import Dataset
from factory.core.errors import FactoryError

VIEWS = ("samples", "elements")
ALLOWED_STATEMENTS = {"SELECT"}
EXPLAIN_PREFIX = re.compile(r"^\s*EXPLAIN\s+(ANALY[SZ]E\s+)?(\([^)]*\)\s*)?", re.IGNORECASE)
MAX_ROWS = 100_000


class QueryError(FactoryError, ValueError):
    pass


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def view_files(ds: Dataset) -> dict[str, list[tuple[str, list[str]]]]:
    """view -> [(version, absolute Parquet paths)] for every version that has files for the view."""
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for view in VIEWS:
        for version in ds.versions:
            files = [os.path.realpath(f) for p in ds.parts if p.version == version for f in p.tables(view)]
            if files:
                out.setdefault(view, []).append((version, files))
        if view not in out:
            raise QueryError(f"{ds.root} has no {view} tables")
    return out


def open_views(files: dict[str, list[tuple[str, list[str]]]], memory_limit: str | None = None,
               threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the views, which can read exactly those Parquet files and write nothing."""
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    for view, versions in files.items():
        selects = [f"SELECT {_sql_str(version)} AS version, * FROM read_parquet([{', '.join(map(_sql_str, paths))}], "
                   f"union_by_name = true)" for version, paths in versions]
        con.execute(f"CREATE VIEW {view} AS " + " UNION ALL BY NAME ".join(selects))
    con.execute("SET temp_directory = ''")  # no spilling: nothing is ever written, memory is capped instead
    if memory_limit:
        con.execute(f"SET max_memory = {_sql_str(memory_limit)}")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    allowed = sorted({p for versions in files.values() for _, paths in versions for p in paths})
    con.execute(f"SET allowed_paths = [{', '.join(map(_sql_str, allowed))}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def connect(ds: Dataset) -> duckdb.DuckDBPyConnection:
    """The views over `ds`, for the factory's own SQL (stats, report)."""
    return open_views(view_files(ds))


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise QueryError unless `sql` is exactly one SELECT statement, or EXPLAIN of one."""
    try:
        statements = con.extract_statements(sql)
    except Exception as e:  # noqa: BLE001 - duckdb raises its own errors and ValueError for unknown types
        raise QueryError(f"SQL does not parse: {str(e).splitlines()[0]}") from None
    if len(statements) != 1:
        raise QueryError(f"give exactly one statement, got {len(statements)}")
    kind = _kind(statements[0])
    if kind == "EXPLAIN":
        inner = EXPLAIN_PREFIX.sub("", statements[0].query, count=1)
        try:
            inner_kind = [_kind(s) for s in con.extract_statements(inner)]
        except Exception:  # noqa: BLE001
            inner_kind = ["unparsable"]
        if inner_kind != ["SELECT"]:
            raise QueryError(f"EXPLAIN of {'/'.join(inner_kind) or 'nothing'} is not allowed: queries over a dataset "
                             f"are read-only (EXPLAIN [ANALYZE] SELECT ... is fine)")
        return
    if kind not in ALLOWED_STATEMENTS:
        raise QueryError(f"{kind} statements are not allowed: queries over a dataset are read-only (use SELECT)")


def _kind(statement) -> str:
    try:
        return statement.type.name
    except ValueError:  # a statement type this duckdb's Python enum does not know (e.g. UPDATE EXTENSIONS)
        return "unknown"


def run_query(ds: Dataset, sql: str, timeout_s: float = 30.0, max_rows: int = MAX_ROWS):
    """(column names, rows, truncated) of one read-only statement, run in a sandboxed child process."""
    import pyarrow as pa

    request = {"files": view_files(ds), "sql": sql, "max_rows": max_rows,
               "memory_limit": _memory_limit(), "threads": os.cpu_count() or 1}
    cmd = [sys.executable, "-m", "factory.query"]
    paths = [str(Path(__file__).resolve().parents[1]),
             *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    with subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        try:
            out, err = proc.communicate(json.dumps(request).encode(), timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise QueryError(f"cancelled after {timeout_s:g} s (--timeout); narrow the query (WHERE, LIMIT) or raise "
                             f"--timeout") from None
    if proc.returncode != 0:
        message = err.decode(errors="replace").strip().splitlines()
        raise QueryError(message[-1] if message else f"the query process died (exit code {proc.returncode})")
    table = pa.ipc.open_stream(out).read_all()
    truncated = table.schema.metadata and table.schema.metadata.get(b"truncated") == b"1"
    rows = list(zip(*(col.to_pylist() for col in table.columns))) if table.num_columns else []
    return table.column_names, rows, bool(truncated)


def _memory_limit() -> str:
    """A quarter of the machine's memory: a runaway query fails with a message instead of swapping."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return "4GB"
    return f"{max(256, total // 4 // 2**20)}MB"


def sandboxed_connection(request: dict) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """(connection with the views, whether Landlock applies): call once, in a process of its own."""
    from factory.landlock import restrict_writes

    # First, while this process has a single thread: Landlock binds the calling thread and the threads it
    # creates later, so DuckDB's worker threads (started by connect) must not exist yet.
    sandboxed = restrict_writes()
    if not sandboxed and os.environ.get("GUI_FACTORY_REQUIRE_SANDBOX"):
        raise QueryError("Landlock is not available on this kernel and GUI_FACTORY_REQUIRE_SANDBOX is set")
    return open_views(request["files"], request["memory_limit"], request["threads"]), sandboxed


def _child() -> None:
    """The sandboxed side: read the request from stdin, write the result as an Arrow stream to stdout."""
    import pyarrow as pa

    request = json.loads(sys.stdin.buffer.read())
    con, _ = sandboxed_connection(request)
    check_statement(con, request["sql"])
    reader = con.execute(request["sql"]).to_arrow_reader(4096)
    batches, n, truncated = [], 0, False
    for batch in reader:
        if n + batch.num_rows > request["max_rows"]:
            batches.append(batch.slice(0, request["max_rows"] - n))
            truncated = True
            break
        batches.append(batch)
        n += batch.num_rows
    schema = reader.schema.with_metadata({"truncated": "1" if truncated else "0"})
    with pa.ipc.new_stream(sys.stdout.buffer, schema) as w:
        for b in batches:
            w.write_batch(pa.RecordBatch.from_arrays(b.columns, schema=schema))


if __name__ == "__main__":
    try:
        _child()
    except (FactoryError, duckdb.Error) as e:
        print(str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__, file=sys.stderr)
        sys.exit(2)
