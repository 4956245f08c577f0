"""Named errors of the tracker; every message says what failed and how to fix it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from tracker.core.i18n import Lang, msg


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


class EditConflict(TrackerError):
    """What a form was about to save was edited by someone else since the form was opened; nothing was stored."""

    key = "error.edit_conflict"


class OfficeTextRejected(TrackerError):
    """The office's text for a briefing section was refused (a NUL byte, too long, an unknown section, a score or
    rank out of range); nothing was stored."""

    key = "office.rejected"
