"""The command line: exit codes, one-line errors, and the commands of the foundation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, tmp_path: Path, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", **env}
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=full_env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_validate_shipped_registers(tmp_path: Path) -> None:
    out = run("validate", tmp_path=tmp_path)
    assert out.returncode == 0
    # three plans: 十三五 (16 targets), 十四五 (11) and 十五五 (9); 23 indicators and the total of 差评数
    assert out.stdout.strip() == "登记表有效：3 个规划，36 个目标，24 个指标，48 个报送项，56 个单位"
    out = run("--lang", "en", "validate", tmp_path=tmp_path)
    assert out.stdout.strip() == "Registers valid: 3 plans, 36 targets, 24 indicators, 48 metrics, 56 units"


def test_validate_broken_register_exits_1_with_located_messages(tmp_path: Path) -> None:
    broken = tmp_path / "targets.yaml"
    text = (ROOT / "targets.yaml").read_text(encoding="utf-8")
    # the targets sit under their plan (plans: - targets: -), eight spaces in
    broken.write_text(text.replace("        threshold: 40\n", "        threshold: 40\n        threshold: 45\n", 1),
                      encoding="utf-8")
    line = text[: text.index("        threshold: 40\n")].count("\n") + 1
    out = run("validate", "--targets", str(broken), tmp_path=tmp_path)
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"{broken}:{line + 1}:9: 键“threshold”重复出现（第一次在第 {line} 行）；请删除或合并其中一个",
        "登记表有 1 处错误，未加载"]


def test_environment_variable_selects_register(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    out = run("validate", tmp_path=tmp_path, TRACKER_TARGETS=str(missing))
    assert out.returncode == 1
    assert f"找不到文件 {missing}" in out.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert run("frobnicate", tmp_path=tmp_path).returncode == 2
    assert run(tmp_path=tmp_path).returncode == 2


def test_init_then_demo_then_demo_again(tmp_path: Path) -> None:
    assert run("init", tmp_path=tmp_path).returncode == 0
    first = run("demo", tmp_path=tmp_path)
    assert first.returncode == 0 and first.stdout.startswith("已加载示例数据：")
    second = run("demo", tmp_path=tmp_path)
    assert second.stdout.strip() == "示例数据已在数据库中，未重复加载"


def test_an_upgrade_of_the_schema_is_said_before_it_runs(tmp_path: Path) -> None:
    # a migration may rewrite every stored value (0016 filled the first-received times: half a minute at city
    # scale); the command said nothing meanwhile
    from tracker.storage.db import head_revision, make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    upgrade(engine, "0015")
    engine.dispose()
    head = head_revision()
    first = run("init", tmp_path=tmp_path)
    assert first.returncode == 0
    assert first.stderr.startswith(f"正在升级数据库结构（0015 → {head}）"), first.stderr
    again = run("--lang", "en", "init", tmp_path=tmp_path)
    assert again.returncode == 0 and again.stderr == ""  # at the newest schema: nothing to say
    (tmp_path / "new").mkdir()
    new = run("init", tmp_path=tmp_path / "new")
    assert new.returncode == 0 and new.stderr == ""  # a new database is created, not upgraded
    english = tmp_path / "en"
    english.mkdir()
    engine = make_engine(f"sqlite:///{english / 'cli.db'}")
    upgrade(engine, "0015")
    engine.dispose()
    assert run("--lang", "en", "init", tmp_path=english).stderr.startswith(
        f"Upgrading the database schema (0015 → {head})")


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    # `values --format json | head`: the demo's values are megabytes, more than a pipe holds, so the command is
    # still writing when the reader closes; that is no database error (it said "数据库错误：BrokenPipeError")
    assert run("init", tmp_path=tmp_path).returncode == 0 and run("demo", tmp_path=tmp_path).returncode == 0
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "values", "--format", "json"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(10).startswith(b"[")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0 and err == "", err


def _example_env(tmp_path: Path) -> dict[str, str]:
    return {"TRACKER_UNITS": str(ROOT / "examples" / "panyu_units.yaml")}


def test_import_dry_run_then_store_then_identical_again(tmp_path: Path) -> None:
    table = str(ROOT / "examples" / "panyu_2019h1_departments.csv")
    env = _example_env(tmp_path)
    dry = run("import", table, "--period", "2019H1", "--dry-run", tmp_path=tmp_path, **env)
    assert dry.returncode == 0
    assert "预览（尚未保存）：新增 174 个，修改 0 个，未变 0 个，警告 2 条" in dry.stdout
    assert run("user", "add", "王芳", "--role", "planner", "--password-stdin", stdin="long-enough-1\n",
               tmp_path=tmp_path, **env).returncode == 0
    stored = run("import", table, "--period", "2019H1", "--user", "王芳", tmp_path=tmp_path, **env)
    assert stored.returncode == 0
    assert "已保存：新增 174 个，修改 0 个，未变 0 个，警告 2 条" in stored.stdout
    again = run("import", table, "--period", "2019H1", tmp_path=tmp_path, **env)
    assert again.returncode == 0
    assert "与已保存的数据完全相同，没有需要保存的变更" in again.stdout
    history = run("history", "--unit", "區農業農村局", "--metric", "辦結量", "--period", "2019H1", tmp_path=tmp_path, **env)
    assert "王芳" in history.stdout and "709" in history.stdout


def test_import_rejected_prints_the_problem_table_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "坏.csv"
    bad.write_text("单位,期间,受理量\n不存在街,2019-06,10\n", encoding="utf-8")
    out = run("import", str(bad), tmp_path=tmp_path)
    assert out.returncode == 1
    assert "文件被拒收：发现 1 处错误，未写入任何数据" in out.stderr
    assert "单位“不存在街”不在单位登记表中" in out.stderr and " 2 " in out.stderr


def test_import_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("import", tmp_path=tmp_path).returncode == 2
    assert run("completeness", tmp_path=tmp_path).returncode == 2


def test_template_and_completeness_commands(tmp_path: Path) -> None:
    out = tmp_path / "模板.xlsx"
    done = run("template", "--unit", "南华西街", "--period", "2019-06", "--out", str(out), tmp_path=tmp_path)
    assert done.returncode == 0 and out.read_bytes()[:2] == b"PK"
    report = run("completeness", "--period", "2019-06", "--format", "json", tmp_path=tmp_path)
    import json

    data = json.loads(report.stdout)
    assert (data["expected"], data["received"], data["reporting_rate"]) == (713, 0, 0.0)
    assert len(data["units"]) == 56 - 1  # every unit of the register but the district root
    table = run("completeness", "--period", "2019-06", tmp_path=tmp_path)
    assert "报送率 0.00%" in table.stdout and "未报齐的单位：区政务服务数据管理局、区政务服务中心" in table.stdout


def test_killed_import_leaves_the_database_as_before(tmp_path: Path, register: object) -> None:
    import signal
    import sqlite3

    from benchmarks.generate import long_csv

    big = tmp_path / "big.csv"
    big.write_bytes(long_csv(register))  # type: ignore[arg-type]
    assert run("init", tmp_path=tmp_path).returncode == 0
    env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "import", str(big)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    first = proc.stderr.readline()  # the first "正在写入 5000/…" line: a chunk is written, not committed
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    assert first.startswith("正在写入 5000/")
    con = sqlite3.connect(tmp_path / "cli.db")
    assert con.execute("pragma integrity_check").fetchone() == ("ok",)
    assert con.execute("select count(*) from value_revision").fetchone() == (0,)
    assert con.execute("select count(*) from submission").fetchone() == (0,)
    con.close()
    again = run("import", str(big), tmp_path=tmp_path)
    assert again.returncode == 0 and "已保存" in again.stdout


def _sql_pair(db: Path, numerator: str, denominator: str, first: str, last: str) -> tuple[float, float]:
    """Σ numerator and Σ denominator over unit-months where both were reported, straight from the table; a unit's
    month its parent reported both sides for itself is the parent's (the centre's totals, not its departments')."""
    import sqlite3

    both = ("select 1 from value_revision a join value_revision b on b.unit_code = a.unit_code "
            "and b.period = a.period and b.metric_code = :den and b.is_current and b.value is not null "
            "where a.metric_code = :num and a.is_current and a.value is not null")
    con = sqlite3.connect(db)
    try:
        n, d = con.execute(
            "select sum(n.value), sum(d.value) from value_revision n join value_revision d "
            "on d.unit_code = n.unit_code and d.period = n.period and d.metric_code = :den and d.is_current "
            "join unit u on u.code = n.unit_code "
            "where n.metric_code = :num and n.is_current and n.period between :first and :last "
            "and n.value is not null and d.value is not null "
            f"and not exists ({both} and a.unit_code = u.parent and a.period = n.period)",
            {"num": numerator, "den": denominator, "first": first, "last": last}).fetchone()
    finally:
        con.close()
    return float(n), float(d)


