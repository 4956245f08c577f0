"""What a unit adds to its own self-evaluation (seed 003), as plain data, and its checks: every problem at once,
each naming the field (and the item), the value and the fix; read from a form or from a YAML file."""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import pandas as pd
import yaml

from tracker.core.clock import LOCAL_TZ, as_utc
from tracker.core.errors import Problem, ProblemsError
from tracker.core.i18n import Ref

SECTIONS = ("opening", "reform", "efficiency", "mechanisms", "innovation", "problems", "plan")
COUNTS = ("on_the_spot_count", "banners", "praise_letters", "complaints")
ITEM_COUNTS = ("applications", "accepted", "on_time", "approved")
MAX_SECTION = 10_000  # characters; seed 003's longest section (二) has about 1,500
MAX_NAME = 200
MAX_ITEMS = 50
MAX_COUNT = 1_000_000_000
ALLOWED_CONTROLS = {"\n", "\r", "\t"}
# the file's keys may also be the seed's own words
ALIASES = {"开头": "opening", "导语": "opening", "行政审批事项改革及实施情况": "reform", "优化政务服务效能情况": "efficiency",
           "推进机制建立情况": "mechanisms", "创新方式情况": "innovation", "存在问题": "problems", "下一步工作计划": "plan",
           "事项": "items", "即办即走比例": "on_the_spot_share", "即办即走件数": "on_the_spot_count", "锦旗": "banners",
           "表扬信": "praise_letters", "投诉": "complaints", "举报投诉": "complaints", "名称": "name", "事项名称": "name",
           "申请": "applications", "收到申请": "applications", "受理": "accepted", "按时办结": "on_time",
           "审批同意": "approved", "同意": "approved"}


class SelfTextInvalid(ProblemsError):
    """What was entered for a self-evaluation cannot be stored; every problem is listed and nothing was written."""


@dataclass(frozen=True)
class ItemApprovals:
    """One service item's year: applications received, accepted, completed on time, approved (seed 003)."""

    name: str
    applications: int
    accepted: int | None = None
    on_time: int | None = None
    approved: int | None = None

    @property
    def refused(self) -> int | None:
        """审批不同意: those completed and not approved (757 − 731 = 26), when both are known."""
        if self.approved is None or self.on_time is None:
            return None
        return self.on_time - self.approved


@dataclass(frozen=True)
class SelfText:
    """A unit's additions for one year; an empty section or a None count is 'not entered' (left out)."""

    opening: str = ""
    reform: str = ""
    efficiency: str = ""
    mechanisms: str = ""
    innovation: str = ""
    problems: str = ""
    plan: str = ""
    items: tuple[ItemApprovals, ...] = ()
    on_the_spot_share: float | None = None
    on_the_spot_count: int | None = None
    banners: int | None = None
    praise_letters: int | None = None
    complaints: int | None = None

    def section(self, name: str) -> str:
        return str(getattr(self, name))

    def is_empty(self) -> bool:
        return self == SelfText()


@dataclass(frozen=True)
class StoredSelfText:
    """A save as stored: what was entered, who saved it and when, its version (the unit's saves of the year
    counted from 1)."""

    text: SelfText
    unit: str
    year: int
    user: str
    created_at: dt.datetime
    revision: int

    @property
    def saved_at(self) -> str:
        """When it was saved, as people read it: '2017-08-21 10:05' in China Standard Time."""
        return f"{as_utc(self.created_at).astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}"


def _problem(source: str, key: str, column: Ref | str, value: object, item: int | None = None,
             **params: object) -> Problem:
    return Problem(file=source, key=key, params={"field": column, "value": value, "n": item, **params},
                   value=str(value))


def _text_problems(text: SelfText, source: str) -> list[Problem]:
    out = []
    for name in SECTIONS:
        value = text.section(name)
        label = Ref(f"selftext.section.{name}")
        if any(ord(c) < 32 and c not in ALLOWED_CONTROLS for c in value) or "\x7f" in value:
            out.append(_problem(source, "selftext.control", label, "…"))
        if len(value) > MAX_SECTION:
            out.append(_problem(source, "selftext.too_long", label, f"{len(value):,}", limit=f"{MAX_SECTION:,}"))
    return out


