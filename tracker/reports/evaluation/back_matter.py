"""An evaluation pack's back matter: the reporting section (四、数据报送情况), the 说明 page and the per-unit appendix
tables (附表), in the reader's language; `tracker.reports.evaluation.text` puts them after the targets."""

from __future__ import annotations

from tracker.core.i18n import Lang, msg
from tracker.engine.analysis import sorted_by
from tracker.register import Register
from tracker.reports.evaluation.figures import EvaluationPack
from tracker.reports.model import Block, Cell, Format, Heading, PageBreak, Paragraph, Table
from tracker.reports.numbers import percent, ratio, whole
from tracker.wording.register_changes import version_line


def reporting_blocks(pack: EvaluationPack, register: Register, lang: Lang) -> list[Block]:
    r = pack.reporting
    text = msg("eval.reporting", lang, first=r.first.label(lang), last=r.last.label(lang), expected=whole(r.expected),
               received=whole(r.received), on_time=whole(r.on_time), rate=percent(ratio(r.received, r.expected)),
               on_time_rate=percent(ratio(r.on_time, r.expected)))
    worst = r.by_unit[(r.by_unit["missing"] > 0) | (r.by_unit["late"] > 0)].sort_values(
        ["missing", "late"], ascending=False).head(10)
    rows: list[list[Cell]] = [[register.units[u].name(lang), e, rc, ot, la, mi] for u, e, rc, ot, la, mi in
                              worst[["unit", "expected", "received", "on_time", "late", "missing"]].itertuples(index=False)]
    blocks: list[Block] = [Paragraph(text)]
    if rows:
        blocks.append(Table([msg(f"complete.col_{c}", lang) for c in ("name", "expected", "received", "on_time",
                                                                        "late", "missing")],
                            rows, ["text", "count", "count", "count", "count", "count"],
                            caption=msg("eval.reporting_caption", lang)))
    else:
        blocks.append(Paragraph(msg("eval.reporting_all", lang)))
    return blocks


def appendix(pack: EvaluationPack, register: Register, lang: Lang) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(1, msg("eval.h_appendix", lang))]
    for i, e in enumerate(pack.entries, start=1):
        ind = register.indicator_of(register.targets[e.target])
        if ind is None or e.units.empty:
            continue
        units = sorted_by(e.units, "value", ascending=not register.rule(e.target).higher_is_better,
                          register=register)
        rows: list[list[Cell]] = [[register.units[u].name(lang), n, d, None if v != v else v]
                                  for u, n, d, v in units[["unit", "numerator", "denominator", "value"]].itertuples(
                                      index=False)]
        value_format: Format = "percent" if ind.is_percent else "decimal"
        blocks.append(Table([msg("ucol.name", lang), *_sides(register, ind.numerators, ind.denominators, lang),
                             ind.name(lang)], rows, ["text", "count", "count", value_format],
                            caption=msg("eval.appendix_table", lang, i=i, name=ind.name(lang))))
    return blocks


def notes_blocks(pack: EvaluationPack, register: Register, lang: Lang) -> list[Block]:
    """说明: versions and generation time (kept off the cover), the method, the outlook and the drafts."""
    rows: list[list[Cell]] = [
        [msg("eval.note_generated", lang), pack.generated_at.strftime("%Y-%m-%d %H:%M")],
        [msg("eval.note_version", lang), pack.version],
        [msg("eval.note_register", lang), version_line(pack.register_version, register.fingerprint, lang)
         .split("：", 1)[-1].split(": ", 1)[-1]],  # the line names itself: said once, in the item column
        [msg("eval.note_method", lang), msg("eval.method", lang)],
        [msg("eval.note_projection", lang), msg("eval.projection_method", lang)],
        [msg("eval.note_drafts", lang), msg("eval.drafts_method", lang)]]
    if any(register.rule(e.target).has_value and register.rule(e.target).baseline_estimated for e in pack.entries):
        rows.append([msg("eval.col_baseline", lang), msg("eval.estimated_note", lang)])
    return [Heading(1, msg("eval.h_notes", lang)),
            Table([msg("eval.xcol_item", lang), msg("eval.xcol_content", lang)], rows, ["text", "text"],
                  weights=[22, 78])]


def _sides(register: Register, numerators: list[str], denominators: list[str], lang: Lang) -> list[str]:
    """The appendix's headers: what was counted (办结量, 公布用时合计…), not 分子/分母 (finding 12)."""
    def name(codes: list[str], fallback: str) -> str:
        names = [register.metrics[c].name(lang) for c in codes if c in register.metrics]
        return "＋".join(names) if names and lang == "zh" else " + ".join(names) if names else msg(fallback, lang)
    return [name(numerators, "ucol.numerator"), name(denominators, "ucol.denominator")]
