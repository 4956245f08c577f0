"""`python -m tracker backup|restore`: a consistent copy of the database, and putting one back."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tracker.cli.common import open_from, out_path
from tracker.cli.parser import Help, command
from tracker.core.i18n import Lang, msg

if TYPE_CHECKING:
    from tracker.storage.restore import BackupFacts, Loss


def _backup_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("--out", required=True, help=h("cli.opt.backup_out"))


@command("backup", "cli.cmd.backup")(_backup_options)
def cmd_backup(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.roles import operator
    from tracker.storage.backup import backup

    t = open_from(args)
    path, size = backup(t.engine, out_path(args.out), actor=operator(t.settings.operator))
    print(msg("backup.done", lang, path=path, size=f"{size / 1024 / 1024:.1f} MB"))
    return 0


def _restore_options(p: argparse.ArgumentParser, h: Help) -> None:
    p.add_argument("file", help=h("cli.opt.restore_file"))
    p.add_argument("--force", action="store_true", help=h("cli.opt.force"))
    p.add_argument("--check", action="store_true", help=h("cli.opt.restore_check"))
    both = p.add_mutually_exclusive_group()
    both.add_argument("--keep-accounts-and-audit", action="store_true", dest="keep", help=h("cli.opt.restore_keep"))
    both.add_argument("--drop-accounts-and-audit", action="store_true", dest="drop", help=h("cli.opt.restore_drop"))


def holds_text(facts: BackupFacts, loss: Loss, lang: Lang) -> list[str]:
    """What the backup holds, and what restoring it as it is would lose, in lines."""
    from tracker.core.clock import local
    from tracker.core.periods import parse_period

    def label(code: str | None) -> str:
        return parse_period(code).label(lang) if code else "—"

    lines = [msg("restore.holds", lang, path=facts.path, schema=facts.schema, values=facts.values,
                 first=label(facts.first_period), last=label(facts.last_period), accounts=len(facts.accounts),
                 events=facts.events,
                 last_event=f"{local(facts.last_event):%Y-%m-%d %H:%M}" if facts.last_event else "—")]
    if facts.sample:
        lines.append(msg("restore.holds_sample", lang))
    if loss:
        lines.append(msg("restore.loss", lang, accounts=len(loss.accounts), names="、".join(loss.accounts[:5]) or "—",
                         events=loss.events))
    return lines


@command("restore", "cli.cmd.restore")(_restore_options)
def cmd_restore(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.access.roles import operator
    from tracker.storage.restore import restore

    t = open_from(args)

    def said(facts: BackupFacts, loss: Loss) -> None:
        for line in holds_text(facts, loss, lang):
            print(line, flush=True)

    done = restore(t.engine, args.file, register=t.register, actor=operator(t.settings.operator), force=args.force,
                   keep=args.keep, drop=args.drop, dry_run=args.check, on_checked=said)
    if done is None:
        print(msg("restore.checked", lang, path=args.file))
        return 0
    print(msg("restore.kept", lang, path=done.kept))
    if args.keep:
        print(msg("restore.carried", lang, accounts=done.carried_accounts, events=done.carried_events))
    print(msg("restore.done", lang, path=args.file, count=done.values))
    return 0