def _count_problem(source: str, label: Ref, value: object, item: int | None = None,
                   name: str | None = None) -> Problem | None:
    """A count must be a whole number from 0 to MAX_COUNT (an item's counts name the item)."""
    if value is None:
        return None
    of: Ref | str = "" if name is None else Ref("selftext.of_item", (("name", name),))
    if isinstance(value, bool) or not isinstance(value, int):
        return _problem(source, "selftext.not_whole", label, value, item, item_name=of)
    if value < 0:
        return _problem(source, "selftext.negative", label, value, item, item_name=of)
    if value > MAX_COUNT:
        return _problem(source, "selftext.too_large", label, value, item, item_name=of, limit=f"{MAX_COUNT:,}")
    return None


def _item_problems(items: tuple[ItemApprovals, ...], source: str) -> list[Problem]:
    out: list[Problem] = []
    if len(items) > MAX_ITEMS:
        out.append(_problem(source, "selftext.too_many_items", Ref("selftext.items"), len(items), limit=MAX_ITEMS))
    names: set[str] = set()
    for n, it in enumerate(items, start=1):
        label = Ref("selftext.field.name")
        if not it.name.strip():
            out.append(_problem(source, "selftext.item_no_name", label, "", n))
        elif len(it.name) > MAX_NAME or any(ord(c) < 32 for c in it.name):
            out.append(_problem(source, "selftext.item_bad_name", label, it.name[:40], n, limit=MAX_NAME))
        elif it.name.strip() in names:
            out.append(_problem(source, "selftext.item_twice", label, it.name, n))
        names.add(it.name.strip())
        bad = [p for k in ITEM_COUNTS
               if (p := _count_problem(source, Ref(f"selftext.field.{k}"), getattr(it, k), n, it.name)) is not None]
        if it.applications is None:
            bad.append(_problem(source, "selftext.item_no_applications", Ref("selftext.field.applications"), "", n,
                                item_name=it.name))
        out += bad
        if not bad:
            out += _order_problems(it, source, n)
    return out


def _order_problems(it: ItemApprovals, source: str, n: int) -> list[Problem]:
    """accepted ≤ applications, on time ≤ accepted (or applications), approved ≤ on time (or accepted, or
    applications)."""
    out = []
    # approved is part of those completed on time where that is given (审批不同意 = on time − approved, never < 0)
    checks = (("accepted", "applications"), ("on_time", "accepted" if it.accepted is not None else "applications"),
              ("approved", "on_time" if it.on_time is not None else "accepted" if it.accepted is not None
               else "applications"))
    for part, whole in checks:
        a, b = getattr(it, part), getattr(it, whole)
        if a is not None and b is not None and a > b:
            out.append(_problem(source, "selftext.item_above", Ref(f"selftext.field.{part}"), a, n,
                                item_name=it.name, whole=Ref(f"selftext.field.{whole}"), bound=b))
    return out


def problems(text: SelfText, source: str) -> list[Problem]:
    """Every problem of what was entered (empty: it may be stored)."""
    out = _text_problems(text, source)
    for k in COUNTS:
        if (p := _count_problem(source, Ref(f"selftext.field.{k}"), getattr(text, k))) is not None:
            out.append(p)
    share = text.on_the_spot_share
    label = Ref("selftext.field.on_the_spot_share")
    if share is not None and (isinstance(share, bool) or not isinstance(share, int | float)):
        out.append(_problem(source, "selftext.not_number", label, share))
    elif share is not None and (not math.isfinite(share) or not 0 <= share <= 100):
        out.append(_problem(source, "selftext.share_range", label, share))
    elif share is not None and text.on_the_spot_count is not None:
        out.append(_problem(source, "selftext.share_and_count", label, share, count=text.on_the_spot_count))
    return out + _item_problems(text.items, source)


def checked(text: SelfText, source: str) -> SelfText:
    """The text with its sections' ends trimmed and item names stripped; SelfTextInvalid listing every problem."""
    found = problems(text, source)
    if found:
        raise SelfTextInvalid("selftext.invalid", found, source=source)
    trimmed: dict[str, Any] = {name: text.section(name).strip() for name in SECTIONS}
    items = tuple(replace(it, name=it.name.strip()) for it in text.items)
    return replace(text, items=items, **trimmed)


def _keys(data: Mapping[object, object], allowed: set[str], source: str, where: str) -> dict[str, object]:
    out: dict[str, object] = {}
    unknown = []
    for key, value in data.items():
        name = ALIASES.get(str(key).strip(), str(key).strip())
        if name not in allowed:
            unknown.append(str(key))
        out[name] = value
    if unknown:
        raise SelfTextInvalid("selftext.invalid", [Problem(file=source, key="selftext.unknown_key", column=where,
                                                           value=k, params={"key": k, "allowed": ", ".join(
                                                               sorted(allowed))}) for k in unknown], source=source)
    return out


