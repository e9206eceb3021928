"""DuckDB over a dataset's Parquet tables: views `samples` and `elements` with a `version` column, read-only."""

from __future__ import annotations

import duckdb

from factory.dataset import Dataset

ALLOWED_STATEMENTS = {"SELECT", "EXPLAIN"}


class QueryError(ValueError):
    pass


def _files_sql(paths) -> str:
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def connect(ds: Dataset, sandbox: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the two views; with `sandbox`, no file outside the dataset is reachable."""
    con = duckdb.connect(":memory:")
    for view in ("samples", "elements"):
        selects = []
        for version in ds.versions:
            files = [f for p in ds.parts if p.version == version for f in p.tables(view)]
            if files:
                lit = version.replace("'", "''")
                selects.append(f"SELECT '{lit}' AS version, * FROM read_parquet({_files_sql(files)}, "
                               f"union_by_name = true)")
        if not selects:
            raise QueryError(f"{ds.root} has no {view} tables")
        con.execute(f"CREATE VIEW {view} AS " + " UNION ALL BY NAME ".join(selects))
    if sandbox:
        roots = sorted({str(p.root.resolve()) + "/" for p in ds.parts})
        con.execute(f"SET allowed_directories = {_files_sql(roots)}")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    return con


def run_query(con: duckdb.DuckDBPyConnection, sql: str):
    """Run one read-only statement; anything that could write (COPY, CREATE, ATTACH...) is refused."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryError(f"SQL does not parse: {e}") from None
    if len(statements) != 1:
        raise QueryError(f"give exactly one statement, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in ALLOWED_STATEMENTS:
        raise QueryError(f"{kind} statements are not allowed: queries over a dataset are read-only (use SELECT)")
    try:
        return con.execute(sql)
    except duckdb.Error as e:
        raise QueryError(str(e).splitlines()[0] if str(e) else type(e).__name__) from None
