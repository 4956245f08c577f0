"""Register versions on record: each distinct register content loaded is stored once with when and by which
process; a changed threshold shows up as a new version, in words, in the audit trail, and in the next pack."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.engine.test_engine import TARGETS, UNITS
from tracker.access.audit import events
from tracker.core.settings import Settings
from tracker.register.changes import RegisterChange, changes_between
from tracker.reports.evaluation.figures import evaluation_pack
from tracker.reports.evaluation.text import evaluation_document
from tracker.storage.db import session
from tracker.storage.models import RegisterVersion
from tracker.storage.opening import open_tracker
from tracker.storage.register_versions import versions
from tracker.wording.register_changes import change_text


def _settings(tmp_path: Path, targets: str) -> Settings:
    (tmp_path / "t.yaml").write_text(targets, encoding="utf-8")
    (tmp_path / "u.yaml").write_text(UNITS, encoding="utf-8")
    return Settings(targets_path=tmp_path / "t.yaml", units_path=tmp_path / "u.yaml",
                    database_url=f"sqlite:///{tmp_path / 'v.db'}")


def test_a_changed_threshold_is_a_new_version_audited_and_named_in_the_pack(tmp_path: Path) -> None:
    first = open_tracker(_settings(tmp_path, TARGETS))
    again = open_tracker(_settings(tmp_path, TARGETS))  # the same content: no new version
    edited = TARGETS.replace("comparison: \">=\", threshold: 70,", "comparison: \">=\", threshold: 75,")
    assert edited != TARGETS
    changed = open_tracker(_settings(tmp_path, edited))
    with session(changed.engine) as s:
        stored = versions(session=s)
        assert [v.number for v in stored] == [2, 1]
        assert stored[0].fingerprint == changed.register.fingerprint != first.register.fingerprint
        assert again.register.fingerprint == first.register.fingerprint
        assert stored[0].changes == [RegisterChange("target_threshold", "evaluation_rate", "plan", 70.0, 75.0)]
        assert stored[1].changes == []  # the first version has nothing before it
        assert ":" in stored[0].loaded_by  # host:process id
        assert int(s.execute(select(func.count()).select_from(RegisterVersion)).scalar_one()) == 2
        trail = events(s, action="register_change")
        assert trail["subject"].tolist() == ["evaluation_rate"]
        assert '"old": 70.0' in trail["detail"].iloc[0] and '"new": 75.0' in trail["detail"].iloc[0]
        pack = evaluation_pack(session=s, register=changed.register, kind="annual", as_of="2018-06")
    names = changed.register.names("zh")
    assert change_text(stored[0].changes[0], names, "zh") == "目标“评价率”的目标值由 70 改为 75"
    assert pack.register_version is not None and pack.register_version.number == 2
    import io

    from docx import Document as Docx

    from tracker.reports.writers import docx as docx_writer

    made = Docx(io.BytesIO(docx_writer.render(evaluation_document(pack, changed.register, charts=False))))
    rows = {r.cells[0].text: r.cells[1].text for t in made.tables for r in t.rows if len(r.cells) == 2}
    # on the 说明 section's table (not the cover): the item, then the version, its fingerprint and first loading
    assert rows["登记表版本"].startswith(f"第 2\u202f版（{changed.register.fingerprint[:12]}，")  # 2 and 版 held together
    for engine in (first.engine, again.engine, changed.engine):
        engine.dispose()


@pytest.mark.parametrize(("edit", "kind"), [
    (lambda c: c["plans"][0]["targets"].pop(), "target_removed"),
    (lambda c: c["units"][1].update(name_zh="甲街道"), "unit_renamed"),
    (lambda c: c["plans"][0]["targets"][0].update(deadline="2021-12-31"), "target_deadline"),
    (lambda c: c["metrics"].pop(0), "metric_removed"),
    (lambda c: c["plans"][0]["targets"][0].update(clause_en="Rated at least 70%"), "target_clause_en"),
])
def test_each_kind_of_change_is_found(tmp_path: Path, edit: object, kind: str) -> None:
    import copy

    old = open_tracker(_settings(tmp_path, TARGETS)).register.content()
    new = copy.deepcopy(old)
    edit(new)  # type: ignore[operator]
    assert [c.kind for c in changes_between(old, new)] == [kind]
    if kind == "target_clause_en":  # a translation edited (it was none): said in words, not as a bare field name
        from tracker.wording.register_changes import changes_text

        [said] = changes_text(changes_between(old, new), {}, "zh")
        assert said == f"目标“{old['plans'][0]['targets'][0]['code']}”规划原文的英文译文由“—”改为“Rated at least 70%”"
