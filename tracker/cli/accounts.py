"""`python -m tracker user …`: accounts from the command line (the operator acts as `cli:$USER`)."""

from __future__ import annotations

import argparse
import getpass
import sys

from tracker.cli.common import open_from, unit_codes
from tracker.cli.parser import Help, command
from tracker.core.errors import TrackerError
from tracker.core.i18n import Lang, msg


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
    from tracker.access.roles import operator
    from tracker.storage.db import session

    t = open_from(args)
    me = operator(t.settings.operator)
    with session(t.engine) as s:
        if args.action == "list":
            for a in accounts.list_accounts(s):
                units = "、".join(t.register.units[u].name(lang) if u in t.register.units else u for u in a.units)
                state = "" if a.active else f" [{msg('user.disabled', lang)}]"
                demo = f" [{msg('user.demo', lang)}]" if a.is_demo else ""
                print(f"{a.name}\t{msg(f'role.{a.role}', lang)}\t{units or '—'}\t{a.email or '—'}{state}{demo}")
            return 0
        if args.action == "add":
            accounts.add_account(s, t.register, actor=me, name=args.name, role=args.role,
                                 password=_password(args.password_stdin), units=unit_codes(t.register, args.unit),
                                 email=args.email)
            print(msg("account.added", lang, name=args.name, role=msg(f"role.{args.role}", lang)))
            return 0
        if args.action in ("disable", "enable"):
            accounts.set_active(s, actor=me, name=args.name, active=args.action == "enable")
        elif args.action == "set-password":
            accounts.set_password(s, actor=me, name=args.name, password=_password(args.password_stdin))
        else:
            accounts.assign_units(s, t.register, actor=me, name=args.name, units=unit_codes(t.register, args.unit))
    print(msg("account.changed", lang, name=args.name))
    return 0
