"""Streamlit entry point: page config, language switch, navigation and the sign-in gate.

Run: `python dashboard.py [--server.port N] [--server.address A]` (or `make run`): served as an ASGI app by
`webapp.server`, which runs this script for every page view.
"""

import sys

import streamlit as st

if __name__ == "__main__" and not st.runtime.exists():
    from webapp.server import serve

    sys.exit(serve(sys.argv[1:]))


from webapp import errors, narrow, pickers, signin  # noqa: E402  (after the start-up branch: serving needs none of the page code)
from webapp.language import keep_lang_in_link, lang, remember_lang, t  # noqa: E402
from webapp.navigation import PAGES, ensure_navigation, landing, pages_for  # noqa: E402

ensure_navigation()

st.set_page_config(page_title="海珠区政务服务规划监测 · Plan tracker", page_icon=":material/dashboard:", layout="wide")
keep_lang_in_link()

with st.sidebar:
    st.radio(t("ui.language"), options=["zh", "en"], index=0 if lang() == "zh" else 1, key="lang_choice",
             horizontal=True, format_func=lambda code: "中文" if code == "zh" else "English",
             on_change=remember_lang)
    st.caption(t("ui.app_title"))


def home() -> None:
    """The site's own address: the account's landing page (with the address's month and language)."""
    if who is None:
        signin.sign_in_form()
        return
    st.switch_page(landing(who), query_params=st.query_params.to_dict())


with errors.said():  # a storage fault or a named error on any page is a message, never a traceback
    who = signin.actor()
    home_page = st.Page(home, title=t("nav.home"), url_path="home", default=True, visibility="hidden")
    if who is None:  # the sign-in form at whatever address was asked for; that page opens once signed in
        asked = st.navigation([home_page, *(st.Page(path, title=t(key), icon=icon)
                                            for path, key, icon, _d, _a in PAGES)], position="hidden")
        signin.sign_in_form(landing if asked.url_path == "" else None)
    else:
        signin.sidebar(who)
        pickers.plan_chooser()
        with st.sidebar:
            narrow.close_sidebar_when_narrow()  # last in the sidebar: its empty slot adds no gap between entries
        st.navigation([home_page, *(st.Page(path, title=t(key), icon=icon) for path, key, icon, _d in pages_for(who))]
                      ).run()
