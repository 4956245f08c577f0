"""Chinese punctuation in documents: a register's names keep the ASCII quotes a planner typed; a document sets them
as Chinese quotation marks (GB/T 15834)."""

from __future__ import annotations

import re

QUOTED = re.compile(r'"([^"\n]*[\u4e00-\u9fff][^"\n]*)"')


def curly(text: str) -> str:
    """ASCII quotes around Chinese become “…”: "十三五" → “十三五”; quotes around other text stay as they are."""
    return QUOTED.sub(lambda m: f"“{m.group(1)}”", text)
