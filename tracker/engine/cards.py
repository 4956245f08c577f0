"""One target as the overview shows it: its figures, trend and the units behind its shortfall, and the words.

`Card` holds unformatted figures (shared with the reports); `card_text` words them in the reader's language.
Cards are ordered by urgency: what is behind first, what needs nothing last.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tracker.engine.analysis import Change, attribution, sorted_by
from tracker.engine.progress import ProgressRow
from tracker.engine.tables import rule_label
from tracker.engine.wording import amount, distances, fmt, sentence, unit_word
from tracker.i18n import Lang, msg
from tracker.register import Register

URGENCY = {"off_track": 0, "overdue": 0, "at_risk": 1, "no_data": 2, "on_track": 3, "met": 4, "done": 4,
           "not_due": 5}
STATUS_COLOURS = {"met": "green", "done": "green", "on_track": "blue", "not_due": "gray", "at_risk": "orange",
                  "off_track": "red", "overdue": "red", "no_data": "gray", "untargeted": "gray"}
NAMED = 3  # units named on a card


@dataclass(frozen=True)
class Contributor:
    """A unit on a card: its own value and, for a target behind, its part of the district's shortfall."""

    unit: str
    value: float | None
    shortfall: float | None = None
    share: float | None = None


@dataclass(frozen=True)
class Card:
    row: ProgressRow
    previous: ProgressRow | None
    trend: pd.DataFrame
    # behind (at risk, off track): the largest parts of the shortfall; met: the units still below the target
    contributors: list[Contributor] = field(default_factory=list)
    units_below: int = 0

    @property
    def code(self) -> str:
        assert self.row.target is not None
        return self.row.target

    @property
    def urgency(self) -> int:
        return URGENCY.get(self.row.status, 6)


def build_card(row: ProgressRow, previous: ProgressRow | None, trend: pd.DataFrame, per_unit: pd.DataFrame,
               own: pd.DataFrame, register: Register) -> Card:
    """A card from a progress row and the unit figures of its window (`per_unit`: what each unit adds to the
    total; `own`: each unit's own figure)."""
    assert row.target is not None
    target = register.targets[row.target]
    ind = register.indicator_of(target)
    trend = trend if row.value is not None else trend.iloc[0:0]
    if ind is None or target.threshold is None or per_unit.empty:
        return Card(row, previous, trend)
    if row.status in ("at_risk", "off_track"):
        blame = attribution(per_unit, target, ind, register, "zh").head(NAMED)
        named = [Contributor(u, v, s, sh) for u, v, s, sh in
                 blame[["unit", "value", "shortfall", "share"]].itertuples(index=False)]
        return Card(row, previous, trend, named, int((per_unit["value"] < target.threshold).sum()))
    if row.status == "met":
        from tracker.engine.status import compare

        below = own[[v == v and not compare(v, target.comparison, target.threshold) for v in own["value"]]]
        below = sorted_by(below, "value", ascending=target.higher_is_better, register=register)
        named = [Contributor(u, v) for u, v in below[["unit", "value"]].head(NAMED).itertuples(index=False)]
        return Card(row, previous, trend, named, len(below))
    return Card(row, previous, trend)


def ordered(cards: list[Card], by_urgency: bool = True) -> list[Card]:
    """Behind first (register order inside a group), or the register's order."""
    return sorted(cards, key=lambda c: c.urgency) if by_urgency else list(cards)


@dataclass(frozen=True)
class CardText:
    name: str
    value: str
    status: str
    colour: str
    rule: str
    distances: str
    sentence: str
    change: str
    units: str


def card_text(card: Card, register: Register, lang: Lang) -> CardText:
    """Everything a card says, in the reader's language."""
    row = card.row
    unit = row.unit
    value = fmt(row.value, unit, 2, lang) if row.value is not None else "—"
    change = ""
    if row.indicator:
        prev = card.previous.value if card.previous else None
        change = Change(row.value, prev, unit == "%").text(lang)
    return CardText(name=row.name(lang), value=value, status=msg(f"status.{row.status}", lang),
                    colour=STATUS_COLOURS[row.status], rule=rule_label(register, card.code, lang),
                    distances=distances(row, register, lang), sentence=sentence(row, register, lang),
                    change=change, units=units_line(card, register, lang))


def units_line(card: Card, register: Register, lang: Lang) -> str:
    """'差距主要来自：南石头街政务服务中心（差 1,234 件，占 35.20%）、…' or '低于目标的单位：…（等 5 个）'."""
    if not card.contributors:
        return ""
    ind = register.indicator_of(register.targets[card.code])
    assert ind is not None
    word = unit_word(register.metrics[ind.numerators[0]].unit, lang)
    sep = msg("sep.list", lang)
    if card.row.status == "met":
        names = sep.join(msg("card.unit_value", lang, unit=register.units[c.unit].name(lang),
                             value=fmt(c.value, ind.unit, 2, lang)) for c in card.contributors if c.value is not None)
        more = msg("card.more", lang, n=card.units_below) if card.units_below > len(card.contributors) else ""
        return msg("card.below", lang, units=names + more)
    names = sep.join(msg("card.unit_short", lang, unit=register.units[c.unit].name(lang),
                         short=f"{c.shortfall:,.0f} {word}".strip() if ind.unit == "%" else amount(
                             c.shortfall or 0, ind.unit, lang),
                         share=f"{c.share:.2f}%") for c in card.contributors)
    return msg("card.behind", lang, units=names)
