"""What every command shares: the settings with --targets/--units, the opened tracker, the file to write, the
acting account, and one way to name a unit (code, name or alias, in either script)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.core.errors import TrackerError, UnknownUnit
from tracker.core.settings import Settings

if TYPE_CHECKING:  # imported when a command runs, never for --help
    from tracker.access.roles import Actor
    from tracker.register import Register
    from tracker.storage.opening import Tracker


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_registers(getattr(args, "targets", None), getattr(args, "units", None))


def open_from(args: argparse.Namespace) -> Tracker:
    """The registers loaded and the database ready (created or upgraded), as the command's options say; an
    upgrade of a database's schema is said first, on standard error (it may take minutes)."""
    import sys

    from tracker.core.i18n import as_lang, msg
    from tracker.storage.opening import open_tracker

    lang = as_lang(getattr(args, "lang", None) or "zh")

    def upgrading(old: str, new: str) -> None:
        print(msg("init.upgrading", lang, old=old, new=new), file=sys.stderr, flush=True)

    return open_tracker(settings_from(args), notice=upgrading)


def out_path(out: str) -> Path:
    """A file to write, checked before anything is made: its folder exists and it is not a folder itself."""
    path = Path(out)
    if path.is_dir() or not path.parent.exists():
        raise TrackerError("cli.bad_out", path=out)
    return path


def unit_code(register: Register, text: str) -> str:
    """The unit a user named by its code, name or alias (simplified or traditional); UnknownUnit otherwise."""
    from tracker.importer.matching import Matcher

    code, _ = Matcher(register).unit(text)
    if code is None:
        raise UnknownUnit(unit=text)
    return code


def unit_codes(register: Register, names: list[str] | None) -> list[str]:
    return [unit_code(register, n) for n in names or []]


def acting(args: argparse.Namespace, tracker: Tracker) -> Actor:
    """The account named by --user (its rights apply), else the operator running the command (`cli:$USER`,
    every right: the command line is the administrator's tool)."""
    from tracker.access.accounts import actor_of
    from tracker.access.roles import operator
    from tracker.storage.db import session

    if not getattr(args, "user", None):
        return operator(tracker.settings.operator)
    with session(tracker.engine) as s:
        return actor_of(s, args.user)
