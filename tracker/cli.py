"""`python -m tracker`: the command-line interface over the tracker's functions."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tracker.config import Settings
from tracker.context import Tracker, open_tracker
from tracker.db import session
from tracker.errors import ProblemsError, TrackerError
from tracker.i18n import Lang, as_lang, msg
from tracker.register import summary_params, validate_registers

Command = Callable[[argparse.Namespace, Lang], int]
Help = Callable[[str], str]
Options = Callable[[argparse.ArgumentParser, Help], None]
COMMANDS: dict[str, tuple[Command, str, Options]] = {}


def command(name: str, help_key: str) -> Callable[[Options], Callable[[Command], Command]]:
    """Register a subcommand (its help is a message key): the decorated factory adds its options, the returned
    decorator its body."""
    def with_options(add_options: Options) -> Callable[[Command], Command]:
        def with_body(body: Command) -> Command:
            COMMANDS[name] = (body, help_key, add_options)
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


def out_path(out: str) -> Path:
    """A file to write, checked before anything is made: its folder exists and it is not a folder itself."""
    path = Path(out)
    if path.is_dir() or not path.parent.exists():
        raise TrackerError("cli.bad_out", path=out)
    return path


def open_from(args: argparse.Namespace) -> Tracker:
    return open_tracker(settings_from(args))


def _register_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--targets", help=h("cli.opt.targets"))
    p.add_argument("--units", help=h("cli.opt.units"))


@command("validate", "cli.cmd.validate")(_register_options)
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


@command("init", "cli.cmd.init")(_register_options)
def cmd_init(args: argparse.Namespace, lang: Lang) -> int:
    t = open_from(args)
    url = t.engine.url.render_as_string(hide_password=True)
    print(msg("init.done", lang, url=url, targets=len(t.register.targets), units=len(t.register.units)))
    return 0


def _demo_options(p: argparse.ArgumentParser, h: Help) -> None:
    _register_options(p, h)
    p.add_argument("--if-empty", action="store_true", help=h("cli.opt.if_empty"))


@command("demo", "cli.cmd.demo")(_demo_options)
def cmd_demo(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.config import ROOT
    from tracker.demo import load_demo
    from tracker.store import count_values

    t = open_from(args)
    shipped = (ROOT / "targets.yaml", ROOT / "data" / "units.yaml")
    if args.if_empty and (t.settings.targets_path.resolve(), t.settings.units_path.resolve()) != shipped:
        # the sample describes the shipped district; another register starts empty
        print(msg("demo.skipped_custom", lang))
        return 0
    with session(t.engine) as s:
        if args.if_empty and count_values(session=s, sample=False) > 0:
            print(msg("demo.skipped_real", lang))
            return 0
        count = load_demo(session=s, register=t.register)
    print(msg("demo.loaded", lang, count=count) if count else msg("demo.already", lang))
    return 0


class _Formatter(argparse.HelpFormatter):
    """argparse's help in the chosen language ('用法：', '选项')."""

    lang: Lang = "en"

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        # argparse passes prefix '' when it builds a subcommand's name; only the default prefix is replaced
        super().add_usage(usage, actions, groups, msg("cli.usage", self.lang) if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        super().start_section(msg(f"cli.section.{heading}", self.lang) if heading else heading)


def _formatter(lang: Lang) -> type[argparse.HelpFormatter]:
    return type("Formatter", (_Formatter,), {"lang": lang})


def _lang_of(argv: Sequence[str]) -> Lang:
    """The language of the help itself: --lang if given, else $TRACKER_LANG, else Chinese."""
    args = list(argv)
    if "--lang" in args[:-1]:
        return as_lang(args[args.index("--lang") + 1])
    return as_lang(os.environ.get("TRACKER_LANG", "zh"))


def build_parser(lang: Lang = "zh") -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return msg(key, lang)

    formatter = _formatter(lang)
    parser = argparse.ArgumentParser(prog="python -m tracker", description=h("cli.description"),
                                     formatter_class=formatter, add_help=False)
    parser.add_argument("-h", "--help", action="help", help=h("cli.opt.help"))
    parser.add_argument("--lang", default=os.environ.get("TRACKER_LANG", "zh"), choices=["zh", "en"],
                        help=h("cli.opt.lang"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title=h("cli.commands"))
    for name, (_body, help_key, add_options) in COMMANDS.items():
        p = sub.add_parser(name, help=h(help_key), description=h(help_key), formatter_class=formatter,
                           add_help=False)
        p.add_argument("-h", "--help", action="help", help=h("cli.opt.help"))
        add_options(p, h)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 success, 1 error, 2 usage error."""
    _load_commands()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_lang_of(argv))
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

    for name in ("tracker.cli_data", "tracker.cli_progress", "tracker.cli_reports", "tracker.cli_access"):
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
