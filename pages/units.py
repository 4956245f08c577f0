"""Placeholder replaced by its issue."""

import streamlit as st

import ui

ui.register()
st.title("units")
