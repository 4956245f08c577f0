"""Text from users and registers is shown as text on every page: a register whose names and clauses carry links,
images, HTML and bare URLs, narratives and notes with URLs, and uploaded cells with Markdown produce no link, no
image and no HTML anywhere (the probe: a "点此重新登录" link and a tracking image the browser fetched)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from tests.helpers import csv_bytes, sign_in_as
from tests.webapp.test_pages import ROOT
from tracker.access.locks import lock_period
from tracker.access.roles import Actor
from tracker.core.settings import Settings
from tracker.reports.narratives import save_narrative
from tracker.storage.db import session
from tracker.storage.opening import open_tracker

LINK = "[点此重新登录](http://evil.example/login)"
IMAGE = "![t](http://evil.example/t.png)"
HOSTILE = f"{LINK}{IMAGE}<img src=x onerror=alert(1)> www.evil.example :red[红] **粗**"
NARRATIVE = "详见 https://evil.example/report 或 www.evil.example，联系 clerk@evil.example\n- 一条\n# 标题"

_MD = MarkdownIt("gfm-like")
_MD.linkify.set({"fuzzy_link": False, "fuzzy_email": True})
_AUTOLINKED = re.compile(r"(?i)(https?://|www\.|[\w.+-]@[\w-]+\.)")  # what GitHub-flavoured Markdown links by itself


def made_of(markdown: str) -> list[str]:
    """What a Markdown text would make beyond text: links, images, HTML tags, autolinks (an empty list: text)."""
    html = _MD.render(markdown)
    found = re.findall(r"<(a|img|script|iframe|b|span|div)\b", html)
    visible = re.sub(r"<[^>]+>", "", html)
    return found + _AUTOLINKED.findall(visible.replace("&amp;", "&"))


def test_the_oracle_sees_what_the_renderer_would_make() -> None:
    assert made_of(HOSTILE) and made_of("see https://x.cn") and made_of("www.x.cn") and made_of("a@b.cn")
    assert made_of("赤岗街政务服务中心 12.5%") == []


def _hostile_yaml(text: str) -> str:
    """Every name, clause and the plan's name with the hostile text appended (single-quoted: still valid YAML)."""
    def quote(m: re.Match[str]) -> str:
        value = f"{m.group(2).strip().strip(chr(34))} {HOSTILE}".replace("'", "''")
        return f"{m.group(1)}'{value}'"

    lines = []
    for line in text.splitlines():
        stop = r'"[^"]*"|' + (r"[^,}\n]+" if "{" in line else r"[^\n]+")
        lines.append(re.sub(rf"((?:name_zh|name_en|clause): )({stop})", quote, line))
    return "\n".join(lines) + "\n"


@pytest.fixture
def hostile(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    (tmp_path / "targets.yaml").write_text(_hostile_yaml((ROOT / "targets.yaml").read_text(encoding="utf-8")),
                                           encoding="utf-8")
    (tmp_path / "units.yaml").write_text(_hostile_yaml((ROOT / "data" / "units.yaml").read_text(encoding="utf-8")),
                                         encoding="utf-8")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("TRACKER_TARGETS", str(tmp_path / "targets.yaml"))
    monkeypatch.setenv("TRACKER_UNITS", str(tmp_path / "units.yaml"))
    monkeypatch.setenv("TRACKER_SIGNIN_DELAY", "0")
    monkeypatch.chdir(ROOT)
    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:
        planner = Actor("planner", "planner")
        save_narrative(session=s, register=t.register, actor=planner, target="evaluation_rate", period="2018-06",
                       analysis=NARRATIVE, measures=HOSTILE)
        lock_period(s, planner, "2016-01", HOSTILE)
    t.engine.dispose()
    yield tmp_path


def shown(at: AppTest) -> list[str]:
    """Every Markdown text on the page, tooltips and labels included."""
    out = [x.value for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success",
                                "error") for x in getattr(at, kind)]
    out += [x.proto.help for kind in ("markdown", "caption") for x in getattr(at, kind) if x.proto.help]
    out += [x.label for kind in ("metric", "expander", "tabs", "button", "selectbox", "text_input")
            for x in getattr(at, kind) if getattr(x, "label", None)]
    return out


PAGES = {  # page → (account, role, what of the hostile text it shows)
    "overview": ("planner", "planner", "点此重新登录"),
    "targets": ("planner", "planner", "点此重新登录"),
    "target_detail": ("planner", "planner", "点此重新登录"),
    "units": ("planner", "planner", "点此重新登录"),
    "upload": ("clerk_chigang", "reporter", "点此重新登录"),
    "completeness": ("planner", "planner", "报送"),
    "history": ("planner", "planner", "修订"),
    "export": ("planner", "planner", "点此重新登录"),
    "register": ("planner", "planner", "登记"),
    "locks": ("planner", "planner", "锁定"),
    "audit": ("planner", "planner", "操作记录"),
    "accounts": ("admin", "admin", "账号"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_no_page_makes_links_images_or_html_of_user_or_register_text(page: str, hostile: Path) -> None:
    name, role, expect = PAGES[page]
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=240), name, role,
                    units=("street_chigang",) if role == "reporter" else ())
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    if page == "target_detail":
        at.selectbox(key="as_of").set_value("2018-06").run()
    assert not at.exception, at.exception
    texts = shown(at)
    assert any(expect in text for text in texts), texts  # the hostile text is there, shown as text
    made = {text: made_of(text) for text in texts if made_of(text)}
    assert made == {}


def test_uploaded_cells_in_the_problem_table_are_text(hostile: Path) -> None:
    """The probe: st.table rendered the problems' cells as Markdown — a link and a tracking image."""
    at = sign_in_as(AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=240), "planner")
    at.run()
    at.switch_page("pages/upload.py")
    at.run()
    data = csv_bytes([["单位", "期间", "指标", "数值", "备注"],
                      [LINK + IMAGE, "2019-06", "受理量", IMAGE, "http://evil.example"]])
    at.file_uploader[0].upload("坏.csv", data, "text/csv")
    at.run()
    assert not at.exception and at.error
    table = at.table[0].value  # st.table renders its cells as Markdown: each is escaped
    cells = [str(c) for c in [*table.index, *table.values.ravel()]]
    assert any("点此重新登录" in c for c in cells), cells  # the cell as written is there
    assert {c: made_of(c) for c in cells if made_of(c)} == {}
    assert {t: made_of(t) for t in shown(at) if made_of(t)} == {}
