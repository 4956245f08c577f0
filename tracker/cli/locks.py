"""`python -m tracker lock|unlock|locks`: closed periods from the command line."""

from __future__ import annotations

import argparse

from tracker.cli.common import open_from
from tracker.cli.parser import Help, command, no_options
from tracker.core.i18n import Lang, msg


def _lock_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("period", help=h("cli.opt.period"))
    p.add_argument("--reason", default="", help=h("cli.opt.lock_reason"))


@command("lock", "cli.cmd.lock")(_lock_options)
def cmd_lock(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.locks import lock_period
    from tracker.access.roles import operator
    from tracker.storage.db import session

    t = open_from(args)
    with session(t.engine) as s:
        p = lock_period(s, operator(t.settings.operator), args.period, args.reason)
    print(msg("lock.done", lang, period=p.label(lang)))
    return 0


def _period_option(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("period", help=h("cli.opt.period"))


@command("unlock", "cli.cmd.unlock")(_period_option)
def cmd_unlock(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.locks import unlock_period
    from tracker.access.roles import operator
    from tracker.storage.db import session

    t = open_from(args)
    with session(t.engine) as s:
        p = unlock_period(s, operator(t.settings.operator), args.period)
    print(msg("lock.undone", lang, period=p.label(lang)))
    return 0


@command("locks", "cli.cmd.locks")(no_options)
def cmd_locks(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.locks import locks
    from tracker.storage.db import session

    t = open_from(args)
    with session(t.engine) as s:
        found = locks(s)
    for lock in found:
        print(msg("lock.line", lang, period=lock.period.label(lang), user=lock.user, at=lock.locked_at,
                  reason=lock.reason or "—"))
    if not found:
        print(msg("lock.none", lang))
    return 0