def test_progress_json_csv_and_sentences(tmp_path: Path) -> None:
    import json

    from tests.storage.test_demo import MIDTERM

    assert run("demo", tmp_path=tmp_path).returncode == 0
    out = run("progress", "--as-of", "2018-06", "--format", "json", tmp_path=tmp_path)
    rows = json.loads(out.stdout)
    keys = ["target", "indicator", "scope", "window_start", "window_end", "numerator", "denominator", "value",
            "comparison", "threshold", "expected", "gap", "gap_to_target", "gap_to_pace", "status", "units_reported",
            "units_expected"]
    assert all(list(r) == keys for r in rows)
    by = {r["indicator"] or r["target"]: r for r in rows}
    assert {r["target"]: r["status"] for r in rows if r["target"]} == MIDTERM
    untargeted = [r["indicator"] for r in rows if r["target"] is None]
    assert untargeted == ["completion_rate", "on_time_rate", "early_completion_rate", "hotline_completion_rate",
                          "bad_review_rectification_rate", "evaluation_coverage_hall", "evaluation_coverage_online",
                          "evaluation_coverage", "bad_reviews"]  # 差评数: a later plan's count target
    assert {by[i]["status"] for i in untargeted} == {"untargeted"}
    assert by["completion_rate"]["threshold"] is None and by["completion_rate"]["expected"] is None
    done, taken = _sql_pair(tmp_path / "cli.db", "completed", "accepted", "2018-01", "2018-06")
    assert (by["completion_rate"]["numerator"], by["completion_rate"]["denominator"]) == (done, taken)
    assert by["completion_rate"]["value"] == pytest.approx(done / taken * 100)  # a percentage, not a fraction
    # the centre reports its own totals: 24 departments + the centre + 18 streets + 10 halls + the branch reported
    assert (by["completion_rate"]["units_reported"], by["completion_rate"]["units_expected"]) == (54, 54)
    ev = by["evaluation_rate"]
    rated, completed = _sql_pair(tmp_path / "cli.db", "evaluated", "completed", "2018-01", "2018-06")
    assert (ev["numerator"], ev["denominator"]) == (rated, completed)
    assert ev["value"] == pytest.approx(rated / completed * 100)
    assert (ev["window_start"], ev["window_end"], ev["scope"]) == ("2018-01", "2018-06", "district")
    assert (ev["threshold"], ev["expected"], ev["comparison"]) == (70, 57.5, ">=")  # 45 → 70: half-way
    assert ev["gap"] == pytest.approx(ev["value"] - 57.5)  # kept as it was: to the pace before the deadline
    assert ev["gap_to_pace"] == pytest.approx(ev["value"] - 57.5)
    assert ev["gap_to_target"] == pytest.approx(ev["value"] - 70)
    days = by["major_policy_publish_days"]  # at most 3 days: below the limit is better, so positive
    assert days["gap_to_target"] == pytest.approx(3 - days["value"]) and days["gap_to_target"] > 0
    assert (ev["units_reported"], ev["units_expected"]) == (53, 53)
    csv_out = run("progress", "--as-of", "2018-06", "--format", "csv", tmp_path=tmp_path)
    assert csv_out.stdout.splitlines()[0].split(",")[:len(keys)] == keys
    assert len(csv_out.stdout.splitlines()) == 1 + 16 + 9  # header, 16 targets, 9 untargeted (差评数 among them)
    text = run("progress", "--as-of", "2018-06", "--unit", "street_nanshitou", tmp_path=tmp_path)
    assert text.stdout.splitlines()[0].startswith("窗口服务评价率 ")
    assert run("progress", "--as-of", "2018-06", "--unit", "nowhere", tmp_path=tmp_path).returncode == 1


