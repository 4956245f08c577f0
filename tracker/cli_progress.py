"""`python -m tracker progress`: every target and indicator for an as-of month, window and unit."""

from __future__ import annotations

import argparse
import json

from tracker.cli import Lang, command, open_from
from tracker.db import session
from tracker.engine.windows import WINDOW_KINDS


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", required=True, help="as-of month, e.g. 2018-06")
    p.add_argument("--window", default="ytd", choices=WINDOW_KINDS, help="time window (default ytd)")
    p.add_argument("--unit", help="a unit code (with its children), or type:street for a unit type; default district")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")


@command("progress", "every target and indicator: value, expected, gap and status")(_options)
def cmd_progress(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.engine.progress import JSON_KEYS, progress_frame, progress_rows
    from tracker.engine.windows import scope_for

    t = open_from(args)
    scope = scope_for(t.register, args.unit)
    with session(t.engine) as s:
        rows = progress_rows(session=s, register=t.register, as_of=args.as_of, window=args.window, scope=scope)
    if args.format == "json":
        print(json.dumps([r.as_json() for r in rows], ensure_ascii=False, indent=2))
        return 0
    frame = progress_frame(rows, t.register, lang)
    if args.format == "csv":
        print(frame[list(JSON_KEYS)].to_csv(index=False), end="")
    else:
        for sentence_text in frame["sentence"]:
            print(sentence_text)
    return 0
