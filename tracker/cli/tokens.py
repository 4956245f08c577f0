"""`python -m tracker token …`: API tokens for other systems (the operator acts as `cli:$USER`)."""

from __future__ import annotations

import argparse

from tracker.cli.common import open_from
from tracker.cli.parser import Help, command
from tracker.core.i18n import Lang, msg


def _token_options(p: argparse.ArgumentParser, h: Help) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = sub.add_parser("add", help=h("cli.cmd.token_add"), description=h("cli.cmd.token_add"))
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["leader", "reporter", "planner", "admin"])
    sub.add_parser("list", help=h("cli.cmd.token_list"), description=h("cli.cmd.token_list"))
    revoke = sub.add_parser("revoke", help=h("cli.cmd.token_revoke"), description=h("cli.cmd.token_revoke"))
    revoke.add_argument("name")


@command("token", "cli.cmd.token")(_token_options)
def cmd_token(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access import tokens
    from tracker.access.roles import operator
    from tracker.core.clock import local
    from tracker.storage.db import session

    t = open_from(args)
    me = operator(t.settings.operator)
    with session(t.engine) as s:
        if args.action == "add":
            secret = tokens.add_token(s, actor=me, name=args.name, role=args.role)
            print(msg("token.created", lang, name=args.name, role=msg(f"role.{args.role}", lang)))
            print(secret)
        elif args.action == "revoke":
            tokens.revoke_token(s, actor=me, name=args.name)
            print(msg("token.revoked", lang, name=args.name))
        else:
            listed = tokens.list_tokens(s, actor=me)
            if not listed:
                print(msg("token.none", lang))

            def when(at: object) -> str:
                return f"{local(at):%Y-%m-%d %H:%M}" if at else msg("token.never_used", lang)  # type: ignore[arg-type]

            for x in listed:
                state = (msg("token.state_revoked", lang, at=when(x.revoked_at), by=x.revoked_by) if x.revoked_at
                         else msg("token.state_live", lang))
                print(f"{x.name}\t{msg(f'role.{x.role}', lang)}\t{state}\t{when(x.last_used_at)}")
    return 0
