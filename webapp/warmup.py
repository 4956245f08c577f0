"""The views a month-end morning opens, computed as soon as the data changes, before anyone asks for them.

A cached view (`webapp.views`) is recomputed by the first visitor after an import; at city scale that visitor
waited seconds for the overview. A thread of the serving process reads the data version four times a second (one
row by its key); when it moves (an import through the page, the command line or another process, a restore, a
register change), the thread computes the views every visitor opens first with — 总览, 目标清单, 报送情况 and 单位
with their default choices, and 单位's drill-down to each unit with units under it, with the profile of the first
unit each table lists (and its chart in Chinese, the default language) — into the same cache the pages read. A visitor arriving meanwhile waits for that one computation (Streamlit computes a cached value once, whoever
asks), not for a second.

Started by the server (`webapp.server`), never under AppTest; `TRACKER_WARM_VIEWS=off` turns it off.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from tracker.core.periods import month
from tracker.register import Register
from tracker.storage.values import data_version, latest_period_end

LOG = logging.getLogger(__name__)
POLL_SECONDS = 0.25  # a visitor opening a page right after an import waits for what is left of the warming
RETRY_SECONDS = 30.0
THREAD = "warm-views"
STARTED = threading.Event()


@dataclass(frozen=True)
class Defaults:
    """What the progress pages and 报送情况 open with when nothing is chosen (as `webapp.pickers` chooses)."""

    plan: str
    as_of: str          # the newest month of the plan with data
    window: str
    scorecards: tuple[tuple[str, ...], ...]  # 单位's rows: each unit's with units under it (the first opens 单位)
    period: str         # 报送情况's newest period (a month)
    period_plan: str


def defaults(register: Register, latest_end: int | None) -> Defaults | None:
    """The default choices for the data's latest month; None without data."""
    if latest_end is None:
        return None
    plan_code = register.plan_for(latest_end)
    plan = register.plans.get(plan_code, register.plan)
    stop = min(latest_end, plan.last_month)
    if stop < plan.first_month:
        return None
    scorecards = tuple(tuple(register.children[u]) for u in register.units if register.children.get(u))
    return Defaults(plan_code, month(stop).code, "ytd", scorecards, month(latest_end).code,
                    register.plan_for(latest_end))


def warm_once(last: str | None) -> tuple[str, bool]:
    """Compute the default views when the data version differs from `last`: the version seen, and whether it was
    new (and its views computed)."""
    from webapp import charts, context, views

    with context.db() as s:  # one small read while nothing changes
        key = data_version(session=s) + "/" + context.register().fingerprint
    if key == last:
        return key, False
    context.data_changed()  # the pages' own reading of the version (kept a few seconds) moves at once too
    key = context.version()
    with context.db() as s:
        latest = latest_period_end(session=s)
    chosen = defaults(context.plan_register(context.register().plan_for(latest)) if latest is not None
                      else context.register(), latest)
    if chosen is None:
        return key, True
    views.overview_view(plan=chosen.plan, as_of=chosen.as_of, window=chosen.window)
    views.progress_view(plan=chosen.plan, as_of=chosen.as_of, include_untargeted=False)  # 目标清单
    views.completeness_view(plan=chosen.period_plan, period=chosen.period)
    for rows in chosen.scorecards:  # the district's units, then each drill-down
        views.scorecard_view(plan=chosen.plan, as_of=chosen.as_of, window=chosen.window, rows=list(rows))
    for rows in chosen.scorecards:  # the unit each table profiles first (ranked among its peers: thousands)
        charts.profile_spec(plan=chosen.plan, unit=rows[0], as_of=chosen.as_of, window=chosen.window, lang="zh")
    return key, True


class _QuietHere(logging.Filter):
    """Streamlit warns of a missing script run for every cached call made outside one: true here, and meant."""

    def filter(self, record: logging.LogRecord) -> bool:
        return threading.current_thread().name != THREAD


def _loop() -> None:
    from streamlit import runtime

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_QuietHere())
    while not runtime.exists():  # the caches belong to the runtime the server starts
        time.sleep(POLL_SECONDS)
    last: str | None = None
    failed = ""
    while True:
        try:
            last, _ = warm_once(last)
            failed = ""
        except Exception as exc:  # noqa: BLE001 - a view that fails here fails on its page too, said there
            if repr(exc) != failed:  # once, not every half minute while it lasts
                LOG.warning("warming the default views failed (the pages compute them when opened): %r", exc)
            failed, last = repr(exc), None
            time.sleep(RETRY_SECONDS)
        time.sleep(POLL_SECONDS)


def start() -> None:
    """Start the warming thread once per process (a daemon: it ends with the server)."""
    from tracker.core.settings import Settings

    if STARTED.is_set() or not Settings.from_env().warm_views:
        return
    STARTED.set()
    threading.Thread(target=_loop, name=THREAD, daemon=True).start()
