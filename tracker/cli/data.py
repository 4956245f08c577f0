"""Commands for monthly actuals: import, template, completeness, history."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.cli.common import acting, open_from, out_path, unit_code
from tracker.cli.parser import Help, command
from tracker.core.errors import ImportRejected, TrackerError
from tracker.core.i18n import Lang, msg


def _import_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help=h("cli.opt.files"))
    p.add_argument("--period", help=h("cli.opt.import_period"))
    p.add_argument("--unit", help=h("cli.opt.import_unit"))
    p.add_argument("--dry-run", action="store_true", help=h("cli.opt.dry_run"))
    p.add_argument("--user", help=h("cli.opt.import_user"))


@command("import", "cli.cmd.import")(_import_options)
def cmd_import(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.importer.apply import plan_import, store_import
    from tracker.storage.db import session
    from tracker.wording.problems import problems_frame

    t = open_from(args)
    actor = acting(args, t)
    status = 0
    for name in args.files:
        path = Path(name)
        if not path.exists():
            raise TrackerError("error.file_missing", path=name)
        if not path.is_file():
            raise TrackerError("error.not_a_file", path=name)
        with session(t.engine) as s:
            try:
                plan = plan_import(session=s, register=t.register, actor=actor, name=path.name, data=path.read_bytes(),
                                   period=args.period, unit=args.unit, max_mb=t.settings.max_upload_mb)
            except ImportRejected as exc:
                print(exc.text(lang), file=sys.stderr)
                print(problems_frame(exc.problems, lang).to_string(index=False), file=sys.stderr)
                status = 1
                continue
            if plan.warnings:
                print(problems_frame(plan.warnings, lang).to_string(index=False))
            if not plan.has_changes:
                print(msg("summary.nothing", lang, file=plan.file))
                continue
            if args.dry_run:
                print(msg("summary.preview", lang, **plan.summary_params()))
                continue

            def progress(done: int, total: int) -> None:
                print(msg("progress.storing", lang, done=done, total=total), file=sys.stderr, flush=True)

            try:
                stored = store_import(session=s, plan=plan, actor=actor, on_progress=progress)
            except ImportRejected as exc:  # a lock made since the preview, or the rights changed
                print(exc.text(lang), file=sys.stderr)
                print(problems_frame(exc.problems, lang).to_string(index=False), file=sys.stderr)
                status = 1
                continue
            print(msg("summary.stored" if stored else "summary.nothing", lang, **plan.summary_params()))
    return status


def _template_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--unit", required=True, help=h("cli.opt.unit"))
    p.add_argument("--period", required=True, help=h("cli.opt.template_period"))
    p.add_argument("--out", required=True, help=h("cli.opt.template_out"))


@command("template", "cli.cmd.template")(_template_options)
def cmd_template(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.importer.upload_template import template_csv, template_xlsx

    t = open_from(args)
    unit = t.register.units[unit_code(t.register, args.unit)]
    out = out_path(args.out)
    make = template_csv if out.suffix.lower() == ".csv" else template_xlsx
    out.write_bytes(make(register=t.register, unit=unit, period=args.period))
    print(msg("template.written", lang, path=str(out), unit=unit.name(lang), period=args.period))
    return 0


def _completeness_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--period", required=True, help=h("cli.opt.period"))
    p.add_argument("--format", choices=["table", "json", "csv"], default="table", help=h("cli.opt.format"))
    p.add_argument("--plan", help=h("cli.opt.plan"))


@command("completeness", "cli.cmd.completeness")(_completeness_options)
def cmd_completeness(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.engine.completeness import completeness
    from tracker.engine.plans import plan_view
    from tracker.feeds import completeness_answer
    from tracker.storage.db import session
    from tracker.wording import completeness as words

    t = open_from(args)
    with session(t.engine) as s:
        view = plan_view(session=s, register=t.register, plan=args.plan, as_of=args.period)
        if args.format != "table":
            answer = completeness_answer(session=s, register=view, period=args.period, lang=lang)
            print(answer.json() if args.format == "json" else answer.csv(), end="\n" if args.format == "json" else "")
            return 0
        report = completeness(session=s, register=view, period=args.period)
    print(words.summary(report, lang))
    print(words.table(report, view, lang).to_string(index=False))
    missing = words.missing_text(report, view, lang)
    if missing:
        print(missing)
    return 0


def _history_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--unit", required=True, help=h("cli.opt.unit"))
    p.add_argument("--metric", required=True, help=h("cli.opt.metric"))
    p.add_argument("--period", required=True, help=h("cli.opt.period"))


@command("history", "cli.cmd.history")(_history_options)
def cmd_history(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.core.periods import parse_period
    from tracker.importer.matching import Matcher
    from tracker.storage.db import session
    from tracker.storage.values import value_history

    t = open_from(args)
    code = unit_code(t.register, args.unit)
    metric = Matcher(t.register).metric(args.metric) or args.metric
    with session(t.engine) as s:
        table = value_history(session=s, unit=code, metric=metric, period=parse_period(args.period).code)
    print(table.to_string(index=False) if not table.empty else msg("history.none", lang))
    return 0