def _item(value: object, n: int, source: str) -> ItemApprovals:
    if not isinstance(value, Mapping):
        raise SelfTextInvalid("selftext.invalid", [Problem(file=source, key="selftext.item_not_mapping", line=n,
                                                           value=str(value)[:40], params={"n": n})], source=source)
    data = _keys(value, {"name", *ITEM_COUNTS}, source, f"items[{n}]")
    return ItemApprovals(name=str(data.get("name") or ""), **{k: data.get(k) for k in ITEM_COUNTS})  # type: ignore[arg-type]


def from_yaml(content: str, source: str) -> SelfText:
    """A SelfText from a YAML file's text (keys in English or the seed's words); SelfTextInvalid when unreadable."""
    try:
        data = yaml.safe_load(content) if content.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        raise SelfTextInvalid("selftext.invalid", [Problem(file=source, key="selftext.bad_yaml", line=line,
                                                           params={"detail": str(getattr(exc, "problem", exc))})],
                              source=source) from None
    if not isinstance(data, Mapping):
        raise SelfTextInvalid("selftext.invalid", [Problem(file=source, key="selftext.not_mapping")], source=source)
    allowed = {f.name for f in fields(SelfText)}
    flat = _keys(data, allowed | {"sections"}, source, "")
    sections = flat.pop("sections", None) or {}
    if not isinstance(sections, Mapping):
        raise SelfTextInvalid("selftext.invalid", [Problem(file=source, key="selftext.not_mapping")], source=source)
    flat.update(_keys(sections, set(SECTIONS), source, "sections"))
    raw_items = flat.pop("items", None) or []
    if not isinstance(raw_items, list):
        raise SelfTextInvalid("selftext.invalid", [Problem(file=source, key="selftext.items_not_list")],
                              source=source)
    items = tuple(_item(v, n, source) for n, v in enumerate(raw_items, start=1))
    texts = {k: "" if flat.get(k) is None else str(flat[k]) for k in SECTIONS}
    numbers = {k: flat.get(k) for k in (*COUNTS, "on_the_spot_share")}
    return SelfText(items=items, **texts, **numbers)  # type: ignore[arg-type]


def to_yaml(text: SelfText) -> str:
    """The YAML `from_yaml` reads back (what `show --format yaml` prints, a file to edit and set again)."""
    data: dict[str, object] = {"sections": {k: text.section(k) for k in SECTIONS if text.section(k)}}
    data["items"] = [{k: v for k, v in (("name", it.name), *((c, getattr(it, c)) for c in ITEM_COUNTS))
                      if v is not None} for it in text.items]
    for k in ("on_the_spot_share", *COUNTS):
        if getattr(text, k) is not None:
            data[k] = getattr(text, k)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.SafeDumper):
    """Writes a text of several lines as a `|` block, one line of the text a line of the file (easy to edit)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text)


def _cell(value: object) -> object:
    """A form cell as a count: empty (None, NaN, pandas' NA, blank) → None, a whole number of any numeric type
    (numpy's too) → int; anything else kept for the checks to name."""
    if value is None or value is pd.NA or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        if math.isnan(float(value)):
            return None
        if isinstance(value, numbers.Integral) or float(value).is_integer():
            return int(float(value))
        return float(value)
    return value


def from_form(*, sections: Mapping[str, str], rows: list[Mapping[str, object]],
              numbers: Mapping[str, object]) -> SelfText:
    """A SelfText from the page's form: its text areas, the item table's rows (empty rows dropped) and the counts."""
    items = tuple(ItemApprovals(name=str(r.get("name") or "").strip(),
                                **{k: _cell(r.get(k)) for k in ITEM_COUNTS})  # type: ignore[arg-type]
                  for r in rows if any(_cell(r.get(k)) is not None for k in ("name", *ITEM_COUNTS)))
    share = numbers.get("on_the_spot_share")
    given: dict[str, Any] = {**{k: _cell(numbers.get(k)) for k in COUNTS},
                             **{k: str(sections.get(k) or "") for k in SECTIONS}}
    return SelfText(items=items, on_the_spot_share=None if share is None else float(share),  # type: ignore[arg-type]
                    **given)
