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

PAGES = [  # path, title, icon, default, the action a role needs to see it
    ("pages/overview.py", "nav.overview", ":material/dashboard:", True, "view"),
    ("pages/targets.py", "nav.targets", ":material/flag:", False, "view"),
    ("pages/target_detail.py", "nav.detail", ":material/query_stats:", False, "view"),
    ("pages/units.py", "nav.units", ":material/apartment:", False, "view"),
    ("pages/upload.py", "nav.upload", ":material/upload_file:", False, "upload"),
    ("pages/completeness.py", "nav.completeness", ":material/fact_check:", False, "view"),
    ("pages/history.py", "nav.history", ":material/history:", False, "view"),
    ("pages/export.py", "nav.export", ":material/download:", False, "export"),
    ("pages/register.py", "nav.register", ":material/menu_book:", False, "register"),
    ("pages/locks.py", "nav.locks", ":material/lock:", False, "lock"),
    ("pages/audit.py", "nav.audit", ":material/policy:", False, "audit"),
    ("pages/accounts.py", "nav.accounts", ":material/manage_accounts:", False, "accounts"),
]
_ = lang()
who = ui_access.actor()
if who is None:  # nothing but the sign-in page until someone signs in
    st.navigation([st.Page("pages/signin.py", title=t("nav.signin"), icon=":material/login:", default=True)]).run()
else:
    ui_access.sidebar(who)
    pages = [st.Page(path, title=t(key), icon=icon, default=default)
             for path, key, icon, default, action in PAGES if who.can(action)]
    st.navigation(pages).run()
