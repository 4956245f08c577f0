"""`python -m tracker`: the command-line interface over the tracker's functions.

Each command group is a module of this package (registers, data, progress, reports, accounts, locks, audit,
backup); a command builds what it needs, calls one domain function and turns a named error into one readable
line (exit 1), a usage error into exit 2. Modules import the heavy parts (SQLAlchemy, pandas) only when a
command runs, so `--help` answers at once.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from tracker.cli.parser import COMMANDS, build_parser, lang_of
from tracker.core.errors import ProblemsError, TrackerError
from tracker.core.i18n import as_lang, msg

GROUPS = ("registers", "data", "progress", "reports", "accounts", "tokens", "locks", "audit", "backup", "summary",
          "briefing_text", "selftext")


def _load_commands() -> None:
    """Import the modules that add the commands (each registers its own)."""
    for name in GROUPS:
        importlib.import_module(f"tracker.cli.{name}")


def _database() -> str:
    """The database as a message names it: its file, or its server without the password."""
    from sqlalchemy.engine import make_url

    from tracker.core.settings import Settings

    url = make_url(Settings.from_env().database_url)
    return url.database or "" if url.get_backend_name() == "sqlite" else url.render_as_string(hide_password=True)


def _quiet_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush at exit does not fail again
    on the closed pipe (the way Python's documentation gives for SIGPIPE)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; 0 success, 1 error, 2 usage error."""
    _load_commands()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(lang_of(argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    lang = as_lang(args.lang)
    body = COMMANDS[args.command][0]
    try:
        return body(args, lang)
    except BrokenPipeError:  # the reader stopped early (`… | head`): what it read was right; nothing to say
        _quiet_stdout()
        return 0
    except ProblemsError as exc:
        for p in exc.problems:
            print(p.located(lang), file=sys.stderr)
        print(exc.text(lang), file=sys.stderr)
        return 1
    except TrackerError as exc:
        print(f"{msg('cli.error', lang)}: {exc.text(lang)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a storage fault (read-only, full, locked, unreachable) is one line too
        from tracker.storage.faults import STORAGE_ERRORS, storage_error

        if not isinstance(exc, STORAGE_ERRORS):
            raise
        print(f"{msg('cli.error', lang)}: {storage_error(exc, where=_database()).text(lang)}", file=sys.stderr)
        return 1
