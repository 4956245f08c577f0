"""Deterministic sample data (示例数据) for every unit and metric, 2016-01 … 2020-12.

The story: most targets are met by the end of the plan; the zero-visit share
and the online completion rate are behind pace at the mid-term (2018-06); two
street centres (南石头街, 华洲街) lag on evaluation and satisfaction; one
department (区统计局) submits late every month and misses 2019-08; in 2019-03
区农业农村局 completes more cases than it accepts (carry-over). The district
centre reports its own case totals (the sum of its stationed departments', as
the briefings print them), and the 好差评 channel figures come from the office,
the centre, the branch, the halls and the street centres — never more rated cases, where a unit also reports
评价数, than it (the register's consistency rules hold in the sample).
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col

from tracker.access.audit import record
from tracker.access.demo_accounts import create_demo_accounts
from tracker.core.clock import LOCAL_TZ, china_today
from tracker.core.errors import TrackerError
from tracker.core.periods import Period, month, of_kind
from tracker.engine import summary
from tracker.register import Register
from tracker.storage.models import Submission
from tracker.storage.register_tables import sync_register
from tracker.storage.values import (
    append_revisions,
    bump_data_version,
    count_values,
    revision_row,
    set_meta,
)

LAGGING_STREETS = ("street_nanshitou", "street_huazhou")
LATE_DEPARTMENT = "dept_stats"
MISSING_MONTH = "2019-08"
CARRY_OVER = ("dept_agri", "2019-03")
SEED = 20180126
STORY_END = 2020 * 12 + 11  # 2020-12: the 十三五 story's last month
# The channel figures draw from a stream of their own, so adding them left every other figure as it was.
CHANNEL_SEED = SEED + 1
CENTRE_TOTALS = ("accepted", "accepted_permits", "accepted_public", "completed")


def _ramp(t: float, start: float, end: float, power: float = 1.0) -> float:
    """Value on a curve from `start` (t=0) to `end` (t=1)."""
    return start + (end - start) * max(0.0, min(1.0, t)) ** power


class _Gen:
    def __init__(self, register: Register, last: int) -> None:
        self.reg = register
        self.first = month(register.first_month)
        self.last = month(last)
        self.span = STORY_END - self.first.start  # the 十三五 story: its ramps run over 2016-01 … 2020-12
        self.rng = random.Random(SEED)
        self.channel_rng = random.Random(CHANNEL_SEED)
        self.scale = {u.code: self._scale(u.type) for u in register.reporting_units()}

    def _scale(self, unit_type: str) -> float:
        lo, hi = {"department": (150, 2500), "street": (1000, 6000), "hall": (1500, 6000),
                  "branch": (800, 1500), "centre": (20000, 26000), "office": (1, 1)}[unit_type]
        return math.exp(self.rng.uniform(math.log(lo), math.log(hi)))

    def t(self, p: Period) -> float:
        return (p.end - self.first.start) / self.span

    @staticmethod
    def later(p: Period) -> float:
        """How far into 2021–2030 the period lies (0 up to 2020-12): the 十四五 and 十五五 figures keep improving
        from where 十三五 ended; nothing before 2021 depends on it."""
        return max(0.0, (p.end - STORY_END) / 120)

    def flows(self, unit: str, unit_type: str, p: Period) -> dict[str, float]:
        r, t, t2 = self.rng, self.t(p), self.later(p)
        season = 0.72 if p.index == 2 else (1.08 if p.index in (3, 12) else 1.0)
        base = self.scale[unit] * season * (1 + 0.03 * (p.year - 2016)) * r.uniform(0.92, 1.08)
        if unit_type == "office":
            return self._office_flows(p)
        if unit_type == "centre":
            return {"visitors": round(base)}
        accepted = round(base)
        completed = round(accepted * r.uniform(0.975, 1.0))
        if (unit, p.code) == CARRY_OVER:
            completed = round(accepted * 1.12)
        lag = unit in LAGGING_STREETS
        if t2:  # from 2021: the lagging streets catch up, ratings and satisfaction keep rising
            eval_rate = _ramp(t2, 0.79, 0.95) * (_ramp(t2, 0.72, 0.95) if lag else 1) * r.uniform(0.97, 1.03)
        else:
            eval_rate = _ramp(t, 0.48, 0.79) * (0.72 if lag else 1) * r.uniform(0.97, 1.03)
        evaluated = round(completed * min(eval_rate, 0.99))
        sat = (_ramp(t2, 0.975, 0.996) if lag else 0.9992) * r.uniform(0.998, 1.0)
        satisfied = round(evaluated * sat)
        bad = evaluated - satisfied
        out: dict[str, float] = {
            "accepted": accepted, "accepted_public": accepted, "completed": completed,
            "completed_on_time": round(completed * (0.985 if lag else r.uniform(0.996, 1.0))),
            "completed_early": round(completed * r.uniform(0.55, 0.95)),
            "evaluated": evaluated, "satisfied": satisfied, "bad_reviews": bad,
            "bad_reviews_rectified": bad if r.random() > 0.15 else max(0, bad - 1),
        }
        if unit_type != "department":
            out["visitors"] = round(accepted * r.uniform(0.85, 1.05))
        if unit_type in ("department", "hall", "branch"):
            permits = round(accepted * r.uniform(0.35, 0.6))
            out["accepted_permits"], out["accepted_public"] = permits, accepted - permits
            online = (_ramp(t2, 0.94, 0.985) if t2 else _ramp(t, 0.36, 0.94, 1.5)) * r.uniform(0.98, 1.02)
            out["online_completed"] = round(completed * min(online, 0.99))
        return out

    def _office_flows(self, p: Period) -> dict[str, float]:
        r, t = self.rng, self.t(p)
        requests = r.randint(20, 45)
        policy, news = r.randint(3, 8), r.randint(30, 55)
        hotline = round(3200 * r.uniform(0.85, 1.15))
        return {
            "disclosure_requests": requests,
            "disclosure_requests_online": round(requests * min(0.99, _ramp(t, 0.52, 0.86) * r.uniform(0.97, 1.03))),
            "policy_releases": policy, "policy_publish_days": round(policy * r.uniform(2.0, 2.9)),
            "news_releases": news, "news_publish_days": round(news * r.uniform(3.2, 4.4)),
            "hotline_accepted": hotline,
            "hotline_completed": round(hotline * (r.uniform(0.96, 0.996) if self.later(p) else r.uniform(0.95, 0.995))),
        }

    def stocks(self, unit: str, unit_type: str, p: Period) -> dict[str, float]:
        r, t, t2 = self.rng, self.t(p), self.later(p)
        if unit_type == "office":
            total = 780 + 30 * (p.year - 2016)
            return {"resources_total": total, "resources_shared": round(total * _ramp(t, 0.32, 0.83))}
        size = max(8, round(self.scale[unit] / 30))
        items = size + (p.year - 2016)
        jitter = r.uniform(0.97, 1.03)
        steps, mats, forms = items * 6, items * 9, items * 3
        certs = size * 400
        return {
            "service_items": items,
            "items_max_one_visit": round(items * min(1, (_ramp(t2, 0.93, 1.0) if t2 else _ramp(t, 0.52, 0.93))
                                                      * jitter)),
            "items_zero_visit": round(items * min(1, (_ramp(t2, 0.415, 0.99) if t2 else _ramp(t, 0.11, 0.415, 1.9))
                                                  * jitter)),
            "permit_items": round(items * 0.6),
            "permit_items_full_online": round(items * 0.6 * min(1, _ramp(t, 0.42, 0.92) * jitter)),
            "steps_baseline": steps, "steps_removed": round(steps * _ramp(t, 0.05, 0.56)),
            "materials_baseline": mats, "materials_removed": round(mats * _ramp(t, 0.04, 0.53)),
            "forms_baseline": forms, "forms_removed": round(forms * _ramp(t, 0.06, 0.58)),
            "certificates_total": certs,
            "certificates_digitized": round(certs * (_ramp(t2 * 5, 0.33, 0.95) if t2 else _ramp(t, 0.0, 0.33))),
        }

    def channels(self, unit_type: str, accepted: float, p: Period) -> dict[str, float]:
        """Cases handled in the hall and on the portal, and how many of each the applicants rated (好差评)."""
        r, t, t2 = self.channel_rng, self.t(p), self.later(p)
        if unit_type == "office":  # the office's own window, and the district portal it runs
            hall, online = r.randint(80, 150), round(2600 * r.uniform(0.9, 1.1) * (1 + t))
        else:
            hall, online = round(accepted * r.uniform(0.86, 0.94)), round(accepted * r.uniform(0.04, 0.10) * (1 + t))
        hall_rate = _ramp(t2, 0.93, 0.985) if t2 else _ramp(t, 0.55, 0.93)
        online_rate = _ramp(t2, 0.90, 0.975) if t2 else _ramp(t, 0.38, 0.90)
        return {"cases_hall": hall, "rated_hall": round(hall * min(0.99, hall_rate * r.uniform(0.98, 1.02))),
                "cases_online": online,
                "rated_online": round(online * min(0.99, online_rate * r.uniform(0.97, 1.03)))}

    @staticmethod
    def yearly(p: Period) -> dict[str, float]:
        return {"departments_total": 24,
                "departments_catalogued": {2016: 12, 2017: 18, 2018: 22}.get(p.year, 24)}


def _received_at(rng: random.Random, unit: str, p: Period, deadline_day: int) -> dt.datetime:
    due = p.deadline(deadline_day)
    day = rng.randint(deadline_day + 3, deadline_day + 12) if unit == LATE_DEPARTMENT else rng.randint(1, deadline_day)
    return dt.datetime(due.year, due.month, day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=LOCAL_TZ)


def _within_rated(channels: dict[str, float], values: dict[str, float]) -> dict[str, float]:
    """The channels' rated cases scaled down, when a unit also reports 评价数, so that together they never exceed
    it (the register's consistency rule channel_rated_within_rated; the streets once reported more)."""
    rated = values.get("evaluated")
    total = channels["rated_hall"] + channels["rated_online"]
    if rated is None or total <= rated:
        return channels
    hall = math.floor(channels["rated_hall"] * rated / total)
    return {**channels, "rated_hall": hall, "rated_online": min(channels["rated_online"], rated - hall)}


def _month_values(gen: _Gen, register: Register, m: int) -> dict[str, tuple[dict[str, float], dict[str, Period]]]:
    """Every reporting unit's values of one month (flows, and the stocks of a quarter or year ending in it)."""
    p = month(m)
    out: dict[str, tuple[dict[str, float], dict[str, Period]]] = {}
    for unit in register.reporting_units():
        if unit.code == LATE_DEPARTMENT and p.code == MISSING_MONTH:
            continue
        metrics = {x.code: x for x in register.metrics_for(unit.type)}
        values = {k: v for k, v in gen.flows(unit.code, unit.type, p).items() if k in metrics}
        periods = {k: p for k in values}
        for kind, produce in (("quarter", gen.stocks), ("year", lambda u, t, q: gen.yearly(q))):
            q = of_kind(kind, m)  # type: ignore[arg-type]
            if q.end == m:
                for k, v in produce(unit.code, unit.type, q).items():
                    if k in metrics and metrics[k].frequency == kind:
                        values[k], periods[k] = v, q
        if values:
            out[unit.code] = (values, periods)
    for code, (values, periods) in out.items():
        unit = register.units[code]
        if unit.type == "centre":  # its own totals: the sum of its departments' figures
            departments = [out[d][0] for d in register.children.get(code, []) if d in out]
            for k in CENTRE_TOTALS:
                values[k], periods[k] = sum(d.get(k, 0) for d in departments), p
        if any(k in ("cases_hall", "cases_online") for k in (x.code for x in register.metrics_for(unit.type))):
            for k, v in _within_rated(gen.channels(unit.type, values.get("accepted", 0), p), values).items():
                values[k], periods[k] = v, p
    return out


def last_ended_month() -> int:
    """The absolute month before today's (China time): the demo runs up to it."""
    today = china_today()
    return today.year * 12 + today.month - 2


def load_demo(*, session: Session, register: Register, until: int | None = None) -> int:
    """Load the sample into an empty database, from the first plan's start to `until` (an absolute month; by
    default the last month that has ended); return the number of values stored."""
    if count_values(session=session, sample=False) > 0:
        raise TrackerError("demo.real_data_present")
    if count_values(session=session, sample=True) > 0:
        return 0
    sync_register(session=session, register=register)
    gen = _Gen(register, last_ended_month() if until is None else until)
    subs: list[dict[str, Any]] = []
    batches: list[list[dict[str, Any]]] = []
    for m in range(gen.first.start, gen.last.end + 1):
        p = month(m)
        month_values = _month_values(gen, register, m)
        for unit in register.reporting_units():
            if unit.code not in month_values:
                continue
            values, periods = month_values[unit.code]
            due = register.plans[register.plan_for(m)].reporting_deadline_day if register.plans else 5
            at = _received_at(gen.rng, unit.code, p, due)
            subs.append({"user": "demo", "created_at": at,
                         "file_name": f"示例数据-{unit.name_at(m, 'zh')}-{p.code}.xlsx",
                         "sha256": "0" * 64, "source": "demo", "is_sample": True,
                         "values_new": len(values), "values_changed": 0})
            batches.append([revision_row(unit=unit.code, metric=k, period=periods[k], value=float(v),
                                         submission_id=0, created_at=at) for k, v in values.items()])
    ids = session.execute(insert(Submission).returning(col(Submission.id), sort_by_parameter_order=True), subs).scalars().all()
    rows = [{**r, "submission_id": sid} for sid, batch in zip(ids, batches, strict=True) for r in batch]
    append_revisions(session=session, rows=rows, keeps_summary=True)
    summary.rebuild(session=session, register=register)  # every month changed: the figures made afresh
    set_meta(session=session, key="sample_data", value="1")
    record(session, user="demo", action="demo_load", subject="示例数据", values=len(rows), commit=False)
    bump_data_version(session=session)
    session.commit()
    create_demo_accounts(session, register)  # one per role, their passwords shown on the sign-in page
    return len(rows)
