"""A card's units short of the target (tracker/engine/cards.py): counted and named by the target's own rule, a unit
without a value never among them."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from sqlmodel import Session

from tracker.engine.cards import build_card
from tracker.engine.progress import progress_rows
from tracker.register import Register


def test_a_card_counts_and_names_the_units_short_of_the_target_and_never_one_without_a_value(
        demo_db: Session, register: Register) -> None:
    row = next(r for r in progress_rows(session=demo_db, register=register, as_of="2020-06")
               if r.target and r.indicator and not register.indicators[r.indicator].is_total
               and register.rule(r.target).comparison == ">=")
    assert row.target is not None and row.indicator is not None
    threshold = register.rule(row.target, row.as_of.end).threshold
    factor = register.indicators[row.indicator].factor
    units = list(register.units)[1:5]
    values = [threshold - 1, threshold + 1, float("nan"), threshold - 1e-12]  # short, above, none, equal (noise)
    per_unit = pd.DataFrame({"unit": units, "numerator": [0.0 if v != v else v * 100 / factor for v in values],
                             "denominator": [0.0 if v != v else 100.0 for v in values], "periods": 6,
                             "value": values})
    trend = pd.DataFrame(columns=["period", "value"])
    behind = build_card(replace(row, status="off_track"), None, trend, per_unit, per_unit, register)
    met = build_card(replace(row, status="met"), None, trend, per_unit, per_unit, register)
    # by hand: only the first unit is short; the third has no value, the fourth meets the target up to rounding noise
    assert behind.units_below == 1 and [c.unit for c in behind.contributors] == [units[0]]
    assert met.units_below == 1 and [c.unit for c in met.contributors] == [units[0]]
