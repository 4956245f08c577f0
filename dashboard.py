"""Streamlit entry point: page config, language switch, navigation. Run: python dashboard.py [options]"""

import sys

import streamlit as st

if __name__ == "__main__" and not st.runtime.exists():
    from ui import serve

    sys.exit(serve(sys.argv[1:]))

from ui import ensure_navigation, keep_lang_in_link, lang, remember_lang, t

ensure_navigation()

st.set_page_config(page_title="海珠区政务服务规划监测 · Plan tracker", page_icon=":material/dashboard:", layout="wide")
keep_lang_in_link()

with st.sidebar:
    st.radio(t("ui.language"), options=["zh", "en"], index=0 if lang() == "zh" else 1, key="lang_choice",
             horizontal=True, format_func=lambda code: "中文" if code == "zh" else "English",
             on_change=remember_lang)
    st.caption(t("ui.app_title"))

PAGES = [
    ("pages/overview.py", "nav.overview", ":material/dashboard:", True),
    ("pages/targets.py", "nav.targets", ":material/flag:", False),
    ("pages/target_detail.py", "nav.detail", ":material/query_stats:", False),
    ("pages/units.py", "nav.units", ":material/apartment:", False),
    ("pages/upload.py", "nav.upload", ":material/upload_file:", False),
    ("pages/completeness.py", "nav.completeness", ":material/fact_check:", False),
    ("pages/history.py", "nav.history", ":material/history:", False),
    ("pages/export.py", "nav.export", ":material/download:", False),
    ("pages/register.py", "nav.register", ":material/menu_book:", False),
]
_ = lang()
pages = [st.Page(path, title=t(key), icon=icon, default=default) for path, key, icon, default in PAGES]
st.navigation(pages).run()
