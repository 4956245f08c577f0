"""Small builders for the tests: real files for the import, registers from YAML text, synced databases."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import xlsxwriter
from sqlalchemy import Engine
from sqlmodel import Session

from tracker.db import session
from tracker.register import Register, load_register
from tracker.store import sync_register

T = TypeVar("T")


def csv_bytes(rows: list[list[object]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[object]], sheet: str = "Sheet1", percent_cols: tuple[int, ...] = ()) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    pct = book.add_format({"num_format": "0.00%"})
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            if c in percent_cols and r > 0 and isinstance(v, float):
                ws.write_number(r, c, v, pct)
            else:
                ws.write(r, c, v)
    book.close()
    return buf.getvalue()


def sign_in_as(at: T, name: str = "planner", role: str = "planner", units: tuple[str, ...] = ()) -> T:
    """An AppTest session signed in as `name` (created with `role` in the database TRACKER_DATABASE_URL points at
    when it does not exist): the server-side state the sign-in page writes."""
    import os

    from tracker.access.accounts import add_account, has_accounts, list_accounts
    from tracker.config import Settings
    from tracker.context import open_tracker
    from tracker.db import session
    from tracker.models import utcnow

    assert os.environ.get("TRACKER_DATABASE_URL")
    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:
        if not has_accounts(s) or name not in {a.name for a in list_accounts(s)}:
            add_account(s, t.register, by="test", name=name, role=role, password="test-password", units=list(units))
    t.engine.dispose()
    at.session_state["signed_in"] = {"name": name, "seen": utcnow()}  # type: ignore[attr-defined]
    return at


def register_of(folder: Path, targets: str, units: str) -> Register:
    """A register from the YAML texts of a test, written into `folder`."""
    (folder / "t.yaml").write_text(targets, encoding="utf-8")
    (folder / "u.yaml").write_text(units, encoding="utf-8")
    return load_register(folder / "t.yaml", folder / "u.yaml")


@contextmanager
def synced(engine: Engine, register: Register) -> Iterator[Session]:
    """A session on the engine's database with the register synced (the state every test database starts in)."""
    with session(engine) as s:
        sync_register(session=s, register=register)
        s.commit()
        yield s
