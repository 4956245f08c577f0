"""总览 placeholder until the progress issue."""

import streamlit as st

import ui

ui.register()
st.title(ui.t("nav.overview"))
