"""`python -m tracker progress | scorecard | values`: figures for an as-of month, window and scope, and the stored
values, as a table or as the same JSON and CSV the HTTP API serves (`tracker.feeds`)."""

from __future__ import annotations

import argparse

from tracker.cli.common import open_from
from tracker.cli.parser import Help, command, register_options
from tracker.core.i18n import Lang
from tracker.engine.windows import WINDOW_KINDS


def _window_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--as-of", required=True, help=h("cli.opt.as_of"))
    p.add_argument("--window", default="ytd", choices=WINDOW_KINDS, help=h("cli.opt.window"))
    p.add_argument("--unit", help=h("cli.opt.scope"))
    p.add_argument("--plan", help=h("cli.opt.plan"))
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help=h("cli.opt.format"))


def _plans_options(p: argparse.ArgumentParser, h: Help) -> None:
    register_options(p, h)
    p.add_argument("--format", choices=["table", "json"], default="table", help=h("cli.opt.format"))


@command("plans", "cli.cmd.plans")(_plans_options)
def cmd_plans(args: argparse.Namespace, lang: Lang) -> int:
    import json

    from tracker.cli.common import settings_from
    from tracker.register import load_register
    from tracker.wording.plans import plan_lines, plans_json

    s = settings_from(args)
    register = load_register(s.targets_path, s.units_path)
    if args.format == "json":
        print(json.dumps(plans_json(register), ensure_ascii=False, indent=2))
    else:
        print("\n".join(plan_lines(register, lang)))
    return 0


@command("progress", "cli.cmd.progress")(_window_options)
def cmd_progress(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.engine.plans import plan_view
    from tracker.engine.progress import progress_rows
    from tracker.engine.windows import scope_for
    from tracker.feeds import progress_answer, scope_unit
    from tracker.storage.db import session
    from tracker.wording.progress_table import progress_frame

    t = open_from(args)
    unit = scope_unit(t.register, args.unit)  # a code, a name or an alias; district; type:street
    with session(t.engine) as s:
        if args.format != "table":
            answer = progress_answer(session=s, register=t.register, as_of=args.as_of, window=args.window, unit=unit,
                                     plan=args.plan)
            print(answer.json() if args.format == "json" else answer.csv(), end="\n" if args.format == "json" else "")
            return 0
        view = plan_view(session=s, register=t.register, plan=args.plan, as_of=args.as_of)
        rows = progress_rows(session=s, register=view, as_of=args.as_of, window=args.window,
                             scope=scope_for(view, unit))
    for sentence_text in progress_frame(rows, view, lang)["sentence"]:
        print(sentence_text)
    return 0


@command("scorecard", "cli.cmd.scorecard")(_window_options)
def cmd_scorecard(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.feeds import scope_unit, scorecard_answer
    from tracker.storage.db import session
    from tracker.wording.scorecard import scorecard_text

    t = open_from(args)
    unit = scope_unit(t.register, args.unit)
    with session(t.engine) as s:
        answer = scorecard_answer(session=s, register=t.register, as_of=args.as_of, window=args.window, unit=unit,
                                  lang=lang, plan=args.plan)
    if args.format == "table":
        print(scorecard_text(answer.rows, t.register, lang))
    else:
        print(answer.json() if args.format == "json" else answer.csv(), end="\n" if args.format == "json" else "")
    return 0


def _values_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--unit", help=h("cli.opt.unit"))
    p.add_argument("--metric", help=h("cli.opt.metric"))
    p.add_argument("--from", dest="start", help=h("cli.opt.from"))
    p.add_argument("--to", dest="end", help=h("cli.opt.to"))
    p.add_argument("--format", choices=["json", "csv"], default="csv", help=h("cli.opt.format"))


@command("values", "cli.cmd.values")(_values_options)
def cmd_values(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.feeds import values_answer
    from tracker.feeds.scope import named_metric, named_unit
    from tracker.storage.db import session

    t = open_from(args)
    unit = named_unit(t.register, args.unit) if args.unit else None
    metric = named_metric(t.register, args.metric) if args.metric else None
    with session(t.engine) as s:
        answer = values_answer(session=s, register=t.register, unit=unit, metric=metric, start=args.start,
                               end=args.end)
    print(answer.json() if args.format == "json" else answer.csv(), end="\n" if args.format == "json" else "")
    return 0
