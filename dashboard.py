"""Streamlit entry point: page config, language switch, navigation. Run: python dashboard.py [options]"""

import sys

import streamlit as st

if __name__ == "__main__" and not st.runtime.exists():
    from ui import serve

    sys.exit(serve(sys.argv[1:]))

import ui_access
from ui import ensure_navigation, keep_lang_in_link, lang, remember_lang, t

ensure_navigation()

st.set_page_config(page_title="海珠区政务服务规划监测 · Plan tracker", page_icon=":material/dashboard:", layout="wide")
keep_lang_in_link()

with st.sidebar:
    st.radio(t("ui.language"), options=["zh", "en"], index=0 if lang() == "zh" else 1, key="lang_choice",
             horizontal=True, format_func=lambda code: "中文" if code == "zh" else "English",
             on_change=remember_lang)
    st.caption(t("ui.app_title"))

_ = lang()
who = ui_access.actor()
if who is None:  # the sign-in form at whatever address was asked for; that page opens once signed in
    st.navigation([st.Page(path, title=t(key), icon=icon, default=default)
                   for path, key, icon, default, _action in ui_access.PAGES], position="hidden")
    ui_access.sign_in_form()
else:
    ui_access.sidebar(who)
    pages = [st.Page(path, title=t(key), icon=icon, default=default)
             for path, key, icon, default in ui_access.pages_for(who)]
    st.navigation(pages).run()
