"""The command line: exit codes, one-line errors, and the commands of the foundation."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", **env}
    return subprocess.run([sys.executable, "-m", "tracker", *args], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=300)


def test_validate_shipped_registers(tmp_path: Path) -> None:
    out = run("validate", tmp_path=tmp_path)
    assert out.returncode == 0
    assert out.stdout.strip() == "登记表有效：16 个目标，20 个指标，44 个报送项，56 个单位"
    out = run("--lang", "en", "validate", tmp_path=tmp_path)
    assert out.stdout.strip() == "Registers valid: 16 targets, 20 indicators, 44 metrics, 56 units"


def test_validate_broken_register_exits_1_with_located_messages(tmp_path: Path) -> None:
    broken = tmp_path / "targets.yaml"
    text = (ROOT / "targets.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("threshold: 40\n", "threshold: 40\n    threshold: 45\n", 1), encoding="utf-8")
    line = text[: text.index("threshold: 40\n")].count("\n") + 1
    out = run("validate", "--targets", str(broken), tmp_path=tmp_path)
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        f"{broken}:{line + 1}:5: 键“threshold”重复出现（第一次在第 {line} 行）；请删除或合并其中一个",
        "登记表有 1 处错误，未加载"]


def test_environment_variable_selects_register(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    out = run("validate", tmp_path=tmp_path, TRACKER_TARGETS=str(missing))
    assert out.returncode == 1
    assert f"找不到文件 {missing}" in out.stderr


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert run("frobnicate", tmp_path=tmp_path).returncode == 2
    assert run(tmp_path=tmp_path).returncode == 2


def test_every_subcommand_has_help(tmp_path: Path) -> None:
    for cmd in ("validate", "init", "demo"):
        out = run(cmd, "--help", tmp_path=tmp_path)
        assert out.returncode == 0 and "usage:" in out.stdout


def test_init_then_demo_then_demo_again(tmp_path: Path) -> None:
    assert run("init", tmp_path=tmp_path).returncode == 0
    first = run("demo", tmp_path=tmp_path)
    assert first.returncode == 0 and first.stdout.startswith("已加载示例数据：")
    second = run("demo", tmp_path=tmp_path)
    assert second.stdout.strip() == "示例数据已在数据库中，未重复加载"


def _example_env(tmp_path: Path) -> dict[str, str]:
    return {"TRACKER_UNITS": str(ROOT / "examples" / "panyu_units.yaml")}


def test_import_dry_run_then_store_then_identical_again(tmp_path: Path) -> None:
    table = str(ROOT / "examples" / "panyu_2019h1_departments.csv")
    env = _example_env(tmp_path)
    dry = run("import", table, "--period", "2019H1", "--dry-run", tmp_path=tmp_path, **env)
    assert dry.returncode == 0
    assert "预览（尚未保存）：新增 132 个，修改 0 个，未变 0 个，警告 2 条" in dry.stdout
    stored = run("import", table, "--period", "2019H1", "--user", "王芳", tmp_path=tmp_path, **env)
    assert stored.returncode == 0
    assert "已保存：新增 132 个，修改 0 个，未变 0 个，警告 2 条" in stored.stdout
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
    assert (data["expected"], data["received"], data["reporting_rate"]) == (585, 0, 0.0)
    assert len(data["units"]) == 56 - 1  # every unit of the register but the district root
    table = run("completeness", "--period", "2019-06", tmp_path=tmp_path)
    assert "报送率 0.00%" in table.stdout and "未报齐的单位：区政务管理办公室、区政务服务中心" in table.stdout


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


def test_progress_json_csv_and_sentences(tmp_path: Path) -> None:
    import json

    assert run("demo", tmp_path=tmp_path).returncode == 0
    out = run("progress", "--as-of", "2018-06", "--format", "json", tmp_path=tmp_path)
    rows = json.loads(out.stdout)
    keys = ["target", "indicator", "scope", "window_start", "window_end", "numerator", "denominator", "value",
            "comparison", "threshold", "expected", "gap", "status", "units_reported", "units_expected"]
    assert all(list(r) == keys for r in rows)
    by = {r["indicator"] or r["target"]: r for r in rows}
    assert by["zero_visit_share"]["status"] in ("off_track", "at_risk")
    assert by["disclosure_pilot"]["status"] == "not_due"
    assert by["completion_rate"]["status"] == "untargeted" and by["completion_rate"]["threshold"] is None
    assert 90 < by["completion_rate"]["value"] <= 100  # a percentage, not a fraction
    ev = by["evaluation_rate"]
    assert ev["value"] == ev["numerator"] / ev["denominator"] * 100
    assert (ev["window_start"], ev["window_end"]) == ("2018-01", "2018-06")
    assert {r["status"] for r in rows} <= {"met", "on_track", "at_risk", "off_track", "no_data", "done", "not_due",
                                           "overdue", "untargeted"}
    csv_out = run("progress", "--as-of", "2018-06", "--format", "csv", tmp_path=tmp_path)
    assert csv_out.stdout.splitlines()[0] == ",".join(keys)
    text = run("progress", "--as-of", "2018-06", "--unit", "street_nanshitou", tmp_path=tmp_path)
    assert text.stdout.splitlines()[0].startswith("窗口服务评价率 ")
    assert run("progress", "--as-of", "2018-06", "--unit", "nowhere", tmp_path=tmp_path).returncode == 1
