"""总览 (issue 17): 环比 in the figure's own terms, better or worse; "no data" said once; the printable page for those
who may export (the 环比 table without an inner scroll box is checked in the browser test)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.webapp.test_upload_page import signed_in


def test_the_changes_say_which_way_is_good_in_the_figures_own_terms(copy_url: str) -> None:  # noqa: F811
    at = signed_in("leader")
    at.selectbox(key="as_of").set_value("2018-06").run()
    changes = at.dataframe[0].value
    days = changes[changes["指标"].str.contains("公布时限")]["环比"].tolist()
    assert days and all(("工作日" in c and ("（向好）" in c or "（变差）" in c)) or c == "持平" for c in days)
    assert not any("%" in c for c in days)  # a working-day figure never changes by a percentage
    assert "所选期间无数据；无数据" not in " ".join(c.value for c in at.caption)


def test_the_printable_page_is_offered_to_a_leader_not_to_a_clerk(copy_url: str) -> None:  # noqa: F811
    at = signed_in("leader")
    at.selectbox(key="as_of").set_value("2018-06").run()
    at.button(key="print_make").click().run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels[-2:] == ["下载 PDF", "下载 PNG"]
    assert at.date_input(key="print_date").value is None  # undated: stamped with the time it was made
    clerk = signed_in("clerk_chigang")
    clerk.switch_page("pages/overview.py")
    clerk.run()
    assert not [b for b in clerk.button if b.key == "print_make"]




def test_the_printable_page_carries_the_date_chosen_on_the_page(copy_url: str,  # noqa: F811
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # the command line's --date, on the page (issue 18): the printed line ends in the meeting's date. The page is
    # drawn as shapes (no text to extract), so the sheet it was drawn from is read as it is made.
    import tracker.reports.overview.sheet as sheet_module

    real = sheet_module.overview_sheet
    lines: list[list[str]] = []

    def kept(*args: object, **kwargs: object) -> object:
        sheet = real(*args, **kwargs)  # type: ignore[arg-type]
        lines.append(list(sheet.lines))
        return sheet

    monkeypatch.setattr(sheet_module, "overview_sheet", kept)
    at = signed_in("leader")
    at.selectbox(key="as_of").set_value("2018-06").run()
    at.date_input(key="print_date").set_value(dt.date(2018, 7, 15)).run()
    at.button(key="print_make").click().run()
    assert not at.exception
    assert lines and all(x[0].endswith(" · 2018年7月15日") and "生成于" not in x[0] for x in lines), lines
    assert [b.proto.label for b in at.get("download_button")][-2:] == ["下载 PDF", "下载 PNG"]


def test_switching_the_language_recomputes_nothing(copy_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import webapp.views

    calls: list[str] = []
    real = webapp.views.overview

    def counted(**kwargs: object) -> object:
        calls.append(str(kwargs["as_of"]))
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(webapp.views, "overview", counted)
    at = signed_in("leader")  # the overview of the latest month: computed at most once (it may be cached already)
    before = len(calls)
    at.sidebar.radio(key="lang_choice").set_value("en").run()
    assert at.title[0].value == "Plan progress overview"
    assert len(calls) == before  # the figures came from the cache: only the words changed


def test_the_changes_table_keeps_its_names_in_view_when_a_phone_scrolls_it_sideways(copy_url: str) -> None:  # noqa: F811
    at = signed_in("leader")
    columns = json.loads(at.dataframe[0].proto.columns)
    assert columns["指标"] == {"pinned": True}  # the first column, the indicator names
