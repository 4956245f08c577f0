"""总览 (issue 17): 环比 in the figure's own terms, better or worse; "no data" said once; the printable page for those
who may export (the 环比 table without an inner scroll box is checked in the browser test)."""

from __future__ import annotations

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
    clerk = signed_in("clerk_chigang")
    clerk.switch_page("pages/overview.py")
    clerk.run()
    assert not [b for b in clerk.button if b.key == "print_make"]




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
