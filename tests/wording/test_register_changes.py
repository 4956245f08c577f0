"""The register versions table in words: the first version, a version whose edits are not listed, a listed change."""

from __future__ import annotations

import datetime as dt

from tracker.register.changes import RegisterChange
from tracker.storage.register_versions import Version
from tracker.wording.register_changes import versions_table


def _version(number: int, changes: list[RegisterChange]) -> Version:
    return Version(number, "f" * 64, dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.UTC), "vm:1", "targets.yaml", changes)


def test_each_version_says_what_changed_and_never_no_change() -> None:
    versions = [_version(3, [RegisterChange("target_threshold", "rate", "13", 70, 75)]), _version(2, []),
                _version(1, [])]
    zh = versions_table(versions, {"rate": "评价率"}, "zh")["与前一版本相比的变化"].tolist()
    assert zh == ["目标“评价率”的目标值由 70 改为 75", "有修改，未逐项列出（见登记表文件的版本记录）", "首个记录的版本"]
    en = versions_table(versions, {"rate": "Rate"}, "en").iloc[:, -1].tolist()
    assert en[1:] == ["Edits not itemised here (see the register files' history)", "The first version recorded"]
