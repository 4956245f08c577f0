"""Reading on the driver's own cursor: a SELECT compiled once, its rows as plain tuples (without SQLAlchemy's row
objects and result processing), all at once or a chunk at a time; on PostgreSQL in its binary format."""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class CompiledSelect:
    """A SELECT compiled once for one dialect: its SQL, its parameters' order (positional drivers) and the values
    bound when it was built; `run_compiled` sets the named parameters that change between runs."""

    sql: str
    order: tuple[str, ...] | None
    bound: tuple[tuple[str, Any], ...]


def compile_select(stmt: ClauseElement, dialect: Any) -> CompiledSelect:
    compiled = cast(SQLCompiler, stmt.compile(dialect=dialect, compile_kwargs={"render_postcompile": True}))
    order = tuple(compiled.positiontup) if compiled.positiontup is not None else None
    return CompiledSelect(str(compiled), order, tuple(compiled.params.items()))


BINARY_ROWS = True  # PostgreSQL sends rows in its binary format (see `_cursor`)


def _cursor(session: Session) -> Any:
    """The driver's own cursor; on PostgreSQL one receiving rows in the binary format: the same Python values, and
    the server spares formatting each timestamp as text (a city's 1.4 million values used: 4.8 → 4.5 s)."""
    connection = session.connection().connection
    if BINARY_ROWS and session.connection().dialect.driver == "psycopg":  # psycopg 3 (psycopg2 has no binary rows)
        return connection.driver_connection.cursor(binary=True)  # type: ignore[union-attr]
    return connection.cursor()


def run_compiled(session: Session, compiled: CompiledSelect, values: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Rows of a compiled SELECT on the driver's own cursor, `values` replacing the named parameters bound."""
    unknown = set(values) - {name for name, _ in compiled.bound}
    if unknown:
        raise KeyError(f"the statement has no parameter {sorted(unknown)}")
    merged = {**dict(compiled.bound), **values}
    params: Any = merged if compiled.order is None else tuple(merged[name] for name in compiled.order)
    cursor = _cursor(session)
    try:
        cursor.execute(compiled.sql, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def driver_chunks(session: Session, stmt: ClauseElement, size: int = 100_000) -> Iterator[list[tuple[Any, ...]]]:
    """`driver_rows`, `size` rows at a time (a city's document lists 1.4 million values: held as one list of
    tuples, they took 800 MB)."""
    compiled = compile_select(stmt, session.connection().dialect)
    merged = dict(compiled.bound)
    params: Any = merged if compiled.order is None else tuple(merged[name] for name in compiled.order)
    cursor = _cursor(session)
    try:
        cursor.execute(compiled.sql, params)
        while rows := cursor.fetchmany(size):
            yield list(rows)
    finally:
        cursor.close()


def driver_rows(session: Session, stmt: ClauseElement) -> list[tuple[Any, ...]]:
    """Run a SELECT on the driver's own cursor: plain tuples, without SQLAlchemy's row objects.

    The import reads up to a year of stored values (hundreds of thousands of rows) on every preview;
    building Row objects for them costs more than the query itself.
    """
    return run_compiled(session, compile_select(stmt, session.connection().dialect), {})


def insert_rows(session: Session, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """One executemany of plain tuples on the driver's own cursor, in the session's transaction: what the database
    does, without SQLAlchemy's per-row parameter processing (a city's 69,000 windows of a month: 0.5 s so)."""
    if not rows:
        return
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    cursor = conn.connection.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def copied_frame(session: Session, stmt: ClauseElement, dtypes: Mapping[str, Any]) -> pd.DataFrame | None:
    """On PostgreSQL (psycopg), the rows of a SELECT as a frame with these columns and dtypes, sent by
    `COPY (…) TO STDOUT` as CSV and parsed by pandas' C reader: a city's 1.4 million values used in 4.5 s against
    8 s as rows of Python values. None on another database (the caller reads rows).

    Numbers come back exactly (shortest round-trip text both ways; NaN and ±Infinity too), times as ISO text in
    UTC ('2026-02-03 09:00:00+00'), NULL as NaN in float columns only (no text is taken for a missing value:
    keep_default_na off), text in the connection's encoding; a 'category' column keeps each distinct text once."""
    connection = session.connection()
    if connection.dialect.driver != "psycopg":
        return None
    compiled = compile_select(stmt, connection.dialect)
    driver = connection.connection.driver_connection
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        # exact floats and ISO times in UTC whatever the server's settings, set inside a savepoint rolled back
        # after the copy: the rest of the caller's transaction keeps its own settings
        cursor.execute("SAVEPOINT copied_frame; SET LOCAL extra_float_digits = 3; SET LOCAL DateStyle = 'ISO, YMD'; "
                       "SET LOCAL TimeZone = 'UTC'")
        buffer = io.BytesIO()
        write = buffer.write
        with cursor.copy(f"COPY ({compiled.sql}) TO STDOUT WITH (FORMAT csv)", dict(compiled.bound)) as copy:
            for block in copy:  # one row each: written as it comes (joining them held every row at once)
                write(block)
        cursor.execute("ROLLBACK TO SAVEPOINT copied_frame; RELEASE SAVEPOINT copied_frame")
    finally:
        cursor.close()
    buffer.seek(0)
    import pandas as pd  # only here: the rest of this module serves commands that start without pandas

    floats = [name for name, dtype in dtypes.items() if dtype is float]
    return pd.read_csv(buffer, header=None, names=list(dtypes), dtype=dict(dtypes), keep_default_na=False,
                       encoding=driver.info.encoding,  # type: ignore[union-attr]  # the connection's, as sent
                       na_values={name: ["", "NaN"] for name in floats}, float_precision="round_trip", engine="c",
                       skip_blank_lines=False)  # a one-column row of NULL is an empty line
