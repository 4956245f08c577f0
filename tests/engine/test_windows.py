"""Time windows and unit scopes: every kind, the previous window (环比) and the same window a year ago (同比)."""

from __future__ import annotations

import pytest

from tracker.core.errors import TrackerError, UnknownUnit
from tracker.engine.windows import Scope, Window, scope_for, window_for
from tracker.register import Register


def span(w: Window) -> tuple[str, str]:
    return w.first.code, w.last.code


@pytest.mark.parametrize(("kind", "as_of", "current", "previous"), [
    ("month", "2019-03", ("2019-03", "2019-03"), ("2019-02", "2019-02")),
    ("quarter", "2019-05", ("2019-04", "2019-05"), ("2019-01", "2019-02")),
    ("half_year", "2019-08", ("2019-07", "2019-08"), ("2019-01", "2019-02")),
    ("year", "2019-03", ("2019-01", "2019-03"), ("2018-01", "2018-03")),
    ("ytd", "2019-06", ("2019-01", "2019-06"), ("2018-01", "2018-06")),
    ("rolling12", "2019-06", ("2018-07", "2019-06"), ("2017-07", "2018-06")),
    ("plan", "2016-06", ("2016-01", "2016-06"), ("2015-07", "2015-12")),  # the stretch just before, as long
])
def test_each_window_and_the_one_before_it(reg: Register, kind: str, as_of: str, current: tuple[str, str],
                                           previous: tuple[str, str]) -> None:
    w = window_for(kind, as_of, reg)
    assert (w.kind, span(w), span(w.previous())) == (kind, current, previous)
    assert w.previous().kind == kind


def test_same_window_a_year_ago(reg: Register) -> None:
    w = window_for("quarter", "2019-05", reg)
    assert span(w.year_ago()) == ("2018-04", "2018-05")
    assert span(w.shifted(2)) == ("2019-02", "2019-03")
    assert w.shifted(2).kind == "quarter"


def test_a_window_takes_a_period_or_its_text(reg: Register) -> None:
    from tracker.core.periods import parse_period

    assert window_for("ytd", parse_period("2019-06"), reg) == window_for("ytd", "2019-06", reg)


def test_unknown_window_names_the_choices(reg: Register) -> None:
    with pytest.raises(TrackerError) as exc:
        window_for("fortnight", "2019-06", reg)
    assert exc.value.text("zh") == ("无法识别时间窗口“fortnight”；可选：month, quarter, half_year, year, ytd, plan, "
                                    "rolling12")


def test_scopes(reg: Register) -> None:
    assert Scope().units(reg) == ["district", "a", "b", "c"]
    assert Scope("type", "street").units(reg) == ["a", "b", "c"]
    assert Scope("unit", "b").units(reg) == ["b"]
    assert sorted(Scope("subtree", "district").units(reg)) == ["a", "b", "c", "district"]
    assert (Scope().label, Scope("type", "street").label, Scope("unit", "b").label) == (
        "district", "type:street", "unit:b")
    with pytest.raises(UnknownUnit) as exc:
        Scope("unit", "zz").units(reg)
    assert "“zz”" in exc.value.text("zh")


@pytest.mark.parametrize(("written", "scope"), [
    (None, Scope()), ("district", Scope()), ("type:street", Scope("type", "street")),
    ("a", Scope("unit", "a")),                 # a leaf: itself
    ("district", Scope()),
])
def test_scope_from_what_the_cli_accepts(reg: Register, written: str | None, scope: Scope) -> None:
    assert scope_for(reg, written) == scope


def test_a_unit_with_children_is_taken_with_them(register: Register) -> None:
    assert scope_for(register, "centre") == Scope("subtree", "centre")
    assert scope_for(register, "street_chigang") == Scope("unit", "street_chigang")
    with pytest.raises(UnknownUnit) as exc:
        scope_for(register, "nowhere")
    assert exc.value.text("en").startswith('Unit "nowhere" is not in the unit register')


def test_a_unit_scope_is_the_unit_alone_even_when_it_has_children(register: Register) -> None:
    assert Scope("unit", "centre").units(register) == ["centre"]
    assert len(Scope("subtree", "centre").units(register)) == 1 + 24
