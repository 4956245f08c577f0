"""A unit's annual self-evaluation as a document (seed 003): issued by the unit itself, in seed 003's order — the
unit's own sections and per-item approvals where it entered them, its figures, the plan's targets that apply to its
type; 存在问题 and 下一步工作计划 as the unit wrote them, else drafted from the data and marked as drafts."""

from __future__ import annotations

import datetime as dt

from tracker.core.i18n import Lang, msg
from tracker.core.periods import parse_period
from tracker.register import Register
from tracker.reports.model import Block, Cover, Document, Heading, Paragraph, Table
from tracker.reports.numbers import MISSING, percent
from tracker.reports.selfeval import added
from tracker.reports.selfeval.figures import SelfEvaluation
from tracker.wording.numbers import fmt, in_document
from tracker.wording.punctuation import curly

SIGNS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
NUMERALS = "一二三四五六七八九十"
BEHIND = ("at_risk", "off_track", "overdue")


def issuer(register: Register, unit: str, lang: Lang) -> str:
    """Who signs: a street centre's 街道办事处 (南华西街政务服务中心 → 南华西街道办事处); any other unit itself."""
    u = register.units[unit]
    street = u.name_zh.removesuffix("政务服务中心").removesuffix("道")
    if u.type != "street" or not street.endswith("街"):
        return u.name(lang)
    if lang == "en":
        return msg("self.issuer_street", lang, street=u.name_en.removesuffix(" Service Centre"))
    return msg("self.issuer_street", lang, street=street)


def count(value: float | None, lang: Lang) -> str:
    return MISSING if value is None else added.cases(value, lang)


def _heading(n: int, key: str, lang: Lang) -> Heading:
    """'二、优化政务服务效能情况': numbered in the order the sections are printed (those left out take no number)."""
    return Heading(1, msg("selftext.h.numbered", lang, n=NUMERALS[n - 1] if lang == "zh" else n, text=msg(key, lang)))


def _figures(s: SelfEvaluation, lang: Lang) -> list[Block]:
    c = s.counts
    parts = [msg("self.accepted", lang, n=count(c.get("accepted"), lang))] if "accepted" in c else []
    for key, value in (("self.early", s.early), ("self.on_time", s.on_time), ("self.satisfaction", s.satisfaction)):
        if value is not None:
            parts.append(msg(key, lang, rate=percent(value)))
    missing = [msg(k, lang) for k, v in (("self.name_accepted", c.get("accepted")), ("self.name_early", s.early),
                                          ("self.name_on_time", s.on_time), ("self.name_satisfaction", s.satisfaction))
               if v is None]
    text = msg("self.figures", lang, year=s.year, parts=msg("self.sep", lang).join(parts)) if parts else ""
    if missing:
        text += msg("self.missing", lang, names=msg("self.sep", lang).join(missing))
    if c.get("accepted") and s.last_year_accepted:
        change = (c["accepted"] - s.last_year_accepted) / s.last_year_accepted * 100
        text += msg("self.change_up" if change >= 0 else "self.change_down", lang, last=s.year - 1,
                    rate=percent(abs(change)))
    text += added.thanks(s.added, lang)
    if "bad_reviews" in c:
        text += msg("self.bad_reviews", lang, n=count(c["bad_reviews"], lang),
                    fixed=count(c.get("bad_reviews_rectified"), lang))
    rows: list[list[str | float | int | None]] = [
        [msg("self.name_accepted", lang), count(c.get("accepted"), lang), ""],
        [msg("self.name_early", lang), percent(s.early),
         msg("self.basis", lang, num=count(c.get("completed_early"), lang), den=count(c.get("completed"), lang))],
        [msg("self.name_on_time", lang), percent(s.on_time),
         msg("self.basis", lang, num=count(c.get("completed_on_time"), lang), den=count(c.get("completed"), lang))],
        [msg("self.name_satisfaction", lang), percent(s.satisfaction),
         msg("self.basis_rated", lang, num=count(c.get("satisfied"), lang), den=count(c.get("evaluated"), lang))]]
    table = Table([msg("self.col_item", lang), msg("self.col_value", lang, year=s.year), msg("self.col_basis", lang)],
                  rows, ["text", "text", "text"], caption=msg("self.figures_caption", lang, year=s.year),
                  weights=[3, 2, 5])
    return [Paragraph(text), table, *added.paragraphs(s.added.efficiency)]


def _value(value: float | None, unit: str, lang: Lang) -> str:
    return msg("self.not_reported", lang) if value is None else fmt(value, unit, lang=lang)