def test_progress_window_and_unit_type(tmp_path: Path) -> None:
    import json

    assert run("demo", tmp_path=tmp_path).returncode == 0
    month = json.loads(run("progress", "--as-of", "2018-06", "--window", "month", "--format", "json",
                           tmp_path=tmp_path).stdout)
    ev = next(r for r in month if r["target"] == "evaluation_rate")
    assert (ev["window_start"], ev["window_end"]) == ("2018-06", "2018-06")
    rated, completed = _sql_pair(tmp_path / "cli.db", "evaluated", "completed", "2018-06", "2018-06")
    assert (ev["numerator"], ev["denominator"]) == (rated, completed)
    streets = json.loads(run("progress", "--as-of", "2018-06", "--unit", "type:street", "--format", "json",
                             tmp_path=tmp_path).stdout)
    ev = next(r for r in streets if r["target"] == "evaluation_rate")
    assert (ev["scope"], ev["units_reported"], ev["units_expected"]) == ("type:street", 18, 18)
    online = next(r for r in streets if r["target"] == "online_completion_rate")
    assert (online["status"], online["units_expected"]) == ("no_data", 0)  # streets do not complete online
    bad = run("progress", "--as-of", "2018-06", "--window", "fortnight", tmp_path=tmp_path)
    assert bad.returncode == 2 and "invalid choice: 'fortnight'" in bad.stderr


