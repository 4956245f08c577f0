"""An evaluation pack's workbook: 汇总, 指标完成情况, 单位×指标, 月度数据, 报送情况, 说明 (numbers as numbers)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from tracker.core.i18n import Lang, msg
from tracker.register import Register
from tracker.reports.evaluation.figures import EvaluationPack
from tracker.reports.evaluation.text import ORDER, summary_sentence
from tracker.reports.model import Cell, Columns, Format, Sheet
from tracker.wording.numbers import in_document
from tracker.wording.register_changes import version_line
from tracker.wording.sentences import unit_word
from tracker.wording.tables import local_time, rule_label


def _num(value: float | None) -> Cell:
    return None if value is None or value != value else float(value)


def summary_sheet(pack: EvaluationPack, register: Register, lang: Lang) -> Sheet:
    counts = Counter(e.verdict for e in pack.entries if e.verdict)
    rows: list[list[Cell]] = [[msg(f"verdict.{v}", lang), counts.get(v, 0), msg("sep.list", lang).join(
        e.row.name(lang) for e in pack.entries if e.verdict == v)] for v in ORDER if counts.get(v)]
    rows.append([msg("eval.sheet_sentence", lang), None, summary_sentence(pack, register, lang)])
    return Sheet(msg("eval.sheet_summary", lang), [msg("eval.col_verdict", lang), msg("eval.col_count", lang),
                                                   msg("eval.col_names", lang)], rows, ["text", "count", "text"])


def indicators_sheet(pack: EvaluationPack, register: Register, lang: Lang) -> Sheet:
    rows: list[list[Cell]] = []
    for i, e in enumerate(pack.entries, start=1):
        rule = register.rule(e.target, pack.as_of.end)
        threshold = rule.threshold if rule.has_value and rule.ready else None
        rows.append([i, e.row.name(lang), unit_word(e.row.unit, lang) if e.row.unit else None,
                     _num(rule.baseline), rule_label(register, e.target, lang, pack.as_of.end), _num(threshold),
                     _num(e.row.expected),
                     _num(e.row.value), e.carried.label(lang) if e.carried else
                     f"{pack.window.first.label(lang)}–{pack.window.last.label(lang)}",
                     _num(e.row.numerator), _num(e.row.denominator), _num(e.share),
                     msg(f"verdict.{e.verdict}", lang) if e.verdict else msg(f"status.{e.row.status}", lang),
                     _num(e.projection.value) if e.projection else None,
                     e.row.units_reported, e.row.units_expected])
    columns = ["no", "name", "unit", "baseline", "target", "threshold", "pace", "actual", "actual_period", "numerator",
               "denominator", "share", "verdict", "projected", "reported", "expected_units"]  # names, never codes
    return Sheet(msg("eval.sheet_indicators", lang), [msg(f"eval.xcol_{c}", lang) for c in columns], rows,
                 ["count", "text", "text", "decimal", "text", "decimal", "decimal", "decimal", "text", "count", "count",
                  "decimal", "text", "decimal", "count", "count"])


def units_sheet(pack: EvaluationPack, register: Register, lang: Lang) -> Sheet:
    """Units × targeted indicators: each unit's own value."""
    entries = [e for e in pack.entries if not e.units.empty]
    values = {e.target: dict(zip(e.units["unit"], e.units["value"], strict=True)) for e in entries}
    units = [u for u in register.units if any(u in v for v in values.values())]
    rows: list[list[Cell]] = [[register.units[u].name(lang), *(_num(values[e.target].get(u)) for e in entries)]
                              for u in units]
    decimal: Format = "decimal"
    formats: list[Format] = ["text", *([decimal] * len(entries))]
    return Sheet(msg("eval.sheet_units", lang), [msg("ucol.name", lang), *(e.row.name(lang) for e in entries)],
                 rows, formats)


def values_sheet(pack: EvaluationPack, register: Register, lang: Lang) -> Sheet:
    """Every value the figures came from, with the revision that holds it: kept as columns (a city lists 1.4
    million), each unit's, metric's and time's text made once."""
    v = pack.values
    units = {u: register.units[u].name(lang) if u in register.units else u for u in set(v["unit"])}
    metrics = {m: register.metrics[m].name(lang) if m in register.metrics else m for m in set(v["metric"])}
    codes, times = pd.factorize(v["stored_at"])  # a submission's values share their time: each shown once
    shown = np.array([local_time(at) for at in times] + [local_time(None)], dtype=object)  # code -1: no time
    numbers = pd.to_numeric(v["value"], errors="coerce").astype(float)
    value = [None if x != x else x for x in numbers.tolist()]  # not reported (NaN) is None, printed "——"
    columns: list[list[Cell]] = [v["unit"].map(units).tolist(), v["metric"].map(metrics).tolist(),
                                 v["period"].tolist(), value, v["revision"].astype(int).tolist(),
                                 v["file"].tolist(), shown[codes].tolist()]
    whole = bool(numbers.dropna().map(float.is_integer).all())
    fmt: Format = "count" if whole else "decimal"  # counts print as counts (1 234), never 1234.00
    names = ["unit", "metric", "period", "value", "revision", "file", "stored_at"]
    return Sheet(msg("eval.sheet_values", lang), [msg(f"eval.xcol_{c}", lang) for c in names], Columns(columns),
                 ["text", "text", "text", fmt, "count", "text", "text"])


def reporting_sheet(pack: EvaluationPack, lang: Lang) -> Sheet:
    rows: list[list[Cell]] = [[p, e, r, o, _num(r / e * 100 if e else None), _num(o / e * 100 if e else None)]
                              for p, e, r, o in pack.reporting.by_period.itertuples(index=False)]
    return Sheet(msg("eval.sheet_reporting", lang), [msg(f"eval.xcol_{c}", lang) for c in (
        "period", "expected", "received", "on_time", "rate", "on_time_rate")], rows,
        ["text", "count", "count", "count", "percent", "percent"])


def notes_sheet(pack: EvaluationPack, register: Register, lang: Lang) -> Sheet:
    rows: list[list[Cell]] = [
        [msg("eval.note_as_of", lang), pack.as_of.code], [msg("eval.note_window", lang),
                                                          f"{pack.window.first.code} – {pack.window.last.code}"],
        [msg("eval.note_generated", lang), pack.generated_at.strftime("%Y-%m-%d %H:%M")],
        [msg("eval.note_version", lang), pack.version], [msg("eval.note_register", lang),
                                                        version_line(pack.register_version, register.fingerprint, lang)],
        [msg("eval.note_scope", lang), register.units[pack.unit].name(lang) if pack.unit else msg("type.district", lang)],
        [msg("eval.note_method", lang), msg("eval.method", lang)],
        [msg("eval.note_projection", lang), msg("eval.projection_method", lang)],
        [msg("eval.note_drafts", lang), msg("eval.drafts_method", lang)]]
    for ind in register.indicators.values():
        rows.append([ind.name(lang), ind.measure_zh or ""])
    return Sheet(msg("eval.sheet_notes", lang), [msg("eval.xcol_item", lang), msg("eval.xcol_content", lang)], rows,
                 ["text", "text"])


@in_document
def evaluation_sheets(pack: EvaluationPack, register: Register, lang: Lang = "zh") -> list[Sheet]:
    return [summary_sheet(pack, register, lang), indicators_sheet(pack, register, lang),
            units_sheet(pack, register, lang), values_sheet(pack, register, lang), reporting_sheet(pack, lang),
            notes_sheet(pack, register, lang)]
