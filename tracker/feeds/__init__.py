"""Answers for other programs: the rows the command line prints with `--format json|csv` and the HTTP API serves
(`/api/v1/…`), made by the same engine functions as the pages. One function per answer; each gives JSON-ready
data and the rows and columns of its CSV, so the two interfaces cannot drift apart."""

from tracker.feeds.answers import (
    Answer,
    completeness_answer,
    progress_answer,
    scorecard_answer,
    values_answer,
)
from tracker.feeds.scope import scope_unit

__all__ = ["Answer", "completeness_answer", "progress_answer", "scope_unit", "scorecard_answer", "values_answer"]