def test_every_subcommand_answers_help(tmp_path: Path) -> None:
    from tracker.cli.main import COMMANDS, _load_commands

    _load_commands()
    assert set(COMMANDS) >= {"validate", "init", "demo", "import", "template", "completeness", "history", "progress"}
    from tracker.core.i18n import msg

    for name, (_body, help_key, _options) in COMMANDS.items():
        out = run(name, "--help", tmp_path=tmp_path)
        assert out.returncode == 0, name
        assert out.stdout.startswith(f"用法：python -m tracker {name}"), name
        assert " ".join(msg(help_key, "zh").split()) in " ".join(out.stdout.split()), name
        english = run(name, "--help", tmp_path=tmp_path, TRACKER_LANG="en")
        assert english.stdout.startswith(f"usage: python -m tracker {name}"), name
        assert " ".join(msg(help_key, "en").split()) in " ".join(english.stdout.split()), name
    flag = run("--lang", "en", "progress", "--help", tmp_path=tmp_path)
    assert "show this help and exit" in flag.stdout and "显示本帮助" not in flag.stdout
    assert not (tmp_path / "cli.db").exists()  # asking for help opens no database


def test_demo_if_empty_leaves_a_database_with_real_data_alone(tmp_path: Path) -> None:
    real = tmp_path / "六月.csv"
    real.write_text("单位,期间,受理量\n赤岗街,2019-06,4471\n", encoding="utf-8")
    assert run("import", str(real), tmp_path=tmp_path).returncode == 0
    skipped = run("demo", "--if-empty", tmp_path=tmp_path)
    assert (skipped.returncode, skipped.stdout.strip()) == (0, "数据库中已有真实数据，不加载示例数据")
    refused = run("demo", tmp_path=tmp_path)
    assert refused.returncode == 1
    assert "数据库中已有真实数据，不能再加载示例数据" in refused.stderr
    import sqlite3

    con = sqlite3.connect(tmp_path / "cli.db")
    assert con.execute("select count(*), sum(is_sample) from submission").fetchone() == (1, 0)
    con.close()


