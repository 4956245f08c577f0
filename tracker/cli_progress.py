"""`python -m tracker progress`: every target and indicator for an as-of month, window and unit."""

from __future__ import annotations

import argparse
import json

from tracker.cli import Help, Lang, command, open_from
from tracker.db import session
from tracker.engine.windows import WINDOW_KINDS


def _options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--as-of", required=True, help=h("cli.opt.as_of"))
    p.add_argument("--window", default="ytd", choices=WINDOW_KINDS, help=h("cli.opt.window"))
    p.add_argument("--unit", help=h("cli.opt.scope"))
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help=h("cli.opt.format"))


@command("progress", "cli.cmd.progress")(_options)
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
        from tracker.safecells import csv_cell

        print(frame[list(JSON_KEYS)].map(csv_cell).to_csv(index=False), end="")
    else:
        for sentence_text in frame["sentence"]:
            print(sentence_text)
    return 0
