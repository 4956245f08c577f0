"""`python -m tracker export …` and `python -m tracker briefing`: the office's documents from the stored data
(the kinds and their formats: `tracker.reports.catalogue`)."""

from __future__ import annotations

import argparse
import datetime as dt

from tracker.cli.common import acting, open_from, out_path, unit_code
from tracker.cli.parser import Help, command
from tracker.core.errors import TrackerError
from tracker.core.i18n import Lang, msg
from tracker.engine.windows import WINDOW_KINDS


def _export_options(p: argparse.ArgumentParser, h: Help) -> None:
    sub = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    e = sub.add_parser("evaluation", help=h("cli.cmd.export_evaluation"), description=h("cli.cmd.export_evaluation"))
    e.add_argument("--kind", required=True, choices=["annual", "midterm", "final"], help=h("cli.opt.kind"))
    e.add_argument("--as-of", required=True, help=h("cli.opt.as_of"))
    e.add_argument("--unit", help=h("cli.opt.pack_unit"))
    e.add_argument("--plan", help=h("cli.opt.plan"))
    e.add_argument("--out", required=True, help=h("cli.opt.pack_out"))
    e.add_argument("--date", help=h("cli.opt.date"))
    e.add_argument("--user", help=h("cli.opt.act_as"))
    d = sub.add_parser("departments", help=h("cli.cmd.export_departments"), description=h("cli.cmd.export_departments"))
    d.add_argument("--period", required=True, help=h("cli.opt.dept_period"))
    d.add_argument("--out", required=True, help=h("cli.opt.dept_out"))
    d.add_argument("--date", help=h("cli.opt.date"))
    d.add_argument("--user", help=h("cli.opt.act_as"))
    v = sub.add_parser("self-evaluation", help=h("cli.cmd.export_self_evaluation"),
                       description=h("cli.cmd.export_self_evaluation"))
    v.add_argument("--unit", required=True, help=h("cli.opt.self_unit"))
    v.add_argument("--year", required=True, type=int, help=h("cli.opt.self_year"))
    v.add_argument("--date", help=h("cli.opt.date"))
    v.add_argument("--out", required=True, help=h("cli.opt.self_out"))
    v.add_argument("--user", help=h("cli.opt.act_as"))
    o = sub.add_parser("overview", help=h("cli.cmd.export_overview"), description=h("cli.cmd.export_overview"))
    o.add_argument("--as-of", required=True, help=h("cli.opt.as_of"))
    o.add_argument("--window", default="ytd", choices=WINDOW_KINDS, help=h("cli.opt.window"))
    o.add_argument("--plan", help=h("cli.opt.plan"))
    o.add_argument("--out", required=True, help=h("cli.opt.overview_out"))
    o.add_argument("--date", help=h("cli.opt.date"))
    o.add_argument("--user", help=h("cli.opt.act_as"))


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise TrackerError("cli.bad_date", value=value) from None


@command("export", "cli.cmd.export")(_export_options)
def cmd_export(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.engine.plans import plan_view
    from tracker.reports.catalogue import departments_export, evaluation_export, overview_export
    from tracker.reports.evaluation.analysis import missing_note, narratives_missing
    from tracker.storage.db import session

    t = open_from(args)
    out = out_path(args.out)
    actor = acting(args, t)
    date = _date(getattr(args, "date", None))
    with session(t.engine) as s:
        if args.what == "evaluation":
            unit = unit_code(t.register, args.unit) if args.unit else None
            view = plan_view(session=s, register=t.register, plan=args.plan, as_of=args.as_of)
            print(missing_note(narratives_missing(session=s, register=view, as_of=args.as_of, lang=lang), lang))
            export = evaluation_export(session=s, register=view, actor=actor, kind=args.kind, as_of=args.as_of,
                                       unit=unit, suffix=out.suffix, lang=lang, date=date)
        elif args.what == "self-evaluation":
            from tracker.reports.catalogue import self_evaluation_export

            view = plan_view(session=s, register=t.register, plan=None, as_of=f"{args.year}-12")  # the year's plan
            export = self_evaluation_export(session=s, register=view, actor=actor, year=args.year,
                                            unit=unit_code(t.register, args.unit), suffix=out.suffix, lang=lang,
                                            date=date)
        elif args.what == "overview":
            view = plan_view(session=s, register=t.register, plan=args.plan, as_of=args.as_of)
            export = overview_export(session=s, register=view, actor=actor, as_of=args.as_of,
                                     window=args.window, suffix=out.suffix, lang=lang, date=date)
        else:
            export = departments_export(session=s, register=t.register, actor=actor, period=args.period,
                                        suffix=out.suffix, lang=lang, date=date)
    out.write_bytes(export.data)
    print(msg("report.written", lang, path=out, what=export.name))
    return 0


def _briefing_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--month", required=True, help=h("cli.opt.month"))
    p.add_argument("--out", required=True, help=h("cli.opt.briefing_out"))
    p.add_argument("--issue", type=int, help=h("cli.opt.issue"))
    p.add_argument("--total", type=int, help=h("cli.opt.total"))
    p.add_argument("--date", help=h("cli.opt.date"))
    p.add_argument("--user", help=h("cli.opt.act_as"))


@command("briefing", "cli.cmd.briefing")(_briefing_options)
def cmd_briefing(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.core.periods import parse_period
    from tracker.reports.briefing.figures import Issue, next_issue
    from tracker.reports.catalogue import briefing_export
    from tracker.storage.db import session

    t = open_from(args)
    out = out_path(args.out)
    date = _date(args.date)
    actor = acting(args, t)
    with session(t.engine) as s:
        issue = None
        if args.issue is not None and args.total is not None:  # both given: no need to place the month
            issue = Issue(parse_period(args.month).year, args.issue, args.total)
        elif args.issue is not None or args.total is not None:
            auto = next_issue(session=s, month_code=args.month)
            issue = Issue(parse_period(args.month).year, args.issue or auto.number, args.total or auto.total)
        export = briefing_export(session=s, register=t.register, actor=actor, month=args.month, suffix=out.suffix,
                                 issue=issue, date=date, lang=lang)
    out.write_bytes(export.data)
    print(msg("report.written", lang, path=out, what=export.name))
    return 0
