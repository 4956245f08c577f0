"""Totals over the unit tree: a unit's own figure for a period replaces its descendants' — never both added.

The centre reports its own totals for May and June; its departments report April to June. Hand figures
(completed, rated): April d1 300/100 + d2 700/600; May the centre 1,000/700; June the centre 1,000/800.
Run on SQLite and, when available, PostgreSQL: the same SQL serves both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.engine.test_engine import TARGETS, put, read_both_ways  # noqa: F401 (every figure read both ways)
from tests.helpers import register_of, synced
from tracker.engine.progress import progress_rows
from tracker.engine.query import indicator_item, period_figures
from tracker.engine.scorecard import scorecard
from tracker.engine.windows import Scope
from tracker.register import Register

UNITS = """\
units:
  - {code: district, name_zh: 全区, name_en: District, type: district}
  - {code: centre, name_zh: 中心, name_en: Centre, type: street, parent: district}
  - {code: d1, name_zh: 甲局, name_en: D1, type: street, parent: centre}
  - {code: d2, name_zh: 乙局, name_en: D2, type: street, parent: centre}
  - {code: team, name_zh: 甲局一科, name_en: Team, type: street, parent: d1}
  - {code: s, name_zh: 丙街, name_en: S, type: street, parent: district}
"""


@pytest.fixture
def tree_reg(tmp_path: Path) -> Register:
    return register_of(tmp_path, TARGETS, UNITS)


@pytest.fixture
def tdb(any_engine: Engine, tree_reg: Register) -> Iterator[Session]:
    with synced(any_engine, tree_reg) as s:
        put(s, [("d1", "completed", m, 300) for m in ("2019-04", "2019-05", "2019-06")]
            + [("d1", "evaluated", m, 100) for m in ("2019-04", "2019-05", "2019-06")]
            + [("d2", "completed", m, 700) for m in ("2019-04", "2019-05", "2019-06")]
            + [("d2", "evaluated", m, 600) for m in ("2019-04", "2019-05", "2019-06")]
            + [("centre", "completed", "2019-05", 1000), ("centre", "evaluated", "2019-05", 700),
               ("centre", "completed", "2019-06", 1000), ("centre", "evaluated", "2019-06", 800),
               ("centre", "completed", "2019-04", 1000)])  # April: nothing rated, so no pair of its own
        yield s


def rate(db: Session, reg: Register, scope: Scope | None = None) -> tuple[object, ...]:
    r = next(r for r in progress_rows(session=db, register=reg, as_of="2019-06", window="quarter", scope=scope)
             if r.target == "evaluation_rate")
    return r.numerator, r.denominator, r.units_reported


def test_the_centres_own_months_replace_its_departments(tdb: Session, tree_reg: Register) -> None:
    assert rate(tdb, tree_reg) == (700 + 700 + 800, 1000 + 1000 + 1000, 3)  # not 4,500 rated of 5,000
    assert rate(tdb, tree_reg, Scope("subtree", "centre")) == (2200, 3000, 3)


def test_without_the_centre_in_scope_the_departments_own_figures_count(tdb: Session, tree_reg: Register) -> None:
    assert rate(tdb, tree_reg, Scope("unit", "d1")) == (300, 900, 1)
    assert rate(tdb, tree_reg, Scope("subtree", "d1")) == (300, 900, 1)  # the centre is above d1's subtree


def test_the_trend_takes_each_month_from_whoever_reported_it_highest(tdb: Session, tree_reg: Register) -> None:
    ind = tree_reg.indicators["evaluation_rate"]
    series = period_figures(session=tdb, items=[indicator_item(ind, tree_reg)],
                            units=Scope().units(tree_reg), start=24231, end=24233)  # 2019-04 … 2019-06
    got = [tuple(x) for x in series[["end", "numerator", "denominator", "units"]].itertuples(index=False)]
    assert got == [(24231, 700, 1000, 2), (24232, 700, 1000, 1), (24233, 800, 1000, 1)]


def test_scorecard_rows_total_their_subtrees(tdb: Session, tree_reg: Register) -> None:
    card = scorecard(session=tdb, register=tree_reg, as_of="2019-06", window="quarter", rows=["centre", "s"])
    assert card.values.loc["centre", "evaluation_rate"] == pytest.approx(2200 / 3000 * 100)
    assert card.statuses.loc["s", "evaluation_rate"] == "no_data"
    depts = scorecard(session=tdb, register=tree_reg, as_of="2019-06", window="quarter", rows=["d1", "d2"])
    assert depts.values["evaluation_rate"].tolist() == pytest.approx([300 / 900 * 100, 1800 / 2100 * 100])


def test_the_nearest_reporting_ancestor_decides_within_a_subtree(tdb: Session, tree_reg: Register) -> None:
    put(tdb, [("team", "completed", "2019-04", 50), ("team", "evaluated", "2019-04", 50),
              ("d1", "completed", "2019-04", 350)])  # d1 corrects April to include its team: 350, 100 rated
    # in d1's subtree, April is d1's own figure (not d1's plus the team's); the rest as before
    assert rate(tdb, tree_reg, Scope("subtree", "d1")) == (300, 950, 2)
    # in the district, April: d1 (350/100) + d2 (700/600); May and June: the centre
    assert rate(tdb, tree_reg) == (700 + 700 + 800, 1050 + 1000 + 1000, 4)
    # the team alone still shows its own April
    assert rate(tdb, tree_reg, Scope("unit", "team")) == (50, 50, 1)
