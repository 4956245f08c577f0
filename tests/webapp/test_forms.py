"""Forms (issue 17): a rejected field keeps what was typed (finding 10); a form that did its job starts empty
(finding 13: the lock form after locking)."""

from __future__ import annotations

from tests.webapp.test_pages import open_page
from tests.webapp.test_upload_page import signed_in


def test_a_short_password_keeps_the_rest_of_the_new_account(copy_url: str) -> None:  # noqa: F811
    at = signed_in("admin")  # lands on 账号管理
    at.text_input(key="account_add_name_0").input("clerk_xingang")
    at.multiselect[0].select("street_xingang")
    at.text_input(key="account_add_password_0").input("short")
    at.selectbox[0].set_value("reporter")  # the role picker of the add form
    at.button[0].click().run()
    assert at.error[0].value == "密码太短：至少 8 个字符"
    assert at.text_input(key="account_add_name_0").value == "clerk_xingang"  # not wiped
    assert at.multiselect[0].value == ["street_xingang"]
    at.text_input(key="account_add_password_0").input("long-enough-1")
    at.button[0].click().run()
    assert [s.value for s in at.success] == ["已保存"]
    assert "clerk_xingang" in at.dataframe[0].value["账号"].tolist()
    assert at.text_input(key="account_add_name_1").value == ""  # saved: a fresh, empty form


def test_the_lock_form_is_empty_after_locking(copy_url: str) -> None:  # noqa: F811
    at = open_page(signed_in("planner"), "locks")
    at.text_input[0].input("第6期简报已印发")
    at.button[0].click().run()
    assert [s.value for s in at.success][0].startswith("已锁定 ")
    assert at.text_input[0].value == ""
