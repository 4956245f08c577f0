"""`python -m tracker audit`: the audit trail from the command line, as a table or CSV."""

from __future__ import annotations

import argparse
import sys

from tracker.cli.common import open_from
from tracker.cli.parser import Help, command
from tracker.core.i18n import Lang, msg


def _audit_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--user", help=h("cli.opt.audit_user"))
    p.add_argument("--action", help=h("cli.opt.audit_action"))
    p.add_argument("--limit", type=int, default=200, help=h("cli.opt.limit"))
    p.add_argument("--format", choices=["table", "csv"], default="table", help=h("cli.opt.format"))


@command("audit", "cli.cmd.audit")(_audit_options)
def cmd_audit(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.audit import audit_trail, readable, record_trail_export, to_csv, trail_names
    from tracker.access.roles import operator
    from tracker.storage.db import session

    t = open_from(args)
    actor = operator(t.settings.operator)
    with session(t.engine) as s:
        frame = audit_trail(s, actor=actor, user=args.user, action=args.action, limit=max(1, args.limit))
        names = trail_names(s, t.register, lang)
    if args.format == "csv":
        data = to_csv(frame, lang, names)
        sys.stdout.write(data.decode("utf-8-sig"))
        with session(t.engine) as s:
            record_trail_export(s, actor=actor, name="audit.csv", data=data)
    elif frame.empty:
        print(msg("audit.empty", lang))
    else:
        print(readable(frame, lang, names).to_string(index=False))
    return 0