def _targets(s: SelfEvaluation, register: Register, lang: Lang) -> list[Block]:
    unit = register.units[s.unit]
    rows = s.targets
    status = {k: sum(1 for r in rows if r.status == k) for k in ("met", "on_track", "done")}
    behind = sum(1 for r in rows if r.status in BEHIND)
    quiet = sum(1 for r in rows if r.value is None)
    plan = register.plans.get(register.plan_for(parse_period(f"{s.year}-12").end), register.plan)
    counts = {"met": status["met"] + status["done"], "on_track": status["on_track"], "behind": behind, "quiet": quiet}
    parts = msg("self.part_sep", lang).join(msg(f"self.part_{k}", lang, n=n) for k, n in counts.items() if n)
    text = msg("self.targets", lang, plan=curly(plan.name(lang)), type=msg(f"type.{unit.type}", lang), n=len(rows),
               parts=parts)  # the counts that are not zero, in this order (no "存在差距0项")
    body: list[list[str | float | int | None]] = [
        [r.name(lang), _value(r.value, r.unit, lang),
         "" if r.threshold is None else f"{SIGNS.get(r.comparison or '', '')}{fmt(r.threshold, r.unit, lang=lang)}",
         msg(f"status.{r.status}", lang)] for r in rows]
    table = Table([msg("self.col_target", lang), msg("self.col_value", lang, year=s.year),
                   msg("self.col_threshold", lang), msg("self.col_status", lang)], body,
                  ["text", "text", "text", "text"], caption=msg("self.targets_caption", lang, year=s.year),
                  weights=[5, 2, 2, 1.6])
    return [Paragraph(text), table]


def _problems(s: SelfEvaluation, lang: Lang) -> list[Block]:
    if s.added.problems:
        return list(added.paragraphs(s.added.problems))
    behind = [r for r in s.targets if r.status in BEHIND]
    quiet = [r.name(lang) for r in s.targets if r.value is None]
    lines = [msg("self.behind", lang, name=r.name(lang), value=_value(r.value, r.unit, lang),
                 threshold=f"{SIGNS.get(r.comparison or '', '')}{fmt(r.threshold, r.unit, lang=lang)}")
             for r in behind if r.threshold is not None]
    if not lines:
        lines.append(msg("self.none_behind", lang, n=len(s.targets) - len(quiet)))
    if quiet:
        lines.append(msg("self.quiet", lang, names=msg("self.sep", lang).join(quiet)))
    return [*(Paragraph(t) for t in lines), Paragraph(msg("self.draft", lang), "note")]


def _plan(s: SelfEvaluation, lang: Lang) -> list[Block]:
    if s.added.plan:
        return list(added.paragraphs(s.added.plan))
    behind = [r.name(lang) for r in s.targets if r.status in BEHIND]
    quiet = [r.name(lang) for r in s.targets if r.value is None]
    lines = []
    if behind:
        lines.append(msg("self.plan_behind", lang, next=s.year + 1, names=msg("self.sep", lang).join(behind)))
    if quiet:
        lines.append(msg("self.plan_quiet", lang, names=msg("self.sep", lang).join(quiet)))
    lines.append(msg("self.plan_keep", lang, next=s.year + 1))
    return [*(Paragraph(t) for t in lines), Paragraph(msg("self.draft", lang), "note")]


@in_document
def self_evaluation_document(s: SelfEvaluation, register: Register, lang: Lang, date: dt.date) -> Document:
    """The report in seed 003's order: the opening; 行政审批事项改革及实施情况 (the unit's text, per-item approvals,
    即办即走, complaints); 优化政务服务效能情况 (figures, 锦旗, the unit's text); 规划目标完成情况; 推进机制建立情况;
    创新方式情况; 存在问题; 下一步工作计划 — each of the unit's sections only when entered, numbered as printed."""
    who = issuer(register, s.unit, lang)
    a = s.added
    opening = added.paragraphs(a.opening) or [Paragraph(msg("self.opening", lang, year=s.year, who=who))]
    sections: list[tuple[str, list[Block]]] = [
        ("selftext.section.reform", [*added.reform_blocks(a, s.year, s.counts.get("accepted"), lang)]),
        ("selftext.section.efficiency", _figures(s, lang)),
        ("selftext.h.targets", _targets(s, register, lang)),
        ("selftext.section.mechanisms", [*added.paragraphs(a.mechanisms)]),
        ("selftext.section.innovation", [*added.paragraphs(a.innovation)]),
        ("selftext.section.problems", _problems(s, lang)),
        ("selftext.section.plan", _plan(s, lang))]
    blocks: list[Block] = [*opening]
    for n, (key, body) in enumerate([(k, b) for k, b in sections if b], start=1):
        blocks += [_heading(n, key, lang), *body]
    cover = Cover(title=msg("self.title", lang, who=who, year=s.year), issuer=who,
                  date=msg("self.date", lang, y=date.year, m=date.month, d=date.day, iso=date.isoformat()),
                  subtitle=msg("self.subtitle", lang, year=s.year))
    return Document(cover, blocks, meta={"unit": s.unit, "year": str(s.year)})
