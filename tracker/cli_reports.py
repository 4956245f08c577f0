"""`python -m tracker export …` and `python -m tracker briefing`: the office's documents from the stored data."""

from __future__ import annotations

import argparse
import datetime as dt
import os

from tracker.cli import Help, Lang, command, open_from, out_path
from tracker.db import session
from tracker.errors import TrackerError
from tracker.i18n import msg


def _export_options(p: argparse.ArgumentParser, h: Help) -> None:
    sub = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    e = sub.add_parser("evaluation", help=h("cli.cmd.export_evaluation"), description=h("cli.cmd.export_evaluation"))
    e.add_argument("--kind", required=True, choices=["annual", "midterm", "final"], help=h("cli.opt.kind"))
    e.add_argument("--as-of", required=True, help=h("cli.opt.as_of"))
    e.add_argument("--unit", help=h("cli.opt.pack_unit"))
    e.add_argument("--out", required=True, help=h("cli.opt.pack_out"))
    d = sub.add_parser("departments", help=h("cli.cmd.export_departments"), description=h("cli.cmd.export_departments"))
    d.add_argument("--period", required=True, help=h("cli.opt.dept_period"))
    d.add_argument("--out", required=True, help=h("cli.opt.dept_out"))


@command("export", "cli.cmd.export")(_export_options)
def cmd_export(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.importer.matching import Matcher
    from tracker.reports.exports import departments_export, evaluation_export

    t = open_from(args)
    out = out_path(args.out)
    suffix = out.suffix
    with session(t.engine) as s:
        if args.what == "evaluation":
            unit = None
            if args.unit:
                unit, _ = Matcher(t.register).unit(args.unit)
                if unit is None:
                    from tracker.errors import UnknownUnit

                    raise UnknownUnit(unit=args.unit)
            export = evaluation_export(session=s, register=t.register, kind=args.kind, as_of=args.as_of,
                                       unit=unit, suffix=suffix, lang=lang)
        else:
            export = departments_export(session=s, register=t.register, period=args.period, suffix=suffix, lang=lang)
    out.write_bytes(export.data)
    print(msg("report.written", lang, path=out, what=export.name))
    return 0


def _briefing_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--month", required=True, help=h("cli.opt.month"))
    p.add_argument("--out", required=True, help=h("cli.opt.briefing_out"))
    p.add_argument("--issue", type=int, help=h("cli.opt.issue"))
    p.add_argument("--total", type=int, help=h("cli.opt.total"))
    p.add_argument("--date", help=h("cli.opt.date"))
    p.add_argument("--user", default=os.environ.get("USER", "cli"), help=h("cli.opt.user"))


@command("briefing", "cli.cmd.briefing")(_briefing_options)
def cmd_briefing(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.periods import parse_period
    from tracker.reports.briefing import Issue, next_issue
    from tracker.reports.exports import briefing_export

    t = open_from(args)
    out = out_path(args.out)
    try:
        date = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise TrackerError("cli.bad_date", value=args.date) from None
    with session(t.engine) as s:
        issue = None
        if args.issue is not None or args.total is not None:
            auto = next_issue(session=s, month_code=args.month)
            issue = Issue(parse_period(args.month).year, args.issue or auto.number, args.total or auto.total)
        export = briefing_export(session=s, register=t.register, month=args.month, suffix=out.suffix,
                                 user=args.user, issue=issue, date=date, lang=lang)
    out.write_bytes(export.data)
    print(msg("report.written", lang, path=out, what=export.name))
    return 0
