"""`python -m tracker summary rebuild|check`: the figures kept ready and the first-received times, made afresh or
compared with raw values."""

from __future__ import annotations

import argparse

from tracker.cli.common import open_from
from tracker.cli.parser import Help, command, register_options
from tracker.core.i18n import Lang, msg


def _options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("action", choices=["rebuild", "check"], help=h("cli.opt.summary_action"))
    register_options(p, h)


@command("summary", "cli.cmd.summary")(_options)
def cmd_summary(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.engine import kept_windows, summary
    from tracker.storage import received, received_days
    from tracker.storage.db import session

    t = open_from(args)
    with session(t.engine) as s:
        if args.action == "rebuild":
            rows = summary.rebuild(session=s, register=t.register)
            firsts = received.rebuild(s)
            s.commit()
            print(msg("summary.rebuilt", lang, scopes=len(summary.kept_scopes(t.register)), rows=rows,
                      pairs=summary.pair_count(s), windows=kept_windows.count(s), firsts=firsts,
                      days=received_days.count(s)))
            return 0
        compared, differ = summary.differences(session=s, register=t.register)
        for more, wrong in (received.differences(s), received_days.differences(s)):
            compared, differ = compared + more, differ + wrong
    print(msg("summary.differs" if differ else "summary.same", lang, compared=compared, differ=differ))
    return 1 if differ else 0
