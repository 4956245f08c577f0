"""The register's plans in words: one line each for the command line and the chooser, and as JSON."""

from __future__ import annotations

from tracker.core.i18n import Lang, msg
from tracker.core.periods import month
from tracker.register import Register


def plan_label(register: Register, code: str, lang: Lang) -> str:
    """'十四五（2021–2025年，示例）' — a plan as the chooser names it: its short name, span and whether it
    is an example (said once: the full name of an example plan says so itself)."""
    p = register.plans.get(code, register.plan)
    span = msg("plans.span", lang, start=p.start[:4], end=p.end[:4])
    example = msg("plans.example", lang) if p.example else ""
    return msg("plans.label", lang, name=p.short(lang), span=span, example=example)


def plan_lines(register: Register, lang: Lang) -> list[str]:
    """'13  广州市海珠区"十三五"…  2016-01–2020-12  海政务办〔2018〕1号  16 项目标' per plan, oldest first."""
    lines = []
    for p in sorted(register.all_plans(), key=lambda x: x.first_month):
        n = len(register.plan_targets.get(p.code, {}))
        lines.append(msg("plans.line", lang, code=p.code, name=p.name(lang), start=p.start, end=p.end,
                         document=p.document or "—", n=n,
                         example=msg("plans.example", lang) if p.example else ""))
    return lines


def plans_json(register: Register) -> list[dict[str, object]]:
    """Every plan: code, names, start, end, document, issuer, whether an example, its checkpoints and targets."""
    return [{"code": p.code, "name_zh": p.name_zh, "name_en": p.name_en, "start": p.start, "end": p.end,
             "document": p.document, "issuer": p.issuer, "example": p.example,
             "checkpoints": [c.period for c in p.checkpoints],
             "targets": list(register.plan_targets.get(p.code, {}))}
            for p in sorted(register.all_plans(), key=lambda x: x.first_month)]


def plan_starts(register: Register, lang: Lang) -> list[tuple[str, str]]:
    """(first month, the plan in a word) of every plan: where a trend chart marks a new plan."""
    return [(month(p.first_month).code, p.short(lang)) for p in sorted(register.all_plans(),
                                                                        key=lambda x: x.first_month)]
