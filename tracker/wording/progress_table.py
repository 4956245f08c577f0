"""The progress table as the command line and the API print it: the JSON keys plus name and sentence."""

from __future__ import annotations

import pandas as pd

from tracker.core.i18n import Lang
from tracker.engine.progress import ProgressRow
from tracker.register import Register
from tracker.wording.sentences import sentence


def progress_frame(rows: list[ProgressRow], register: Register, lang: Lang) -> pd.DataFrame:
    """The progress rows as a table with the JSON keys plus name and sentence."""
    data = [{**r.as_json(), "name": r.name(lang), "unit": r.unit, "sentence": sentence(r, register, lang)}
            for r in rows]
    return pd.DataFrame(data)
