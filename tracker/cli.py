"""`python -m tracker`: the command-line interface over the tracker's functions."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tracker.config import Settings
from tracker.context import Tracker, open_tracker
from tracker.db import session
from tracker.errors import ProblemsError, TrackerError
from tracker.i18n import Lang, as_lang, msg
from tracker.register import summary_params, validate_registers

Command = Callable[[argparse.Namespace, Lang], int]
COMMANDS: dict[str, tuple[Command, str, Callable[[argparse.ArgumentParser], None]]] = {}


def command(name: str, help_text: str) -> Callable[[Callable[[argparse.ArgumentParser], None]],
                                                    Callable[[Command], Command]]:
    """Register a subcommand: the decorated factory adds its options, the returned decorator its body."""
    def with_options(add_options: Callable[[argparse.ArgumentParser], None]) -> Callable[[Command], Command]:
        def with_body(body: Command) -> Command:
            COMMANDS[name] = (body, help_text, add_options)
            return body
        return with_body
    return with_options


def settings_from(args: argparse.Namespace) -> Settings:
    base = Settings.from_env()
    return Settings(
        targets_path=Path(getattr(args, "targets", None) or base.targets_path),
        units_path=Path(getattr(args, "units", None) or base.units_path),
        database_url=base.database_url, max_upload_mb=base.max_upload_mb,
    )


def open_from(args: argparse.Namespace) -> Tracker:
    return open_tracker(settings_from(args))


def _register_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--targets", help="target register (default: $TRACKER_TARGETS or targets.yaml)")
    p.add_argument("--units", help="unit register (default: $TRACKER_UNITS or data/units.yaml)")


@command("validate", "check targets.yaml and the unit register; report every problem")(_register_options)
def cmd_validate(args: argparse.Namespace, lang: Lang) -> int:
    s = settings_from(args)
    register, problems = validate_registers(s.targets_path, s.units_path)
    if register is None:
        for p in problems:
            print(p.located(lang), file=sys.stderr)
        print(msg("register.invalid", lang, count=len(problems)), file=sys.stderr)
        return 1
    print(msg("register.summary", lang, **summary_params(register)))
    return 0


@command("init", "create or upgrade the database and load the registers")(_register_options)
def cmd_init(args: argparse.Namespace, lang: Lang) -> int:
    t = open_from(args)
    url = t.engine.url.render_as_string(hide_password=True)
    print(msg("init.done", lang, url=url, targets=len(t.register.targets), units=len(t.register.units)))
    return 0


def _demo_options(p: argparse.ArgumentParser) -> None:
    _register_options(p)
    p.add_argument("--if-empty", action="store_true",
                   help="do nothing (exit 0) when the database already holds real data")


@command("demo", "load the deterministic sample data (示例数据) into an empty database")(_demo_options)
def cmd_demo(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.demo import load_demo
    from tracker.store import count_values

    t = open_from(args)
    with session(t.engine) as s:
        if args.if_empty and count_values(session=s, sample=False) > 0:
            print(msg("demo.skipped_real", lang))
            return 0
        count = load_demo(session=s, register=t.register)
    print(msg("demo.loaded", lang, count=count) if count else msg("demo.already", lang))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tracker", description=__doc__)
    parser.add_argument("--lang", default=os.environ.get("TRACKER_LANG", "zh"), choices=["zh", "en"],
                        help="language of messages (default zh; $TRACKER_LANG)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_body, help_text, add_options) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_options(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 success, 1 error, 2 usage error."""
    _load_commands()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    lang = as_lang(args.lang)
    body = COMMANDS[args.command][0]
    try:
        return body(args, lang)
    except ProblemsError as exc:
        for p in exc.problems:
            print(p.located(lang), file=sys.stderr)
        print(exc.text(lang), file=sys.stderr)
        return 1
    except TrackerError as exc:
        print(f"{msg('cli.error', lang)}: {exc.text(lang)}", file=sys.stderr)
        return 1


def _load_commands() -> None:
    """Import the modules that add further commands (import, completeness, progress, …)."""
    import importlib

    for name in ("tracker.cli_data", "tracker.cli_progress"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
