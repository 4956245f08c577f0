"""Accounts, locks, the audit trail, backup and restore from the command line; bad arguments give one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.test_cli import run
from tracker.storage.db import known_revisions

CSV = "单位,期间,受理量\n赤岗街,2019-06,100\n新港街,2019-06,200\n"


def test_accounts_from_the_command_line(tmp_path: Path) -> None:
    added = run("user", "add", "clerk_a", "--role", "reporter", "--unit", "赤岗街", "--password-stdin",
                stdin="s3cret-pass\n", tmp_path=tmp_path)
    assert (added.returncode, added.stdout.strip()) == (0, "已添加账号 clerk_a（填报员）")
    assert run("user", "add", "planner_a", "--role", "planner", "--password-stdin", stdin="s3cret-pass\n",
               tmp_path=tmp_path).returncode == 0
    listed = run("user", "list", tmp_path=tmp_path).stdout.splitlines()
    assert listed == ["clerk_a\t填报员\t赤岗街政务服务中心\t—", "planner_a\t规划员\t—\t—"]
    assert run("user", "assign", "clerk_a", "--unit", "street_xingang", "--unit", "新港街", tmp_path=tmp_path).returncode == 0
    assert run("user", "disable", "planner_a", tmp_path=tmp_path).returncode == 0
    assert run("user", "list", tmp_path=tmp_path).stdout.splitlines()[1] == "planner_a\t规划员\t—\t— [已停用]"
    empty = run("user", "set-password", "clerk_a", "--password-stdin", stdin="", tmp_path=tmp_path)
    assert (empty.returncode, empty.stderr.strip()) == (1, "错误: 没有读到密码（标准输入为空）")
    short = run("user", "add", "clerk_b", "--role", "leader", "--password-stdin", stdin="short\n", tmp_path=tmp_path)
    assert (short.returncode, short.stderr.strip()) == (1, "错误: 密码太短：至少 8 个字符")
    db = sqlite3.connect(tmp_path / "cli.db")
    hashes = [h for (h,) in db.execute("select password_hash from account")]
    assert all(h.startswith("$argon2") for h in hashes) and not any("s3cret" in h for h in hashes)
    # the password is never an argument: there is no option that takes one
    assert "--password " not in run("user", "add", "--help", tmp_path=tmp_path).stdout


def test_import_as_a_named_account_applies_its_rights(tmp_path: Path) -> None:
    (tmp_path / "六月.csv").write_text(CSV, encoding="utf-8")
    run("user", "add", "clerk_a", "--role", "reporter", "--unit", "赤岗街", "--password-stdin", stdin="s3cret-pass\n",
        tmp_path=tmp_path)
    refused = run("import", str(tmp_path / "六月.csv"), "--user", "clerk_a", tmp_path=tmp_path)
    assert refused.returncode == 1
    assert "账号“clerk_a”只能为 赤岗街政务服务中心（及其下级单位）报送数据，不能为“新港街政务服务中心”报送" in refused.stderr
    assert sqlite3.connect(tmp_path / "cli.db").execute("select count(*) from value_revision").fetchone() == (0,)
    nobody = run("import", str(tmp_path / "六月.csv"), "--user", "nobody", tmp_path=tmp_path)
    assert nobody.returncode == 1 and "没有名为“nobody”的账号" in nobody.stderr
    assert run("import", str(tmp_path / "六月.csv"), tmp_path=tmp_path).returncode == 0  # the operator: every unit
    audit = run("audit", "--action", "import_rejected", tmp_path=tmp_path).stdout
    assert "clerk_a" in audit and "导入被拒收" in audit and "六月.csv" in audit


def test_locks_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "六月.csv").write_text(CSV, encoding="utf-8")
    locked = run("lock", "2019H1", "--reason", "半年评估已印发", tmp_path=tmp_path)
    assert (locked.returncode, locked.stdout.strip()) == (0, "已锁定 2019年上半年")
    assert run("locks", tmp_path=tmp_path).stdout.startswith("2019年上半年：cli:")
    refused = run("import", str(tmp_path / "六月.csv"), tmp_path=tmp_path)
    assert refused.returncode == 1 and "2019年6月 已锁定（2019年上半年" in refused.stderr
    again = run("lock", "2019H1", tmp_path=tmp_path)
    assert (again.returncode, again.stderr.strip()) == (1, "错误: 2019年上半年 已锁定")
    assert run("unlock", "2019H1", tmp_path=tmp_path).stdout.strip() == "已解锁 2019年上半年"
    assert run("import", str(tmp_path / "六月.csv"), tmp_path=tmp_path).returncode == 0
    assert run("locks", tmp_path=tmp_path).stdout.strip() == "没有锁定的期间"
    csv_out = run("audit", "--format", "csv", tmp_path=tmp_path).stdout.splitlines()
    assert csv_out[0] == "时间,账号,操作,对象,详情,文件 SHA-256"
    assert [line.split(",")[2] for line in csv_out[1:4]] == ["导入入库", "解锁期间", "导入被拒收"]


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    (tmp_path / "六月.csv").write_text(CSV, encoding="utf-8")
    assert run("import", str(tmp_path / "六月.csv"), tmp_path=tmp_path).returncode == 0
    backup = tmp_path / "备份.db"
    done = run("backup", "--out", str(backup), tmp_path=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith(f"已备份到 {backup}")
    other = tmp_path / "other"
    other.mkdir()
    restored = run("restore", str(backup), tmp_path=other)
    said = restored.stdout.strip().splitlines()
    assert (restored.returncode, said[-1]) == (0, f"已从 {backup} 恢复（2 个数值）")
    # what the backup holds is said first: 2 values of 2019-06, no account, the import and the backup itself
    assert said[0].startswith(f"备份 {backup}：数据库版本 {known_revisions()[0]}；2 个当前数值（2019年6月 至 2019年6月）；0 个账号；2 条操作记录")
    assert said[1].startswith(f"被替换的数据库已另存为 {other / 'cli.replaced-'}")
    values = sqlite3.connect(other / "cli.db").execute(
        "select unit_code, value from value_revision where is_current order by unit_code").fetchall()
    assert values == [("street_chigang", 100.0), ("street_xingang", 200.0)]
    refused = run("restore", str(backup), tmp_path=other)
    assert (refused.returncode, refused.stderr.strip()) == (1, "错误: 目标数据库已有 2 个数值；确认要覆盖请加 --force")
    # restoring it again would lose the audit event of the first restore: refused unless told
    again = run("restore", str(backup), "--force", tmp_path=other)
    assert again.returncode == 1 and "未恢复：备份中没有当前数据库的 1 条操作记录" in again.stderr
    assert run("restore", str(backup), "--force", "--keep-accounts-and-audit", tmp_path=other).returncode == 0
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    bad = run("restore", str(junk), "--force", tmp_path=other)
    assert bad.returncode == 1 and "不是本系统的 SQLite 备份文件" in bad.stderr
    assert sqlite3.connect(other / "cli.db").execute("select count(*) from value_revision where is_current").fetchone() == (2,)


def test_bad_arguments_give_one_line_and_no_traceback(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    cases = [
        (("completeness", "--period", "0000-01"), "年份不在 1900–2200 之间"),
        (("progress", "--as-of", "9999-12"), "年份不在 1900–2200 之间"),
        (("template", "--unit", "赤岗街", "--period", "2019-06", "--out", str(tmp_path / "no" / "t.xlsx")), "t.xlsx"),
        (("template", "--unit", "赤岗街", "--period", "2019-06", "--out", str(folder)), str(folder)),
        (("import", str(folder)), "不是文件"),
        (("export", "departments", "--period", "2019-06-31", "--out", str(tmp_path / "d.xlsx")), "2019-06-31"),
    ]
    for args, says in cases:
        out = run(*args, tmp_path=tmp_path)
        assert out.returncode == 1, args
        assert "Traceback" not in out.stderr and says in out.stderr, (args, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_backup_and_restore_on_postgresql_say_what_to_use(tmp_path: Path) -> None:
    import pytest

    from tests.conftest import PG_URL, _drop_postgres, _fresh_postgres

    if not PG_URL:
        pytest.skip("PostgreSQL is not configured for this run")
    url, name = _fresh_postgres()
    try:
        env = {"TRACKER_DATABASE_URL": url, "PATH": str(tmp_path)}  # no pg_dump on this PATH
        out = run("backup", "--out", str(tmp_path / "b.dump"), tmp_path=tmp_path, **env)
        assert out.returncode == 1 and "pg_dump -Fc" in out.stderr and "Traceback" not in out.stderr
        back = run("restore", str(tmp_path / "b.dump"), tmp_path=tmp_path, **env)
        assert back.returncode == 1 and "pg_restore" in back.stderr
    finally:
        _drop_postgres(name)
