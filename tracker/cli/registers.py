"""`validate`, `init`, `demo`: check the registers, create or upgrade the database, load the sample data."""

from __future__ import annotations

import argparse
import sys

from tracker.cli.common import open_from, settings_from
from tracker.cli.parser import Help, command, register_options
from tracker.core.i18n import Lang, msg


@command("validate", "cli.cmd.validate")(register_options)
def cmd_validate(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.register import summary_params, validate_registers

    s = settings_from(args)
    register, problems = validate_registers(s.targets_path, s.units_path)
    if register is None:
        for p in problems:
            print(p.located(lang), file=sys.stderr)
        print(msg("register.invalid", lang, count=len(problems)), file=sys.stderr)
        return 1
    for w in register.warnings:  # the register loads; these are for the planner to look at
        print(w.located(lang), file=sys.stderr)
    print(msg("register.summary", lang, **summary_params(register)))
    return 0


@command("init", "cli.cmd.init")(register_options)
def cmd_init(args: argparse.Namespace, lang: Lang) -> int:
    t = open_from(args)
    url = t.engine.url.render_as_string(hide_password=True)
    print(msg("init.done", lang, url=url, targets=len(t.register.all_targets), units=len(t.register.units)))
    return 0


def _demo_options(p: argparse.ArgumentParser, h: Help) -> None:
    register_options(p, h)
    p.add_argument("--if-empty", action="store_true", help=h("cli.opt.if_empty"))


@command("demo", "cli.cmd.demo")(_demo_options)
def cmd_demo(args: argparse.Namespace, lang: Lang) -> int:
    from tracker.storage.db import session
    from tracker.storage.demo import load_demo
    from tracker.storage.values import count_values

    t = open_from(args)
    if args.if_empty and not t.settings.shipped_registers:
        # the sample describes the shipped district; another register starts empty
        print(msg("demo.skipped_custom", lang))
        return 0
    with session(t.engine) as s:
        if args.if_empty and count_values(session=s, sample=False) > 0:
            print(msg("demo.skipped_real", lang))
            return 0
        count = load_demo(session=s, register=t.register)
    print(msg("demo.loaded", lang, count=count) if count else msg("demo.already", lang))
    return 0
