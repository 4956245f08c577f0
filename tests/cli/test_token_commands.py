"""API tokens from the command line: shown once, stored only hashed, listed without the secret, revoked."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from tests.cli.test_cli import run


def test_a_token_is_printed_once_listed_and_revoked(tmp_path: Path) -> None:
    added = run("token", "add", "powerquery", "--role", "leader", tmp_path=tmp_path)
    assert added.returncode == 0
    intro, secret = added.stdout.strip().splitlines()
    assert intro == "已创建令牌 powerquery（领导）。令牌只显示这一次，请妥善保存："
    assert secret.startswith("trk_") and len(secret) == 4 + 43  # 32 random bytes in URL-safe base64
    db = sqlite3.connect(tmp_path / "cli.db")
    assert db.execute("select name, role, token_hash from api_token").fetchall() == [
        ("powerquery", "leader", hashlib.sha256(secret.encode()).hexdigest())]
    listed = run("token", "list", tmp_path=tmp_path).stdout
    assert listed == "powerquery\t领导\t有效\t未使用\n" and secret not in listed
    again = run("token", "add", "powerquery", "--role", "planner", tmp_path=tmp_path)
    assert (again.returncode, again.stderr.strip()) == (1, "错误: 令牌“powerquery”已存在")
    assert run("token", "revoke", "powerquery", tmp_path=tmp_path).stdout.strip() == "已吊销令牌 powerquery"
    assert run("token", "list", tmp_path=tmp_path).stdout.split("\t")[2].startswith("已吊销 ")
    missing = run("token", "revoke", "nothing", tmp_path=tmp_path)
    assert missing.returncode == 1 and "没有名为“nothing”的令牌" in missing.stderr
    audit = run("audit", "--action", "token_add", tmp_path=tmp_path).stdout
    assert "创建接口令牌" in audit and "powerquery" in audit and secret not in audit
