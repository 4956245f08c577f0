"""`python -m tracker briefing-text set|show`: the briefing's own sections (考核情况, 工作动态, 政务简讯 …) for a
month, written from a text file and shown (`tracker.reports.briefing.office`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tracker.cli.common import acting, open_from
from tracker.cli.parser import Help, command
from tracker.core.errors import TrackerError
from tracker.core.i18n import Lang, msg


def _options(p: argparse.ArgumentParser, h: Help) -> None:
    sub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    s = sub.add_parser("set", help=h("cli.cmd.briefing_text_set"), description=h("cli.cmd.briefing_text_set"))
    s.add_argument("--month", required=True, help=h("cli.opt.month"))
    s.add_argument("--section", required=True, help=h("cli.opt.office_section"))
    s.add_argument("--file", help=h("cli.opt.office_file"))
    s.add_argument("--clear", action="store_true", help=h("cli.opt.office_clear"))
    s.add_argument("--score", type=float, help=h("cli.opt.office_score"))
    s.add_argument("--rank", type=int, help=h("cli.opt.office_rank"))
    s.add_argument("--user", help=h("cli.opt.act_as"))
    w = sub.add_parser("show", help=h("cli.cmd.briefing_text_show"), description=h("cli.cmd.briefing_text_show"))
    w.add_argument("--month", required=True, help=h("cli.opt.month"))
    w.add_argument("--history", action="store_true", help=h("cli.opt.office_history"))


def read_text(path: str) -> str:
    """The file's text: UTF-8 (with or without a BOM), else GB18030 (what Windows' Notepad saves in Chinese)."""
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise TrackerError("office.cli.unreadable", path=path, reason=exc.strerror or exc) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise TrackerError("office.cli.unreadable", path=path, reason=exc.reason) from None


@command("briefing-text", "cli.cmd.briefing_text")(_options)
def cmd_briefing_text(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.core.periods import parse_period
    from tracker.reports.briefing.office import (
        OfficeEdit,
        current_entries,
        save_office_texts,
        section_code,
    )
    from tracker.storage.db import session

    if args.action == "show":
        return _show(args, lang)
    section = section_code(args.section)
    if not (args.file or args.clear or args.score is not None or args.rank is not None):
        raise TrackerError("office.cli.need_something")
    given = "" if args.clear else read_text(args.file) if args.file else None
    t = open_from(args)
    actor = acting(args, t)
    with session(t.engine) as s:
        # what is not given stays as stored: `--rank 3` alone changes the rank, keeping the text and the score
        stored = current_entries(session=s, month=parse_period(args.month).code).get(section)
        text = given if given is not None else stored.text if stored else ""
        score = args.score if args.score is not None else stored.score if stored else None
        rank = args.rank if args.rank is not None else stored.rank if stored else None
        saved = save_office_texts(session=s, actor=actor, month=args.month,
                                  edits=[OfficeEdit(section, text, score, rank)])
    params = {"month": parse_period(args.month).label(lang), "section": msg(f"office.section.{section}", lang)}
    print(msg("office.cli.saved", lang, chars=len(text.strip()), **params) if saved
          else msg("office.cli.unchanged", lang, **params))
    return 0


def _show(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.core.periods import parse_period
    from tracker.reports.briefing.office import SECTIONS, current_entries, office_history
    from tracker.storage.db import session
    from tracker.wording.tables import local_time

    t = open_from(args)
    with session(t.engine) as s:
        entries = (office_history(session=s, month=args.month) if args.history
                   else sorted(current_entries(session=s, month=args.month).values(),
                               key=lambda e: SECTIONS.index(e.section)))
    if not entries:
        print(msg("office.cli.none", lang, month=parse_period(args.month).label(lang)))
    for e in entries:
        by = msg("office.by", lang, user=e.user, at=local_time(e.created_at), n=e.revision)
        print(msg("office.cli.header", lang, section=msg(f"office.section.{e.section}", lang), by=by))
        if e.score is not None or e.rank is not None:
            print(msg("office.numbers", lang, score=e.score if e.score is not None else "—",
                      rank=e.rank if e.rank is not None else "—"))
        if e.text or (e.score is None and e.rank is None):
            print(e.text or msg("office.empty", lang))
        print()
    return 0
