"""Named errors of the tracker; every message says what failed and how to fix it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from tracker.i18n import Lang, msg


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is, what is wrong, how to fix it."""

    file: str
    key: str
    params: dict[str, object] = field(default_factory=dict)
    line: int | None = None
    column: str | int | None = None
    value: str | None = None
    severity: str = "error"

    def text(self, lang: Lang = "zh") -> str:
        """The message in the given language, without location."""
        return msg(self.key, lang, **self.params)

    def located(self, lang: Lang = "zh") -> str:
        """`file:line:column: message` as compilers print it."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts) + ": " + self.text(lang)


class TrackerError(Exception):
    """Base of every error the tracker reports to a user."""

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: Lang = "zh") -> str:
        """The message in the given language."""
        return msg(self.key, lang, **self.params)


class ProblemsError(TrackerError):
    """An error that carries every problem found, not only the first."""

    def __init__(self, key: str, problems: Sequence[Problem], **params: object) -> None:
        self.problems = list(problems)
        super().__init__(key, count=len(self.problems), **params)


class RegisterError(ProblemsError):
    """The target or unit register is invalid."""


class ImportRejected(ProblemsError):
    """An uploaded file was rejected; nothing was written."""


class UnknownUnit(TrackerError):
    """A unit code, name or alias is not in the unit register."""

    key = "error.unknown_unit"


class BadPeriod(TrackerError):
    """A period could not be read."""

    key = "error.bad_period"


class DatabaseError(TrackerError):
    """The database could not be opened or upgraded."""

    key = "error.database"


def problems_csv(problems: Sequence[Problem], lang: Lang = "zh") -> bytes:
    """The problem list as CSV for Excel (UTF-8 with BOM); a cell that looks like a formula is written as text."""
    import csv
    import io

    from tracker.safecells import csv_cell

    frame = problems_frame(problems, lang)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(frame.columns)
    for row in frame.itertuples(index=False):
        w.writerow(["" if v is None or v != v else csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def problems_frame(problems: Sequence[Problem], lang: Lang = "zh") -> pd.DataFrame:
    """Problems as a table a user can read and download: file, row/line, column, value, severity, message."""
    from tracker.i18n import msg as _msg

    heads = [_msg(f"problem.col_{c}", lang) for c in ("file", "line", "column", "value", "severity", "message")]
    rows = [[p.file, p.line, p.column, p.value, _msg(f"problem.{p.severity}", lang), p.text(lang)]
            for p in problems]
    return pd.DataFrame(rows, columns=heads)
