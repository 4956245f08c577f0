"""A register file cannot hang or crash the app: aliases within a budget, no recursion, bounded nesting, values
that do not convert reported where they are; a broken edit stays reported until fixed."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.register.test_register import TARGETS, UNITS
from tracker.register import validate_registers
from tracker.register.source import RegisterSource
from tracker.register.yamlsource import load_located


def laughs(levels: int) -> str:
    """The "billion laughs": each level a list of nine aliases to the level below (9^levels strings)."""
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghi"[: levels - 1]:
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


@pytest.mark.parametrize("levels", [7, 9])
def test_an_alias_bomb_is_refused_at_once(levels: int) -> None:
    """The probe: 1.4 KB of aliases grew to 1.5 GB after 60 s; a 7-level one took 28 s on the first page."""
    started = time.perf_counter()
    data, problems = load_located(laughs(levels), "t.yaml")
    assert time.perf_counter() - started < 2
    assert data is None and [p.key for p in problems] == ["register.yaml_aliases"]
    assert "10,000" in problems[0].text("en")


def test_a_few_aliases_are_fine() -> None:
    data, problems = load_located("base: &b {unit: 件, frequency: month}\nx: *b\ny: *b\n", "t.yaml")
    assert problems == [] and data["x"] == data["y"] == {"unit": "件", "frequency": "month"}


def test_a_recursive_alias_is_a_located_problem() -> None:
    data, problems = load_located("metrics:\n  - &m [1, *m]\n", "t.yaml")
    assert data is None and [(p.key, p.line, p.column) for p in problems] == [("register.yaml_recursive", 2, 5)]


def test_nesting_without_end_is_refused() -> None:
    data, problems = load_located("[" * 5000 + "]" * 5000, "t.yaml")
    assert data is None and [p.key for p in problems] == ["register.yaml_too_deep"]
    data, problems = load_located("a: " + "[" * 70 + "]" * 70, "t.yaml")
    assert data is None and [p.key for p in problems] == ["register.yaml_too_deep"]


def test_values_that_do_not_convert_are_located_problems() -> None:
    """The probe: `deadline: 2019-06-31`, a 5,000-digit number and a bad hour raised ValueError — a traceback on
    the sign-in page."""
    text = "deadline: 2019-06-31\nthreshold: " + "9" * 5000 + "\nat: 2019-06-01 25:00:00\nok: 3\n"
    data, problems = load_located(text, "t.yaml")
    assert data is None
    assert [(p.line, p.column, p.text("en")) for p in problems] == [
        (1, 11, 'The value "2019-06-31" cannot be read: it must be a date such as 2020-12-31 or 2020-12'),
        (2, 12, f'The value "{"9" * 40}" cannot be read: it has too many digits (15 at most)'),
        (3, 5, 'The value "2019-06-01 25:00:00" cannot be read: it must be a date such as 2020-12-31 or 2020-12')]


def write(folder: Path, targets: str = TARGETS, units: str = UNITS) -> tuple[Path, Path]:
    (folder / "targets.yaml").write_text(targets, encoding="utf-8")
    (folder / "units.yaml").write_text(units, encoding="utf-8")
    return folder / "targets.yaml", folder / "units.yaml"


@pytest.mark.parametrize("broken", [TARGETS.replace("deadline: 2020-12-31", "deadline: 2019-06-31"),
                                    TARGETS.replace("threshold: 70", "threshold: " + "7" * 5000),
                                    TARGETS + "extra: &x [*x]\n", laughs(9) + TARGETS])
def test_validation_reports_instead_of_raising(broken: str, tmp_path: Path) -> None:
    register, problems = validate_registers(*write(tmp_path, broken))
    assert register is None and problems and all(p.file.endswith("targets.yaml") for p in problems)


def test_a_broken_edit_stays_reported_until_fixed(tmp_path: Path) -> None:
    """The probe: the file's time was recorded before the check raised, so the next look found "no change" and
    the broken edit was reported nowhere."""
    t, u = write(tmp_path)
    source = RegisterSource(t, u)
    valid = source.state()
    t.write_text(TARGETS.replace("deadline: 2020-12-31", "deadline: 2019-06-31"), encoding="utf-8")
    os.utime(t, ns=(1, 1))
    for _ in range(3):  # every later look, with the file unchanged, still says so
        state = source.state()
        assert state.register is valid.register and state.stale
        assert [(p.key, p.line) for p in state.problems] == [("register.bad_scalar", 21)]
    t.write_text(TARGETS, encoding="utf-8")
    os.utime(t, ns=(2, 2))
    fixed = source.state()
    assert fixed.register is not None and not fixed.problems


def test_a_check_that_fails_unexpectedly_is_reported_and_retried(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a check raises, the source says so and keeps serving the last valid register, every time."""
    from tracker.register import source as source_module

    t, u = write(tmp_path)
    source = RegisterSource(t, u)
    valid = source.state()

    def explode(*_: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(source_module, "validate_registers", explode)
    os.utime(t, ns=(1, 1))
    for _ in range(2):
        state = source.state()
        assert state.register is valid.register and [p.key for p in state.problems] == ["register.unreadable"]


def test_an_unreadable_or_missing_file_is_a_problem(tmp_path: Path) -> None:
    t, u = write(tmp_path)
    source = RegisterSource(t, u)
    assert source.state().register is not None
    t.write_bytes(b"plan: \xff\xfe\n")
    os.utime(t, ns=(1, 1))
    assert [p.key for p in source.state().problems] == ["register.unreadable"]
    t.unlink()
    assert [p.key for p in source.state().problems] == ["error.file_missing"]
