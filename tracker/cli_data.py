"""Commands for monthly actuals: import, template, completeness, history."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli import Help, Lang, command, open_from, out_path
from tracker.db import session
from tracker.errors import ImportRejected, TrackerError, UnknownUnit, problems_frame
from tracker.i18n import msg
from tracker.importer.matching import Matcher

if TYPE_CHECKING:
    from tracker.access.roles import Actor


def _import_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help=h("cli.opt.files"))
    p.add_argument("--period", help=h("cli.opt.import_period"))
    p.add_argument("--unit", help=h("cli.opt.import_unit"))
    p.add_argument("--dry-run", action="store_true", help=h("cli.opt.dry_run"))
    p.add_argument("--user", help=h("cli.opt.import_user"))


def acting(args: argparse.Namespace, t: object) -> Actor:
    """The account named by --user (its rights apply), else the operator running the command (every right)."""
    from tracker.access.accounts import actor_of
    from tracker.access.roles import operator

    if not getattr(args, "user", None):
        return operator(os.environ.get("USER", "cli"))
    with session(t.engine) as s:  # type: ignore[attr-defined]
        return actor_of(s, args.user)


@command("import", "cli.cmd.import")(_import_options)
def cmd_import(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.importer.apply import plan_import, store_import

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
    from tracker.template import template_csv, template_xlsx

    t = open_from(args)
    code, _ = Matcher(t.register).unit(args.unit)
    if code is None:
        raise UnknownUnit(unit=args.unit)
    unit = t.register.units[code]
    out = out_path(args.out)
    make = template_csv if out.suffix.lower() == ".csv" else template_xlsx
    out.write_bytes(make(register=t.register, unit=unit, period=args.period))
    print(msg("template.written", lang, path=str(out), unit=unit.name(lang), period=args.period))
    return 0


def _completeness_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--period", required=True, help=h("cli.opt.period"))
    p.add_argument("--format", choices=["table", "json"], default="table", help=h("cli.opt.format"))


@command("completeness", "cli.cmd.completeness")(_completeness_options)
def cmd_completeness(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.completeness import completeness

    t = open_from(args)
    with session(t.engine) as s:
        report = completeness(session=s, register=t.register, period=args.period, lang=lang)
    if args.format == "json":
        print(json.dumps(report.as_json(lang), ensure_ascii=False, indent=2))
    else:
        print(report.summary(lang))
        print(report.table(lang).to_string(index=False))
        missing = report.missing_text(t.register, lang)
        if missing:
            print(missing)
    return 0


def _history_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--unit", required=True, help=h("cli.opt.unit"))
    p.add_argument("--metric", required=True, help=h("cli.opt.metric"))
    p.add_argument("--period", required=True, help=h("cli.opt.period"))


@command("history", "cli.cmd.history")(_history_options)
def cmd_history(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.periods import parse_period
    from tracker.store import value_history

    t = open_from(args)
    m = Matcher(t.register)
    code, _ = m.unit(args.unit)
    if code is None:
        raise UnknownUnit(unit=args.unit)
    metric = m.metric(args.metric) or args.metric
    with session(t.engine) as s:
        table = value_history(session=s, unit=code, metric=metric, period=parse_period(args.period).code)
    print(table.to_string(index=False) if not table.empty else msg("history.none", lang))
    return 0
