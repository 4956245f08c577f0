"""What a target card says, in the reader's language: name, value, status, rule, both distances, the sentence,
the change since last month and the units behind the gap."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.core.i18n import Lang, msg
from tracker.engine.analysis import Change
from tracker.engine.cards import Card
from tracker.engine.progress import ProgressRow
from tracker.register import Register
from tracker.wording.changes import change_text
from tracker.wording.numbers import grouping
from tracker.wording.sentences import amount, distances, fmt, sentence, unit_word
from tracker.wording.tables import rule_label

STATUS_COLOURS = {"met": "green", "done": "green", "on_track": "blue", "not_due": "gray", "at_risk": "orange",
                  "off_track": "red", "overdue": "red", "no_data": "gray", "untargeted": "gray"}


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
        in_unit, higher = change_terms(register, row)
        change = change_text(Change(row.value, prev, unit == "%"), lang, unit=in_unit, higher_is_better=higher)
    return CardText(name=row.name(lang), value=value, status=msg(f"status.{row.status}", lang),
                    colour=STATUS_COLOURS[row.status], rule=rule_label(register, card.code, lang),
                    distances=distances(row, register, lang), sentence=sentence(row, register, lang),
                    change=change, units=units_line(card, register, lang))


def change_terms(register: Register, row: ProgressRow) -> tuple[str | None, bool | None]:
    """How a row's change is said: in its unit when it is an average in a unit (工作日), a relative % for a count;
    better or worse when its target says which way is good."""
    ind = register.indicators.get(row.indicator or "")
    unit = row.unit if ind is not None and not ind.is_total and row.unit != "%" else None
    higher = register.rule(row.target).higher_is_better if row.target else None
    return unit, higher


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
                         short=f"{c.shortfall:{grouping()}.0f} {word}".strip() if ind.unit == "%" else amount(
                             c.shortfall or 0, ind.unit, lang),
                         share=f"{c.share:.2f}%") for c in card.contributors)
    return msg("card.behind", lang, units=names)
