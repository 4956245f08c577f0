"""`python -m tracker user|lock|unlock|locks|audit|backup|restore`: accounts, period locks, the audit trail and
backups from the command line (the operator's tool: it acts as `cli:$USER` with every right)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from tracker.cli import Help, Lang, command, open_from, out_path
from tracker.db import session
from tracker.errors import TrackerError, UnknownUnit
from tracker.i18n import msg


def _by() -> str:
    return f"cli:{os.environ.get('USER', 'cli')}"


def _password(from_stdin: bool) -> str:
    """A password from standard input (--password-stdin) or typed twice at a prompt; never from the arguments."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise TrackerError("account.no_password")
        return password
    first = getpass.getpass("密码 / Password: ")
    if getpass.getpass("再输入一次 / Again: ") != first:
        raise TrackerError("account.password_mismatch")
    return first


def _units(t: object, names: list[str] | None) -> list[str]:
    from tracker.importer.matching import Matcher

    codes = []
    for name in names or []:
        code, _ = Matcher(t.register).unit(name)  # type: ignore[attr-defined]
        if code is None:
            raise UnknownUnit(unit=name)
        codes.append(code)
    return codes


def _user_options(p: argparse.ArgumentParser, h: Help) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help=h("cli.cmd.user_add"), description=h("cli.cmd.user_add"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["leader", "reporter", "planner", "admin"])
    add.add_argument("--unit", action="append", help=h("cli.opt.account_unit"))
    add.add_argument("--email", help=h("cli.opt.email"))
    add.add_argument("--password-stdin", action="store_true", help=h("cli.opt.password_stdin"))
    sub.add_parser("list", help=h("cli.cmd.user_list"), description=h("cli.cmd.user_list"))
    for name in ("disable", "enable"):
        q = sub.add_parser(name, help=h(f"cli.cmd.user_{name}"), description=h(f"cli.cmd.user_{name}"))
        q.add_argument("name")
    pw = sub.add_parser("set-password", help=h("cli.cmd.user_password"), description=h("cli.cmd.user_password"))
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", help=h("cli.opt.password_stdin"))
    assign = sub.add_parser("assign", help=h("cli.cmd.user_assign"), description=h("cli.cmd.user_assign"))
    assign.add_argument("name")
    assign.add_argument("--unit", action="append", required=True, help=h("cli.opt.account_unit"))


@command("user", "cli.cmd.user")(_user_options)
def cmd_user(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access import accounts

    t = open_from(args)
    with session(t.engine) as s:
        if args.action == "list":
            for a in accounts.list_accounts(s):
                units = "、".join(t.register.units[u].name(lang) if u in t.register.units else u for u in a.units)
                state = "" if a.active else f" [{msg('user.disabled', lang)}]"
                demo = f" [{msg('user.demo', lang)}]" if a.is_demo else ""
                print(f"{a.name}\t{msg(f'role.{a.role}', lang)}\t{units or '—'}\t{a.email or '—'}{state}{demo}")
            return 0
        if args.action == "add":
            accounts.add_account(s, t.register, by=_by(), name=args.name, role=args.role,
                                 password=_password(args.password_stdin), units=_units(t, args.unit), email=args.email)
            print(msg("account.added", lang, name=args.name, role=msg(f"role.{args.role}", lang)))
            return 0
        if args.action in ("disable", "enable"):
            accounts.set_active(s, by=_by(), name=args.name, active=args.action == "enable")
        elif args.action == "set-password":
            accounts.set_password(s, by=_by(), name=args.name, password=_password(args.password_stdin))
        else:
            accounts.assign_units(s, t.register, by=_by(), name=args.name, units=_units(t, args.unit))
    print(msg("account.changed", lang, name=args.name))
    return 0


def _lock_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("period", help=h("cli.opt.period"))
    p.add_argument("--reason", default="", help=h("cli.opt.lock_reason"))


@command("lock", "cli.cmd.lock")(_lock_options)
def cmd_lock(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.locks import lock_period
    from tracker.access.roles import operator

    t = open_from(args)
    with session(t.engine) as s:
        p = lock_period(s, operator(os.environ.get("USER", "cli")), args.period, args.reason)
    print(msg("lock.done", lang, period=p.label(lang)))
    return 0


def _period_option(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("period", help=h("cli.opt.period"))


@command("unlock", "cli.cmd.unlock")(_period_option)
def cmd_unlock(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.locks import unlock_period
    from tracker.access.roles import operator

    t = open_from(args)
    with session(t.engine) as s:
        p = unlock_period(s, operator(os.environ.get("USER", "cli")), args.period)
    print(msg("lock.undone", lang, period=p.label(lang)))
    return 0


@command("locks", "cli.cmd.locks")(lambda p, h: None)
def cmd_locks(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.locks import locks

    t = open_from(args)
    with session(t.engine) as s:
        found = locks(s)
    for lock in found:
        print(msg("lock.line", lang, period=lock.period.label(lang), user=lock.user, at=lock.locked_at,
                  reason=lock.reason or "—"))
    if not found:
        print(msg("lock.none", lang))
    return 0


def _audit_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--user", help=h("cli.opt.audit_user"))
    p.add_argument("--action", help=h("cli.opt.audit_action"))
    p.add_argument("--limit", type=int, default=200, help=h("cli.opt.limit"))
    p.add_argument("--format", choices=["table", "csv"], default="table", help=h("cli.opt.format"))


@command("audit", "cli.cmd.audit")(_audit_options)
def cmd_audit(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.audit import events, readable, to_csv

    t = open_from(args)
    with session(t.engine) as s:
        frame = events(s, user=args.user, action=args.action, limit=max(1, args.limit))
    names = t.register.names(lang)
    if args.format == "csv":
        sys.stdout.write(to_csv(frame, lang, names).decode("utf-8-sig"))
    elif frame.empty:
        print(msg("audit.empty", lang))
    else:
        print(readable(frame, lang, names).to_string(index=False))
    return 0


def _backup_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--out", required=True, help=h("cli.opt.backup_out"))


@command("backup", "cli.cmd.backup")(_backup_options)
def cmd_backup(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.backup import backup

    t = open_from(args)
    path, size = backup(t.engine, out_path(args.out), by=_by())
    print(msg("backup.done", lang, path=path, size=f"{size / 1024 / 1024:.1f} MB"))
    return 0


def _restore_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("file", help=h("cli.opt.restore_file"))
    p.add_argument("--force", action="store_true", help=h("cli.opt.force"))


@command("restore", "cli.cmd.restore")(_restore_options)
def cmd_restore(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.backup import restore

    t = open_from(args)
    count = restore(t.engine, args.file, force=args.force, by=_by())
    print(msg("restore.done", lang, path=args.file, count=count))
    return 0
