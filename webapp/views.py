"""The engine's views for the pages, cached per data version, register and plan (one typed function per view).

The version is the cache key's first argument, `data_version` — not `_version`: Streamlit leaves arguments whose
names start with an underscore out of the key, and the views were then served for whatever data was there first.

A warm page does no database work beyond reading the data version every few seconds; the first view after an
import or a register change recomputes. Views hold figures only, so a change of language recomputes nothing.
(The cache key is every argument: none may start with an underscore, which Streamlit would leave out.)
"""

from __future__ import annotations

import streamlit as st

from tracker.engine.completeness import Completeness, completeness
from tracker.engine.progress import ProgressRow, progress_rows
from tracker.engine.scorecard import Scorecard, scorecard
from tracker.engine.views import (
    Overview,
    TargetDetail,
    UnitProfile,
    overview,
    target_detail,
    unit_profile,
)
from webapp.context import db, plan_register, version


@st.cache_data(max_entries=128, show_spinner=False)
def _overview(version_key: str, plan: str, as_of: str, window: str) -> Overview:
    with db() as s:
        return overview(session=s, register=plan_register(plan), as_of=as_of, window=window)


def overview_view(*, plan: str, as_of: str, window: str) -> Overview:
    """Status counts and one card per target of the plan (`tracker.engine.views.overview`)."""
    return _overview(version(), plan, as_of, window)


@st.cache_data(max_entries=256, show_spinner=False)
def _target_detail(version_key: str, plan: str, target: str, as_of: str, window: str) -> TargetDetail:
    with db() as s:
        return target_detail(session=s, register=plan_register(plan), target=target, as_of=as_of, window=window)


def target_detail_view(*, plan: str, target: str, as_of: str, window: str) -> TargetDetail:
    return _target_detail(version(), plan, target, as_of, window)


@st.cache_data(max_entries=128, show_spinner=False)
def _scorecard(version_key: str, plan: str, as_of: str, window: str, rows: tuple[str, ...]) -> Scorecard:
    with db() as s:
        return scorecard(session=s, register=plan_register(plan), as_of=as_of, window=window, rows=list(rows))


def scorecard_view(*, plan: str, as_of: str, window: str, rows: list[str]) -> Scorecard:
    return _scorecard(version(), plan, as_of, window, tuple(rows))


@st.cache_data(max_entries=256, show_spinner=False)
def _unit_profile(version_key: str, plan: str, unit: str, as_of: str, window: str) -> UnitProfile:
    with db() as s:
        return unit_profile(session=s, register=plan_register(plan), unit=unit, as_of=as_of, window=window)


def unit_profile_view(*, plan: str, unit: str, as_of: str, window: str) -> UnitProfile:
    return _unit_profile(version(), plan, unit, as_of, window)


@st.cache_data(max_entries=64, show_spinner=False)
def _progress(version_key: str, plan: str, as_of: str, include_untargeted: bool) -> list[ProgressRow]:
    with db() as s:
        return progress_rows(session=s, register=plan_register(plan), as_of=as_of,
                             include_untargeted=include_untargeted)


def progress_view(*, plan: str, as_of: str, include_untargeted: bool = True) -> list[ProgressRow]:
    return _progress(version(), plan, as_of, include_untargeted)


@st.cache_data(max_entries=64, show_spinner=False)
def _completeness(version_key: str, plan: str, period: str) -> Completeness:
    with db() as s:
        return completeness(session=s, register=plan_register(plan), period=period)


def completeness_view(*, plan: str, period: str) -> Completeness:
    return _completeness(version(), plan, period)