def test_template_as_csv(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    done = run("template", "--unit", "南华西街", "--period", "2019-06", "--out", str(out), tmp_path=tmp_path)
    assert done.returncode == 0
    lines = out.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == ("单位,期间,受理量(件),社会公共服务类受理量(件),办结量(件),按时办结量(件),提前办结量(件),"
                        "接待办事群众(人次),评价数(件),满意评价数(件),差评数(件),差评整改数(件),实体大厅办件量(件),"
                        "实体大厅主动评价办件数(件),政务网办件量(件),政务网主动评价办件数(件)")
    assert lines[1] == "南华西街政务服务中心,2019-06" + "," * 14
    assert out.read_bytes()[:3] == b"\xef\xbb\xbf"  # the BOM Excel needs to read UTF-8


def test_upload_limit_comes_from_the_environment(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("单位,期间,受理量\n" + "赤岗街,2019-06,1\n" * 9000, encoding="utf-8")  # 0.17 MB
    out = run("import", str(big), "--dry-run", tmp_path=tmp_path, TRACKER_MAX_UPLOAD_MB="0.1")
    assert out.returncode == 1
    assert "文件 0.2 MB，超过上限 0.1 MB；请拆分为多个文件后上传" in out.stderr
    assert run("import", str(big), "--dry-run", tmp_path=tmp_path, TRACKER_MAX_UPLOAD_MB="1").returncode == 0


def test_language_comes_from_the_environment_and_the_flag_wins(tmp_path: Path) -> None:
    assert run("validate", tmp_path=tmp_path, TRACKER_LANG="en").stdout.startswith("Registers valid: 3 plans")
    assert run("--lang", "zh", "validate", tmp_path=tmp_path, TRACKER_LANG="en").stdout.startswith("登记表有效")
    bad = run("progress", "--as-of", "2018-06", "--unit", "nowhere", tmp_path=tmp_path, TRACKER_LANG="en")
    assert bad.stderr.startswith('Error: Unit "nowhere" is not in the unit register')


def test_plans_lists_every_plan_and_progress_takes_a_plan(tmp_path: Path) -> None:
    import json

    out = run("plans", "--format", "json", tmp_path=tmp_path)
    assert out.returncode == 0
    plans = json.loads(out.stdout)
    assert [(p["code"], p["start"], p["end"], p["example"]) for p in plans] == [
        ("13", "2016-01", "2020-12", False), ("14", "2021-01", "2025-12", True), ("15", "2026-01", "2030-12", True)]
    assert plans[0]["document"] == "海政务办〔2018〕1号" and plans[1]["document"] is None  # an example plan has no document number
    assert plans[0]["name_zh"] == '广州市海珠区"十三五"时期政务服务事业发展规划' and len(plans[0]["targets"]) == 16
    table = run("plans", tmp_path=tmp_path).stdout.splitlines()
    assert table[0].startswith("13\t广州市海珠区") and table[2].endswith("9 项目标，示例")
    assert run("demo", tmp_path=tmp_path).returncode == 0
    by_default = json.loads(run("progress", "--as-of", "2023-06", "--format", "json", tmp_path=tmp_path).stdout)
    assert {r["target"] for r in by_default if r["target"]} == set(plans[1]["targets"])  # 2023 lies in the 十四五
    chosen = json.loads(run("progress", "--as-of", "2023-06", "--plan", "13", "--format", "json",
                            tmp_path=tmp_path).stdout)
    assert {r["target"] for r in chosen if r["target"]} == set(plans[0]["targets"])
    wrong = run("progress", "--as-of", "2023-06", "--plan", "16", tmp_path=tmp_path)
    assert wrong.returncode == 1 and "没有代码为“16”的规划；现有规划：13, 14, 15" in wrong.stderr
