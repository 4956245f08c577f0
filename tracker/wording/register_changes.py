"""Register changes in words: '目标“满意率”的目标值由 90 改为 95', 'unit “区政务管理办公室” renamed …'."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from tracker.core.i18n import Lang, msg
from tracker.register.changes import RegisterChange
from tracker.storage.register_versions import Version
from tracker.wording.tables import local_time


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def change_text(change: RegisterChange, names: Mapping[str, str], lang: Lang) -> str:
    """One change as a sentence, codes replaced by `names` where known."""
    name = names.get(change.code, change.code)
    key = f"regchange.{change.kind}"
    if change.kind == "target_adjusted" and isinstance(change.new, dict):
        adj = change.new
        return msg(key, lang, name=name, effective=adj.get("effective", ""), threshold=_value(adj.get("threshold")),
                   deadline=_value(adj.get("deadline")), document=adj.get("document", ""), reason=adj.get("reason", ""))
    return msg(key, lang, name=name, plan=change.plan or "", old=_value(change.old), new=_value(change.new))


def changes_text(changes: list[RegisterChange], names: Mapping[str, str], lang: Lang) -> list[str]:
    """Every change as a sentence; one sentence when there is none."""
    return [change_text(c, names, lang) for c in changes] or [msg("regchange.none", lang)]


def versions_table(versions: list[Version], names: Mapping[str, str], lang: Lang) -> pd.DataFrame:
    """Every stored register version, newest first: number, when first loaded (China time), by which process,
    and its changes from the version before, in words."""
    return pd.DataFrame([{
        msg("regver.col_number", lang): v.number, msg("regver.col_at", lang): local_time(v.first_loaded_at),
        msg("regver.col_by", lang): v.loaded_by,
        msg("regver.col_changes", lang): "\n".join(_version_changes(v, names, lang))} for v in versions])


def _version_changes(version: Version, names: Mapping[str, str], lang: Lang) -> list[str]:
    """A version's changes in words; the first version has none to list, and a later one without listed changes
    changed what is not itemised (a name, a unit's parent, a metric's frequency…): said so, never "no change"."""
    if version.changes:
        return changes_text(version.changes, names, lang)
    return [msg("regchange.first" if version.number == 1 else "regchange.unlisted", lang)]


def version_line(version: Version | None, fingerprint: str, lang: Lang) -> str:
    """'登记表版本：第 3 版（158a4883e1ac，2026-12-01 08:30 首次加载）' — what a document's 说明 states."""
    if version is None:
        return msg("regver.unrecorded", lang, fingerprint=fingerprint[:12])
    return msg("regver.used", lang, n=version.number, fingerprint=fingerprint[:12],
               at=local_time(version.first_loaded_at))
