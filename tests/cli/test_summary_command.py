"""`python -m tracker summary check|rebuild` on a copy of the demo database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import run


def _copy(demo_url: str, tmp_path: Path) -> Path:
    dst = tmp_path / "cli.db"
    src = sqlite3.connect(demo_url.split("///", 1)[1])
    out = sqlite3.connect(dst)
    src.backup(out)
    src.close()
    out.close()
    return dst


def test_check_finds_a_wrong_figure_and_rebuild_mends_it(demo_url: str, tmp_path: Path) -> None:
    db = _copy(demo_url, tmp_path)
    ok = run("summary", "check", tmp_path=tmp_path)
    assert ok.returncode == 0 and ok.stdout.startswith("汇总表与原始数据一致"), ok.stdout + ok.stderr
    with sqlite3.connect(db) as con:  # one figure made wrong behind the tracker's back
        con.execute("UPDATE figure_summary SET numerator = numerator + 1 "
                    "WHERE rowid = (SELECT min(rowid) FROM figure_summary WHERE numerator IS NOT NULL)")
    bad = run("--lang", "en", "summary", "check", tmp_path=tmp_path)
    assert bad.returncode == 1
    assert "1 of" in bad.stdout and "figures differ" in bad.stdout, bad.stdout
    rebuilt = run("summary", "rebuild", tmp_path=tmp_path)
    assert rebuilt.returncode == 0 and rebuilt.stdout.startswith("已重新生成汇总表"), rebuilt.stdout + rebuilt.stderr
    assert run("summary", "check", tmp_path=tmp_path).returncode == 0


def test_check_finds_a_wrong_first_received_time_and_rebuild_mends_it(demo_url: str, tmp_path: Path) -> None:
    db = _copy(demo_url, tmp_path)
    with sqlite3.connect(db) as con:  # one time moved, one deleted, behind the tracker's back
        first = "SELECT period, unit_code, metric_code FROM first_received ORDER BY period {}, unit_code, metric_code LIMIT 1"
        con.execute("UPDATE first_received SET received_at = '2030-01-01 00:00:00.000000' "
                    f"WHERE (period, unit_code, metric_code) = ({first.format('ASC')})")
        con.execute(f"DELETE FROM first_received WHERE (period, unit_code, metric_code) = ({first.format('DESC')})")
        kept = con.execute("SELECT count(*) FROM first_received").fetchone()[0]
    bad = run("--lang", "en", "summary", "check", tmp_path=tmp_path)
    assert bad.returncode == 1
    # the two keys, and the days kept from them that no longer agree: the moved key's old day and its new day
    # (1 January 2030), the deleted key's day
    assert " 5 of" in bad.stdout and "figures differ" in bad.stdout, bad.stdout
    rebuilt = run("--lang", "en", "summary", "rebuild", tmp_path=tmp_path)
    assert f"; {kept + 1} first-received times" in rebuilt.stdout, rebuilt.stdout
    assert run("summary", "check", tmp_path=tmp_path).returncode == 0


# a kept table damaged behind the tracker's back: one row made wrong, another deleted
DAMAGES = {
    "received_day": ("SELECT period, unit_code, day FROM received_day ORDER BY period {}, unit_code, day LIMIT 1",
                     "(period, unit_code, day)", "metrics = '[]'", "first-received days"),
    "unit_pair": ("SELECT unit, key, period FROM unit_pair WHERE numerator IS NOT NULL ORDER BY unit {}, key, period"
                  " LIMIT 1", "(unit, key, period)", "numerator = numerator + 1", "unit pairs by period"),
}


@pytest.mark.parametrize("table", sorted(DAMAGES))
def test_check_finds_a_wrong_or_missing_kept_row_and_rebuild_mends_it(table: str, demo_url: str,
                                                                       tmp_path: Path) -> None:
    first, columns, wrong, said = DAMAGES[table]
    db = _copy(demo_url, tmp_path)
    with sqlite3.connect(db) as con:
        con.execute(f"UPDATE {table} SET {wrong} WHERE {columns} = ({first.format('ASC')})")
        con.execute(f"DELETE FROM {table} WHERE {columns} = ({first.format('DESC')})")
        kept = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    bad = run("--lang", "en", "summary", "check", tmp_path=tmp_path)
    assert bad.returncode == 1
    assert " 2 of" in bad.stdout and "figures differ" in bad.stdout, bad.stdout
    rebuilt = run("--lang", "en", "summary", "rebuild", tmp_path=tmp_path)
    assert f", {kept + 1} {said}" in rebuilt.stdout, rebuilt.stdout  # the deleted one made again
    assert run("summary", "check", tmp_path=tmp_path).returncode == 0


def test_check_finds_a_wrong_or_missing_window_figure_and_rebuild_mends_it(demo_url: str, tmp_path: Path) -> None:
    db = _copy(demo_url, tmp_path)
    with sqlite3.connect(db) as con:  # one unit's year-to-date figure made wrong, another's deleted
        first = ("SELECT window_end, key, unit, cover FROM unit_window WHERE numerator IS NOT NULL "
                 "ORDER BY window_end {0}, key, unit, cover LIMIT 1")
        con.execute("UPDATE unit_window SET numerator = numerator + 1 "
                    f"WHERE (window_end, key, unit, cover) = ({first.format('ASC')})")
        con.execute(f"DELETE FROM unit_window WHERE (window_end, key, unit, cover) = ({first.format('DESC')})")
        kept = con.execute("SELECT count(*) FROM unit_window").fetchone()[0]
    bad = run("--lang", "en", "summary", "check", tmp_path=tmp_path)
    assert bad.returncode == 1
    assert "2 of" in bad.stdout and "figures differ" in bad.stdout, bad.stdout
    rebuilt = run("--lang", "en", "summary", "rebuild", tmp_path=tmp_path)
    assert f", {kept + 1} unit figures of year-to-date windows;" in rebuilt.stdout, rebuilt.stdout
    assert run("summary", "check", tmp_path=tmp_path).returncode == 0


def test_check_finds_the_windows_lost_and_rebuild_makes_them(demo_url: str, tmp_path: Path) -> None:
    """The summary marked ready but its windows' span gone (or short of the data): the windows are not read, and
    the check says the summary needs rebuilding."""
    db = _copy(demo_url, tmp_path)
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM meta WHERE key = 'summary_windows'")
    bad = run("--lang", "en", "summary", "check", tmp_path=tmp_path)
    assert bad.returncode == 1 and "1 of" in bad.stdout, bad.stdout
    assert run("summary", "rebuild", tmp_path=tmp_path).returncode == 0
    with sqlite3.connect(db) as con:  # the span made short of the data's last month
        first, last = con.execute("SELECT value FROM meta WHERE key = 'summary_windows'").fetchone()[0].split(",")
        con.execute("UPDATE meta SET value = ? WHERE key = 'summary_windows'", (f"{first},{int(last) - 1}",))
    short = run("--lang", "en", "summary", "check", tmp_path=tmp_path)
    assert short.returncode == 1, short.stdout
    assert run("summary", "rebuild", tmp_path=tmp_path).returncode == 0
    assert run("summary", "check", tmp_path=tmp_path).returncode == 0
