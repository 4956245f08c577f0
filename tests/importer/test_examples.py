"""The 番禺 per-department table (seed 002) imports as printed and gives the hand-computed district figures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from tests.helpers import synced
from tracker.access.roles import SYSTEM
from tracker.engine.progress import progress_rows
from tracker.importer.apply import plan_import, store_import
from tracker.register import Register, load_register
from tracker.storage.values import current_values

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "examples" / "panyu_2019h1_departments.csv"

# Hand sums of the printed table (21 departments report counts; 區殘聯 reports ——):
ACCEPTED = 136102 + 47578 + 32947 + 15085 + 3691 + 2551 + 1826 + 1400 + 1169 + 875 + 635 + 584 + 441 + 286 + 268 \
    + 257 + 240 + 150 + 123 + 83 + 42  # = 246333
COMPLETED = 136102 + 44541 + 31176 + 15085 + 3683 + 2433 + 1820 + 1400 + 1169 + 767 + 709 + 584 + 435 + 284 + 266 \
    + 236 + 198 + 148 + 120 + 155 + 39  # = 241350
# Early completions implied by rate × completed, each rounded to a whole case:
# 136102 + 29789 (66.88% of 44541) + 9275 (29.75% of 31176) + 15085 + 3609 (98% of 3683) + 1955 (80.34% of 2433)
# + 1793 (98.5% of 1820) + 1400 + 1169 + 767 + 709 + 584 + 435 + 284 + 159 (59.84% of 266) + 221 (93.5% of 236)
# + 119 (60.17% of 198) + 148 + 120 + 155 + 29 (74.84% of 39)
EARLY = 136102 + 29789 + 9275 + 15085 + 3609 + 1955 + 1793 + 1400 + 1169 + 767 + 709 + 584 + 435 + 284 + 159 \
    + 221 + 119 + 148 + 120 + 155 + 29  # = 203907
ON_TIME = COMPLETED - 44541 + 44287  # only 國土房管 is below 100%: 99.43% × 44541 = 44287.1 → 44287


@pytest.fixture
def panyu() -> Register:
    return load_register(ROOT / "targets.yaml", ROOT / "examples" / "panyu_units.yaml")


@pytest.fixture
def panyu_db(engine: Engine, panyu: Register) -> Iterator[Session]:
    with synced(engine, panyu) as s:
        yield s


def test_hand_sums_are_what_the_briefing_prints() -> None:
    assert (ACCEPTED, COMPLETED, EARLY) == (246333, 241350, 203907)


def test_seed_table_imports_as_printed(panyu_db: Session, panyu: Register) -> None:
    plan = plan_import(session=panyu_db, register=panyu, actor=SYSTEM, name=TABLE.name, data=TABLE.read_bytes(), period="2019H1")
    # 22 rows × 6 columns, and the 21 departments with a 办结量 keep their published 按时/提前办结率 as published
    # beside the counts those rates imply: 2 more values each
    assert plan.count("new") == 22 * 6 + 21 * 2
    assert len(plan.warnings) == 2  # 區農業農村局 709 > 635 and 區交通運輸局 155 > 83 (carry-over)
    store_import(session=panyu_db, plan=plan, actor=SYSTEM)
    values = current_values(session=panyu_db)
    counts = values[values["value"].notna()].groupby("metric").size().to_dict()
    assert counts["accepted"] == 21 and counts["completed"] == 21
    assert counts["satisfaction_rate_reported"] == 21  # 區氣象局 ——
    assert counts["spot_check_score"] == 21  # 市社會保障卡服務中心 ——
    assert counts["early_completion_rate_reported"] == 21 and counts["completed_early"] == 21
    weather = values[(values["unit"] == "py_weather") & (values["metric"] == "early_completion_rate_reported")]
    assert weather["value"].tolist() == [74.84]  # as published, not 29 ÷ 39 = 74.36 %
    disabled = values[(values["unit"] == "py_disabled") & values["value"].notna()]
    assert sorted(disabled["metric"]) == ["satisfaction_rate_reported", "spot_check_score"]


def test_district_figures_are_weighted_not_averaged(panyu_db: Session, panyu: Register) -> None:
    plan = plan_import(session=panyu_db, register=panyu, actor=SYSTEM, name=TABLE.name, data=TABLE.read_bytes(), period="2019H1")
    store_import(session=panyu_db, plan=plan, actor=SYSTEM)
    rows = {r.indicator: r for r in progress_rows(session=panyu_db, register=panyu, as_of="2019-06",
                                                  window="half_year")}
    early = rows["early_completion_rate"]
    assert (early.numerator, early.denominator) == (EARLY, COMPLETED)
    assert early.value == pytest.approx(84.49, abs=0.005)  # not the mean of the printed rates, 88.66%
    assert rows["on_time_rate"].value == pytest.approx(ON_TIME / COMPLETED * 100)
    completion = rows["completion_rate"]
    assert (completion.numerator, completion.denominator, completion.units_reported) == (COMPLETED, ACCEPTED, 21)


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_the_seed_table_saved_by_libreoffice_as_xls_or_ods_imports_identically(suffix: str, panyu_db: Session,
                                                                            panyu: Register) -> None:
    """The probe: old binary .xls was refused although a LibreOffice-saved .xls of seed 002 imported identically
    before. tests/importer/files/ holds the CSV above opened in LibreOffice Calc and saved as .xls and .ods
    (percentages became percent-formatted numbers, as an office's file has them)."""
    saved = ROOT / "tests" / "importer" / "files" / f"panyu_2019h1_departments{suffix}"
    from_csv = plan_import(session=panyu_db, register=panyu, actor=SYSTEM, name=TABLE.name, data=TABLE.read_bytes(),
                           period="2019H1")
    from_saved = plan_import(session=panyu_db, register=panyu, actor=SYSTEM, name=saved.name,
                             data=saved.read_bytes(), period="2019H1")
    columns = ["unit", "metric", "period", "row", "new", "change"]
    assert from_saved.rows[columns].equals(from_csv.rows[columns])
    assert len(from_saved.warnings) == len(from_csv.warnings) == 2
