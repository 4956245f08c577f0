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
