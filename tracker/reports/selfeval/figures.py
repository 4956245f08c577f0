"""The figures of a unit's annual self-evaluation: its own volume and rates for the year (counts summed over the
year, rates Σ numerator ÷ Σ denominator), last year's volume, and the plan's targets that apply to its type."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from tracker.core.errors import UnknownUnit
from tracker.core.periods import parse_period
from tracker.engine.aggregate import own
from tracker.engine.progress import ProgressRow, progress_rows
from tracker.engine.query import metric_item, unit_figures
from tracker.engine.windows import Scope
from tracker.register import Register
from tracker.reports.numbers import ratio
from tracker.reports.selfeval.entry import SelfText
from tracker.reports.selfeval.stored import current_self_text

COUNTS = ("accepted", "completed", "completed_on_time", "completed_early", "evaluated", "satisfied", "bad_reviews",
          "bad_reviews_rectified")


@dataclass(frozen=True)
class SelfEvaluation:
    unit: str
    year: int
    counts: dict[str, float]  # the unit's own counts for the year (a metric it did not report is absent)
    last_year_accepted: float | None
    targets: list[ProgressRow]  # the plan's targets that apply to the unit's type, for the unit alone
    added: SelfText = field(default_factory=SelfText)  # what the unit entered itself (its latest save)

    @property
    def on_time(self) -> float | None:
        return ratio(self.counts.get("completed_on_time"), self.counts.get("completed"))

    @property
    def early(self) -> float | None:
        return ratio(self.counts.get("completed_early"), self.counts.get("completed"))

    @property
    def satisfaction(self) -> float | None:
        return ratio(self.counts.get("satisfied"), self.counts.get("evaluated"))


def _counts(session: Session, register: Register, unit: str, year: int) -> dict[str, float]:
    p = parse_period(str(year))
    items = [metric_item(register.metrics[m]) for m in COUNTS if m in register.metrics]
    figures = unit_figures(session=session, items=items, units=[unit], start=p.start, end=p.end)
    out: dict[str, float] = {}
    for key, groups in figures.groupby("key"):
        table = own(groups)
        if not table.empty:
            out[str(key)] = float(table["numerator"].iloc[0])
    return out


def self_evaluation(*, session: Session, register: Register, unit: str, year: int) -> SelfEvaluation:
    """The unit's year: its figures and the targets that apply to it (those whose figures its type reports)."""
    if unit not in register.units:
        raise UnknownUnit(unit=unit)
    counts = _counts(session, register, unit, year)
    rows = progress_rows(session=session, register=register, as_of=f"{year}-12", window="ytd",
                         scope=Scope("unit", unit), include_untargeted=False)
    applies = [r for r in rows if r.target is not None and r.units_expected > 0]
    stored = current_self_text(session=session, unit=unit, year=year)
    return SelfEvaluation(unit, year, counts, _counts(session, register, unit, year - 1).get("accepted"), applies,
                          SelfText() if stored is None else stored.text)
