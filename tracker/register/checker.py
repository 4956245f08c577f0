"""Collecting located problems while checking a parsed register file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from tracker.core.errors import Problem
from tracker.core.i18n import Ref
from tracker.register.yamlsource import position

Path = tuple[str | int, ...]


class Checker:
    """Problems of one file, each at the line and column of the item its path names."""

    def __init__(self, file: str, data: Any) -> None:
        self.file, self.data = file, data
        self.problems: list[Problem] = []

    def add(self, path: Path, key: str, **params: object) -> None:
        line, col = position(self.data, path)
        self.problems.append(Problem(self.file, key, params, line, col))

    def unique(self, section: Path | str, codes: Iterable[str], kind: Ref) -> None:
        """A problem at each code seen before in the same list."""
        base: Sequence[str | int] = (section,) if isinstance(section, str) else section
        first: dict[str, int] = {}
        for i, code in enumerate(codes):
            if code in first:
                line = position(self.data, (*base, first[code]))[0]
                self.add((*base, i, "code"), "register.duplicate_code", kind=kind, code=code, first=line)
            else:
                first[code] = i


def kind_ref(name: str) -> Ref:
    return Ref(f"register.kind_{name}")
