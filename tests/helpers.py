"""Small builders for the tests: real files for the import, registers from YAML text, synced databases."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal, TypeVar

import pytest
import xlsxwriter
from sqlalchemy import Engine
from sqlmodel import Session

from tracker.access.roles import Actor
from tracker.register import Register, load_register
from tracker.storage.db import session
from tracker.storage.register_tables import sync_register

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


def sign_in_as(at: T, name: str = "planner", role: str = "planner", units: tuple[str, ...] = (),
               plan: str | None = "13") -> T:
    """An AppTest session signed in as `name` (created with `role` in the database TRACKER_DATABASE_URL points at
    when it does not exist): a browser session started in the database, its id in the tab's state, as the sign-in
    form leaves it (AppTest has no cookies; a browser also finds the session by its cookie). It opens on `plan`
    (?plan=13: the 十三五, whose story the page tests tell), or the app's own choice when None."""
    import datetime as dt
    import os

    from tracker.access import sessions
    from tracker.access.accounts import add_account, has_accounts, list_accounts
    from tracker.core.settings import Settings
    from tracker.storage.db import session
    from tracker.storage.opening import open_tracker

    assert os.environ.get("TRACKER_DATABASE_URL")
    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:
        if not has_accounts(s) or name not in {a.name for a in list_accounts(s)}:
            add_account(s, t.register, actor=Actor("test", "admin"), name=name, role=role, password="test-password", units=list(units))
        handoff = sessions.start(s, name=name, idle=dt.timedelta(days=1))
    t.engine.dispose()
    at.session_state["browser_session"] = handoff.session_id  # type: ignore[attr-defined]
    if plan is not None:
        at.query_params["plan"] = plan  # type: ignore[attr-defined]
    return at


def unescaped(markdown: str) -> str:
    """What a reader sees of escaped Markdown text: the marks without their backslashes, no word joiners."""
    import re

    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


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


def shared(scope: Literal["module", "session"]) -> Callable[[str, pytest.Config], Literal["function", "module", "session"]]:
    """A fixture scope that is `scope`, except while mutmut records which tests call which function (its "stats"
    phase): there each test builds the fixture itself, so every test reading a pack made once is run against the
    mutants of the code that makes it, not only the first test that happened to build it."""
    def scope_now(fixture_name: str, config: pytest.Config) -> Literal["function", "module", "session"]:
        return "function" if os.environ.get("MUTANT_UNDER_TEST") == "stats" else scope

    return scope_now
