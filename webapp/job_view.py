"""An import job on the upload page: its progress while a worker stores it (polled by a fragment, so the page
may be left at any moment), then how it ended — until the user starts the next upload."""

from __future__ import annotations

import streamlit as st

from tracker.core.clock import local
from tracker.importer import jobs
from tracker.wording.import_preview import plan_table
from webapp import context, errors
from webapp.language import lang, t
from webapp.safe import plain


@st.fragment(run_every=0.5)
def _watch(job_id: int) -> None:
    state = jobs.job_state(context.tracker().engine, job_id)
    if state is None or state.finished:
        st.rerun(scope="app")
    assert state is not None
    share = state.done / state.total if state.total else 0.0
    st.progress(share, text=plain(t("job.running", file=state.file, done=state.done, total=state.total)))


def _outcome(state: jobs.JobState) -> None:
    if state.status == "stored":
        st.success(plain(t("summary.stored", **state.summary)))
        if state.plan is not None and state.plan.register is not None:
            st.dataframe(plan_table(state.plan, state.plan.register, lang(), ("new", "changed")), hide_index=True,
                         width="stretch")
    elif state.status == "nothing":
        st.success(plain(t("summary.nothing", file=state.file)))
    elif state.status == "rejected":
        st.error(plain(state.error.get(lang(), "")))
        if state.problems:
            errors.problems_table(state.problems)
        else:  # stored by another process: its problems as the job kept them
            st.text(state.error.get(f"{lang()}_problems", ""))
    elif state.status == "failed":
        st.error(plain(t("job.failed", file=state.file, error=state.error.get(lang(), ""))))
    else:
        st.warning(plain(t("job.interrupted", file=state.file, at=f"{local(state.started_at):%Y-%m-%d %H:%M}")))


def show(job_id: int) -> None:
    """The job's progress, or its ending with the button to upload the next file."""
    engine = context.tracker().engine
    state = jobs.job_state(engine, job_id)
    if state is None:
        st.session_state.pop("upload_job", None)
        st.rerun()
    assert state is not None
    if not state.finished:
        _watch(job_id)
        return
    context.data_changed()  # the figures changed (or did not): every view is looked at afresh
    jobs.mark_seen(engine, job_id)
    _outcome(state)
    if st.button(t("upload.another"), key="upload_another"):
        st.session_state.pop("upload_job", None)
        st.rerun()
