"""The command line's parser: a registry of commands (each adds its options and names its help message), argparse's
own words in the chosen language. Imports nothing heavy: `python -m tracker --help` answers at once."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any

from tracker.core.i18n import Lang, as_lang, msg

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


def no_options(_p: argparse.ArgumentParser, _h: Help) -> None:
    """A command without options."""


def register_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--targets", help=h("cli.opt.targets"))
    p.add_argument("--units", help=h("cli.opt.units"))


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


def default_lang() -> str:
    """TRACKER_LANG, read through the settings module (which reads every TRACKER_* variable)."""
    from tracker.core.settings import Settings

    return Settings.from_env().lang


def lang_of(argv: Sequence[str]) -> Lang:
    """The language of the help itself: --lang if given, else $TRACKER_LANG, else Chinese."""
    args = list(argv)
    if "--lang" in args[:-1]:
        return as_lang(args[args.index("--lang") + 1])
    return as_lang(default_lang())


def build_parser(lang: Lang = "zh") -> argparse.ArgumentParser:
    def h(key: str) -> str:
        return msg(key, lang)

    formatter = _formatter(lang)
    parser = argparse.ArgumentParser(prog="python -m tracker", description=h("cli.description"),
                                     formatter_class=formatter, add_help=False)
    parser.add_argument("-h", "--help", action="help", help=h("cli.opt.help"))
    parser.add_argument("--lang", default=default_lang(), choices=["zh", "en"], help=h("cli.opt.lang"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title=h("cli.commands"))
    for name, (_body, help_key, add_options) in COMMANDS.items():
        p = sub.add_parser(name, help=h(help_key), description=h(help_key), formatter_class=formatter,
                           add_help=False)
        p.add_argument("-h", "--help", action="help", help=h("cli.opt.help"))
        add_options(p, h)
    return parser

