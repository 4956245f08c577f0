"""What a store records: the submission's and the audit's counts, a no-op import, every flag, a re-diff keeping the
preview's warnings, the figures kept ready in step, and a store that fails at its end or finds nothing left to store.
Written against the survivors of a mutation run of `tracker/importer/apply.py`."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from sqlalchemy import text
from sqlmodel import Session

from tests.helpers import csv_bytes
from tests.importer.test_apply import WIDE, plan, store, stored
from tracker.access.audit import events
from tracker.access.roles import Actor
from tracker.importer.apply import PLAN_COLUMNS, ImportPlan, store_import
from tracker.register import Register


def test_a_store_records_its_counts_on_the_submission_and_in_the_audit(db: Session, register: Register) -> None:
    store(db, plan(db, register, csv_bytes(WIDE), name="六月.csv"))  # 8 new values (4 per unit, 2 of them blank)
    fixed = [WIDE[0], ["南华西街", "2019-06", "1,240", "", "901", "899"], WIDE[2],
             ["赤岗街", "2019-07", "2400", "2350", "", ""]]  # near June's 2,345 and 2,300: no warning
    p = plan(db, register, csv_bytes(fixed), name="更正.csv")
    # 南华西街: accepted and evaluated changed, completed kept (blank), satisfied unchanged; 赤岗街 June as
    # stored (4 unchanged); July: 4 new (two of them blank)
    assert p.summary_params() == {"new": 4, "changed": 2, "unchanged": 1 + 1 + 4, "warnings": 0, "file": "更正.csv"}
    sid = store(db, p, user="李明")
    counts = db.execute(text("select values_new, values_changed, file_name from submission where id = :i"),
                        {"i": sid}).one()
    assert tuple(counts) == (4, 2, "更正.csv")
    audit = events(db, action="import_stored").iloc[0]
    assert json.loads(audit["detail"]) == {"submission": sid, "new": 4, "changed": 2}
    assert audit["sha256"] == p.sha256 and len(p.sha256) == 64


def test_an_import_with_nothing_new_is_audited_with_what_it_found_as_stored(db: Session, register: Register) -> None:
    store(db, plan(db, register, csv_bytes(WIDE)))
    again = [WIDE[0], WIDE[1], ["赤岗街", "2019-06", "2345", "", "", ""]]  # 4 as stored, 赤岗街's completed blank: kept
    p = plan(db, register, csv_bytes(again), name="再次.csv")
    assert (p.count("unchanged"), p.count("kept")) == (7, 1)
    assert store(db, p) == 0
    audit = events(db, action="import_unchanged").iloc[0]
    assert (audit["subject"], audit["sha256"]) == ("再次.csv", p.sha256)
    assert json.loads(audit["detail"]) == {"unchanged": 8}  # 7 unchanged + 1 kept


def test_every_flag_of_a_value_is_stored_joined_by_commas(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量", "办结量"], ["赤岗街", "2018-01", "100", "100"], ["赤岗街", "2018-02", "120", "120"]]
    store(db, plan(db, register, csv_bytes(rows)))
    # March: 办结量 709 above 受理量 635, and 709 is more than 5× February's 120
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量", "办结量"], ["赤岗街", "2018-03", "635", "709"]]))
    store(db, p)
    flags = db.execute(text("select flags from value_revision where metric_code = 'completed' "
                            "and period = '2018-03'")).scalar_one()
    assert flags == "completed_exceeds_accepted,jump"


def test_a_store_that_finds_the_data_changed_keeps_the_previews_warnings(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量", "办结量"], ["区农业农村局", "2019-03", "635", "709"]]  # one warning
    p = plan(db, register, csv_bytes(rows))
    store(db, plan(db, register, csv_bytes([["单位", "期间", "受理量"], ["赤岗街", "2019-06", "1"]])))  # meanwhile
    seen: list[dict[str, object]] = []
    store_import(session=db, plan=p, actor=Actor("王芳", "planner"),
                 finish=lambda _s, _sid, fresh: seen.append(fresh.summary_params()))
    assert seen == [{"new": 2, "changed": 0, "unchanged": 0, "warnings": 1, "file": "f.csv"}]


def test_a_store_keeps_the_figures_ready_in_step(db: Session, register: Register) -> None:
    from tracker.engine import summary

    summary.rebuild(session=db, register=register)
    db.commit()
    for rated in ("70", "80"):  # a new value, then a correction of it (a superseded revision)
        store(db, plan(db, register, csv_bytes([["单位", "期间", "评价数", "办结量"], ["赤岗街", "2019-06", rated, "100"]])))
        assert summary.is_ready(db, register)
        assert summary.differences(session=db, register=register)[1] == 0  # every kept figure as recomputed


def test_a_preview_whose_values_were_stored_meanwhile_stores_nothing_and_says_so(db: Session,
                                                                                register: Register) -> None:
    p = plan(db, register, csv_bytes(WIDE), name="六月.csv")
    assert store(db, plan(db, register, csv_bytes(WIDE), name="六月（同事）.csv")) > 0  # the same values, meanwhile
    assert store(db, p) == 0  # nothing left to store: no second submission, no second revision
    assert db.execute(text("select count(*) from submission")).scalar_one() == 1
    assert db.execute(text("select count(*) from value_revision")).scalar_one() == 8
    audit = events(db, action="import_unchanged").iloc[0]
    assert (audit["user"], audit["subject"], audit["sha256"]) == ("王芳", "六月.csv", p.sha256)
    assert json.loads(audit["detail"]) == {"unchanged": 8}  # every value of the file, as stored now


def test_a_store_failing_at_its_end_leaves_no_value_submission_or_stored_audit(db: Session,
                                                                              register: Register) -> None:
    p = plan(db, register, csv_bytes(WIDE))

    def fails(_s: Session, _sid: int, _stored: ImportPlan) -> None:  # e.g. the job row cannot be written
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        store_import(session=db, plan=p, actor=Actor("王芳", "planner"), finish=fails)
    assert stored(db) == {}
    assert db.execute(text("select count(*) from submission")).scalar_one() == 0
    assert events(db, action="import_stored").empty  # its audit entry belonged to the transaction rolled back


def test_an_empty_plan_counts_nothing_and_has_nothing_to_store(db: Session, register: Register) -> None:
    empty = ImportPlan("f.csv", "0" * 64, pd.DataFrame(columns=PLAN_COLUMNS), register=register)
    assert [empty.count(c) for c in ("new", "changed", "unchanged", "kept")] == [0, 0, 0, 0]
    assert not empty.has_changes and store(db, empty) == 0 and stored(db) == {}


def test_the_preview_shows_each_values_stored_figure_and_a_change_below_one_is_a_change(
        db: Session, register: Register) -> None:
    store(db, plan(db, register, csv_bytes(WIDE)))
    fixed = [WIDE[0], ["南华西街", "2019-06", "1234.5", "1,200", "900", "899"]]  # half a case more: a change
    p = plan(db, register, csv_bytes(fixed))
    rows = p.rows.set_index("metric")
    assert rows.loc["accepted", ["old", "new", "change"]].tolist() == [1234.0, 1234.5, "changed"]
    assert rows.loc["completed", ["old", "new", "change"]].tolist() == [1200.0, 1200.0, "unchanged"]


def test_the_preview_lists_every_flag_of_a_value(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量", "办结量"], ["赤岗街", "2018-01", "100", "100"], ["赤岗街", "2018-02", "120", "120"]]
    store(db, plan(db, register, csv_bytes(rows)))
    p = plan(db, register, csv_bytes([["单位", "期间", "受理量", "办结量"], ["赤岗街", "2018-03", "635", "709"]]))
    assert p.rows.set_index("metric").loc["completed", "flags"] == "completed_exceeds_accepted,jump"


def test_a_rejected_preview_is_audited_with_its_count_and_first_problem(db: Session, register: Register) -> None:
    from tracker.core.errors import ImportRejected

    rows = [["单位", "期间", "受理量"], ["不存在的街", "2019-06", "1"], ["赤岗街", "2019-06", "-5"]]  # two problems
    with pytest.raises(ImportRejected) as exc:
        plan(db, register, csv_bytes(rows), name="坏.csv")
    audit = events(db, action="import_rejected").iloc[0]
    assert (audit["subject"], len(audit["sha256"])) == ("坏.csv", 64)
    assert json.loads(audit["detail"]) == {"problems": 2, "first": exc.value.problems[0].text("zh")}


def test_the_same_value_twice_in_a_file_is_stored_once(db: Session, register: Register) -> None:
    rows = [["单位", "期间", "受理量"], ["赤岗街", "2019-06", "10"], ["赤岗街", "2019-06", "10"]]
    p = plan(db, register, csv_bytes(rows))
    assert len(p.rows) == 1
    store(db, p)
    assert stored(db) == {("street_chigang", "accepted", "2019-06"): 10.0}
