"""The UI language: Chinese by default, English by the sidebar switch or ?lang=en, kept in the address."""

from __future__ import annotations

import streamlit as st

from tracker.core.i18n import Lang, as_lang, msg


def lang() -> Lang:
    """The UI language: the sidebar's choice, else the link's ?lang=, else Chinese."""
    if "lang" not in st.session_state:
        st.session_state["lang"] = as_lang(st.query_params.get("lang", "zh"))
    return as_lang(st.session_state["lang"])


def remember_lang() -> None:
    """Keep the language chosen in the sidebar for this session and in the address (?lang=en), so a reload
    or a shared link opens in the same language."""
    st.session_state["lang"] = st.session_state.get("lang_choice", "zh")
    keep_lang_in_link()


def keep_lang_in_link() -> None:
    if st.query_params.get("lang") != lang():
        st.query_params["lang"] = lang()


def t(key: str, **params: object) -> str:
    """A message in the UI language."""
    return msg(key, lang(), **params)
