"""目标登记: the register as loaded (every plan), its problems when an edit breaks it, and its versions."""

import streamlit as st

from tracker.register.changes import changes_between
from tracker.storage.register_versions import content_of, versions
from tracker.wording.register_changes import changes_text, versions_table
from tracker.wording.tables import local_time, register_tables
from webapp import context, errors, language, signin, widgets
from webapp.language import t
from webapp.safe import plain

state = context.register_state()
lang = language.lang()
signin.need("register")
st.title(t("reg.title"))
if state.problems:
    st.error(t("reg.invalid"))
    errors.problems_table(state.problems)
reg = context.register()
if not state.problems:
    st.success(plain(t("reg.valid", targets=reg.sources[0], units=reg.sources[1], loaded_at=local_time(state.loaded_at))))
if reg.warnings:
    errors.problems_table(list(reg.warnings))
tables = register_tables(reg, lang)
for tab, (_key, table) in zip(st.tabs([t(f"reg.{k}") for k in tables]), tables.items(), strict=True):
    tab.dataframe(table, hide_index=True, width="stretch")

st.subheader(t("regver.title"))
st.caption(t("regver.caption"))
names = reg.names(lang)
with context.db() as s:
    stored = versions(session=s)
if not stored:
    st.info(t("regver.none"))
else:
    widgets.table(versions_table(stored, names, lang))
    if len(stored) > 1:
        labels = {v.number: t("regver.label", n=v.number, at=local_time(v.first_loaded_at)) for v in stored}
        numbers = list(labels)
        st.markdown(f"**{t('regver.compare')}**")
        c1, c2 = st.columns(2)
        old = c1.selectbox(t("regver.from"), numbers, index=1, format_func=labels.__getitem__, key="regver_from")
        new = c2.selectbox(t("regver.to"), numbers, index=0, format_func=labels.__getitem__, key="regver_to")
        with context.db() as s:
            before, after = content_of(session=s, number=old), content_of(session=s, number=new)
        if before is not None and after is not None:
            for line in changes_text(changes_between(before, after), names, lang):
                st.text(line)
