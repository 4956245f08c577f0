"""`python -m tracker briefing-text set|show` as a user runs it: the office's sections saved from a file, shown,
printed by `briefing`, refused with one line."""

from __future__ import annotations

from pathlib import Path

from docx import Document as Docx

from tests.cli.test_cli import run

NEWS = "（一）开展消防知识培训，实地进行灭火演练。\n10月13日，区政务办联合开展消防知识培训。\n"


def test_set_show_and_print_in_the_briefing(tmp_path: Path) -> None:
    assert run("init", tmp_path=tmp_path).returncode == 0
    news = tmp_path / "news.txt"
    news.write_text(NEWS, encoding="utf-8")
    done = run("briefing-text", "set", "--month", "2017-10", "--section", "工作动态", "--file", str(news),
               tmp_path=tmp_path, USER="office")
    assert done.returncode == 0, done.stderr
    # 21 characters (3 + 8 + 1 + 8 + 1), a line break, 22 (6 + 1 + 14 + 1); the trailing line break trimmed
    assert done.stdout.strip() == "已保存2017年10月简报【工作动态】（44 字）"
    again = run("briefing-text", "set", "--month", "2017-10", "--section", "news", "--file", str(news),
                tmp_path=tmp_path)
    assert again.stdout.strip() == "2017年10月简报【工作动态】与已保存的相同，没有保存新的修订"
    gbk = tmp_path / "briefs.txt"
    gbk.write_bytes("【区政务办】接待调研组。".encode("gbk"))  # what Notepad saves in a Chinese Windows
    assert run("briefing-text", "set", "--month", "2017-10", "--section", "政务简讯", "--file", str(gbk),
               tmp_path=tmp_path).returncode == 0
    assert run("briefing-text", "set", "--month", "2017-10", "--section", "综合评分", "--score", "9.7", "--rank",
               "7", tmp_path=tmp_path).returncode == 0
    shown = run("briefing-text", "show", "--month", "2017-10", tmp_path=tmp_path).stdout.splitlines()
    headers = [line.split("】")[0] + "】" for line in shown if line.startswith("==")]
    assert headers == ["==【省“好差评”榜单】", "==【工作动态】", "==【政务简讯】"]  # in the briefing's order
    assert shown[1] == "综合评分 9.7，排名第 7 名"
    comment = tmp_path / "comment.txt"
    comment.write_text("办事评价覆盖度是影响我区排名的主要因素。", encoding="utf-8")
    assert run("briefing-text", "set", "--month", "2017-10", "--section", "ranking", "--file", str(comment),
               tmp_path=tmp_path).returncode == 0
    assert run("briefing-text", "set", "--month", "2017-10", "--section", "ranking", "--rank", "6",
               tmp_path=tmp_path).returncode == 0
    ranking = run("briefing-text", "show", "--month", "2017-10", tmp_path=tmp_path).stdout.splitlines()
    # the comment given alone kept the score and rank; the rank given alone kept the score and the comment
    assert ranking[1] == "综合评分 9.7，排名第 6 名" and ranking[2] == "办事评价覆盖度是影响我区排名的主要因素。"
    assert shown[shown.index(next(x for x in shown if x.startswith("==【工作动态】"))) + 1] == NEWS.splitlines()[0]
    assert "【区政务办】接待调研组。" in shown
    assert any(x.startswith("==【工作动态】cli:office 于 ") for x in shown)  # who saved it (the operator), when
    out = tmp_path / "b.docx"
    assert run("briefing", "--month", "2017-10", "--out", str(out), tmp_path=tmp_path).returncode == 0
    texts = [p.text for p in Docx(str(out)).paragraphs]
    assert "五、工作动态" in texts and "六、政务简讯" in texts and NEWS.splitlines()[1] in texts
    cleared = run("briefing-text", "set", "--month", "2017-10", "--section", "工作动态", "--clear",
                  tmp_path=tmp_path)
    assert cleared.stdout.strip() == "已保存2017年10月简报【工作动态】（0 字）"
    history = run("briefing-text", "show", "--month", "2017-10", "--history", tmp_path=tmp_path).stdout
    assert history.count("==【工作动态】") == 2 and "（第 2 次修订）" in history  # the old text is kept
    log = run("audit", "--action", "briefing_text", tmp_path=tmp_path).stdout
    assert log.count("2017-10 news") == 2


def test_refusals_are_one_line(tmp_path: Path) -> None:
    assert run("init", tmp_path=tmp_path).returncode == 0
    bad = run("briefing-text", "set", "--month", "2017-10", "--section", "工作动态", "--score", "9.7",
              tmp_path=tmp_path)
    assert bad.returncode == 1
    assert bad.stderr.strip() == ("错误: 综合评分和排名只能填在【省“好差评”榜单】，不能填在2017年10月简报【工作动态】中；"
                                  "未保存")
    rank = run("--lang", "en", "briefing-text", "set", "--month", "2017-10", "--section", "ranking", "--rank", "0",
               tmp_path=tmp_path)
    assert rank.returncode == 1 and "The rank \"0\" for the Oct 2017 briefing is not valid" in rank.stderr
    missing = run("briefing-text", "set", "--month", "2017-10", "--section", "news", "--file",
                  str(tmp_path / "none.txt"), tmp_path=tmp_path)
    assert missing.returncode == 1 and f"无法读取文件 {tmp_path / 'none.txt'}" in missing.stderr
    nothing = run("briefing-text", "set", "--month", "2017-10", "--section", "news", tmp_path=tmp_path)
    assert nothing.returncode == 1 and "请给出 --file、--score、--rank 或 --clear 之一" in nothing.stderr
    unknown = run("briefing-text", "set", "--month", "2017-10", "--section", "荣誉榜", "--clear", tmp_path=tmp_path)
    assert unknown.returncode == 1 and "没有名为“荣誉榜”的简报栏目" in unknown.stderr
    assert "Traceback" not in bad.stderr + rank.stderr + missing.stderr + unknown.stderr
    shown = run("briefing-text", "show", "--month", "2017-10", tmp_path=tmp_path)
    assert shown.stdout.strip() == "2017年10月简报尚无办公室填写的栏目"  # nothing was stored


def test_a_named_account_needs_the_right(tmp_path: Path) -> None:
    assert run("init", tmp_path=tmp_path).returncode == 0
    assert run("user", "add", "boss", "--role", "leader", "--password-stdin", stdin="long enough pw\n",
               tmp_path=tmp_path).returncode == 0
    denied = run("briefing-text", "set", "--month", "2017-10", "--section", "news", "--clear", "--user", "boss",
                 tmp_path=tmp_path)
    assert denied.returncode == 1 and "无权填写简报文字" in denied.stderr
