"""Changes (环比, 同比) in words: '上升 1.20 个百分点' / '下降 15.32%' / '下降 0.02 工作日（向好）' / '持平'."""

from __future__ import annotations

from tracker.core.i18n import Lang, msg
from tracker.engine.analysis import Change
from tracker.wording.numbers import amount


def change_text(change: Change, lang: Lang, *, unit: str | None = None, higher_is_better: bool | None = None) -> str:
    """The change in the figure's own terms: percentage points for percentages, the unit itself for an average in
    a unit ('下降 0.02 工作日'), a relative % for counts (`unit` None); then whether that is better or worse when
    the target says which way is good; '持平', or '无可比数据'."""
    d = change.delta
    if d is None or change.current is None or change.previous is None:
        return msg("change.none", lang)
    absolute = change.current - change.previous
    if abs(absolute if unit else d) < 0.005:
        return msg("change.flat", lang)
    if change.points:
        said = amount(d, "%", lang)
    elif unit:
        said = amount(absolute, unit, lang)
    else:
        said = f"{abs(d):.2f}%"
    text = msg("change.up" if d > 0 else "change.down", lang, change=said)
    if higher_is_better is None:
        return text
    better = (d > 0) == higher_is_better
    return msg("change.judged", lang, change=text, judgement=msg("change.better" if better else "change.worse", lang))
