"""`python -m tracker self-evaluation-text set|show`: what a unit adds to its annual self-evaluation (seed 003),
set from a YAML file and shown as the same YAML (to edit and set again)."""

from __future__ import annotations

import argparse
from pathlib import Path

from tracker.cli.common import acting, open_from, unit_code
from tracker.cli.parser import Help, command
from tracker.core.errors import TrackerError
from tracker.core.i18n import Lang, msg

MAX_FILE = 1_000_000  # bytes: seven sections of 10,000 characters and the items fit many times over


def _options(p: argparse.ArgumentParser, h: Help) -> None:
    sub = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    s = sub.add_parser("set", help=h("cli.cmd.selftext_set"), description=h("cli.cmd.selftext_set"))
    s.add_argument("--unit", required=True, help=h("cli.opt.self_unit"))
    s.add_argument("--year", required=True, type=int, help=h("cli.opt.self_year"))
    s.add_argument("--file", required=True, help=h("cli.opt.selftext_file"))
    s.add_argument("--user", help=h("cli.opt.act_as"))
    w = sub.add_parser("show", help=h("cli.cmd.selftext_show"), description=h("cli.cmd.selftext_show"))
    w.add_argument("--unit", required=True, help=h("cli.opt.self_unit"))
    w.add_argument("--year", required=True, type=int, help=h("cli.opt.self_year"))
    w.add_argument("--history", action="store_true", help=h("cli.opt.selftext_history"))


def _read(file: str) -> str:
    path = Path(file)
    try:
        data = path.read_bytes()[: MAX_FILE + 1]
        if len(data) > MAX_FILE:
            raise TrackerError("selftext.cli_too_big", file=file, limit=f"{MAX_FILE // 1000:,}")
        return data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TrackerError("selftext.cli_unreadable", file=file, detail=str(exc)) from None


@command("self-evaluation-text", "cli.cmd.selftext")(_options)
def cmd_selftext(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.reports.selfeval.entry import SECTIONS, from_yaml, to_yaml
    from tracker.reports.selfeval.stored import current_self_text, save_self_text, self_text_history
    from tracker.storage.db import session

    t = open_from(args)
    unit = unit_code(t.register, args.unit)
    name = t.register.units[unit].name(lang)
    with session(t.engine) as s:
        if args.what == "set":
            text = from_yaml(_read(args.file), args.file)
            revision = save_self_text(session=s, register=t.register, actor=acting(args, t), unit=unit,
                                      year=args.year, text=text, source=args.file)
            print(msg("selftext.cli_saved", lang, unit=name, year=args.year, n=revision,
                      sections=sum(1 for k in SECTIONS if text.section(k).strip()), items=len(text.items)))
            return 0
        found = (self_text_history(session=s, unit=unit, year=args.year) if args.history
                 else [c for c in [current_self_text(session=s, unit=unit, year=args.year)] if c is not None])
    if not found:
        print(msg("selftext.cli_none", lang, unit=name, year=args.year))
        return 0
    for stored in found:
        print(msg("selftext.cli_header", lang, unit=name, year=args.year, n=stored.revision, user=stored.user,
                  at=stored.saved_at))
        print(to_yaml(stored.text))
    return 0
