"""Plain-text renderings shared by the command line (tables and summary lines)."""

from __future__ import annotations

from tracker.completeness import Completeness
from tracker.i18n import Lang, msg
from tracker.register import Register


def completeness_lines(report: Completeness, register: Register, lang: Lang) -> list[str]:
    """The district summary, the per-unit table and the units that have not reported, as lines."""
    heads = {c: msg(f"complete.col_{c}", lang) for c in
             ("name", "expected", "received", "on_time", "late", "missing", "status")}
    table = report.units.assign(status=[msg(f"complete.{s}", lang) for s in report.units["status"]])
    lines = [msg("complete.summary", lang, period=report.period.label(lang), deadline=report.deadline.isoformat(),
                 received=report.received, expected=report.expected, on_time=report.on_time,
                 reporting_rate=_pct(report.reporting_rate), on_time_rate=_pct(report.on_time_rate))]
    lines.append(table[list(heads)].rename(columns=heads).to_string(index=False))
    missing = [register.units[u].name(lang) for u in report.missing_units()]
    if missing:
        lines.append(msg("complete.missing_units", lang, units="、".join(missing) if lang == "zh" else ", ".join(missing)))
    return lines


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}%"
