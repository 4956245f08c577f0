"""The audit trail: every sign-in (and failed one), import (stored or rejected), lock, unlock, narrative edit,
account change and demo load — who, when, what. Value revisions are linked through their import's submission.

SQL outside `tracker/storage`: this module owns the append-only `audit_event` table."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session, col

from tracker.access.roles import Actor, require
from tracker.core.clock import local
from tracker.core.i18n import Lang, msg
from tracker.core.safecells import csv_cell
from tracker.messages import CATALOGUE
from tracker.register import Register
from tracker.storage.models import AuditEvent
from tracker.storage.register_tables import stored_names

ACTIONS = ("sign_in", "sign_in_failed", "sign_out", "import_stored", "import_rejected", "import_unchanged",
           "import_failed", "import_interrupted", "lock", "unlock",
           "narrative", "briefing_text", "account_add", "account_disable", "account_enable", "account_password",
           "account_assign", "demo_load", "backup", "restore", "export", "token_add", "token_revoke", "api_call",
           "self_text")
COLUMNS = ["at", "user", "action", "subject", "detail", "sha256"]


def record(session: Session, *, user: str, action: str, subject: str = "", sha256: str | None = None,
           commit: bool = True, at: dt.datetime | None = None, **detail: object) -> None:
    """Append one event (committed at once unless it belongs to the caller's transaction)."""
    event = AuditEvent(user=user[:128], action=action, subject=subject[:512], sha256=sha256,
                       detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str))
    if at is not None:
        event.at = at
    session.add(event)
    if commit:
        session.commit()


def events(session: Session, *, user: str | None = None, action: str | None = None,
           since: dt.datetime | None = None, until: dt.datetime | None = None, limit: int = 10_000) -> pd.DataFrame:
    """Events newest first, filtered; `at` in China Standard Time."""
    e = AuditEvent
    stmt = select(col(e.at), col(e.user), col(e.action), col(e.subject), col(e.detail), col(e.sha256)).order_by(col(e.id).desc()).limit(limit)
    if user:
        stmt = stmt.where(col(e.user) == user)
    if action:
        stmt = stmt.where(col(e.action) == action)
    if since is not None:
        stmt = stmt.where(col(e.at) >= since)
    if until is not None:
        stmt = stmt.where(col(e.at) < until)
    frame = pd.DataFrame(session.execute(stmt).all(), columns=COLUMNS)
    frame["at"] = [local(at) for at in frame["at"]]
    return frame


def audit_trail(session: Session, *, actor: Actor, user: str | None = None, action: str | None = None,
                since: dt.datetime | None = None, limit: int = 10_000) -> pd.DataFrame:
    """The audit trail as the page and the command line show it (planners and administrators)."""
    require(actor, "audit")
    return events(session, user=user, action=action, since=since, limit=limit)


def trail_names(session: Session, register: Register, lang: Lang) -> dict[str, str]:
    """Code → name for the trail's subjects: the register's, and those the database still knows of units and
    metrics since removed from the register (an old event names them too)."""
    return {**stored_names(session=session, lang=lang), **register.names(lang)}


def detail_text(detail: str | None, lang: Lang, names: Mapping[str, str], action: str = "") -> str:
    """A stored detail in the reader's words (角色：管理员；负责单位：赤岗街政务服务中心), codes replaced by
    `names`; "—" when there is none. Keys this version does not know are shown as stored."""
    try:
        data = json.loads(detail) if detail else {}
    except ValueError:
        return detail or "—"
    if not isinstance(data, dict):
        return str(data)
    colon, sep, comma = ("：", "；", "、") if lang == "zh" else (": ", "; ", ", ")
    parts = []
    for key, value in data.items():
        if key == "role":
            value = msg(f"role.{value}", lang)
        elif action.startswith(("sign_in", "sign_out")) and key in ("reason", "via"):  # a code; a lock's reason
            # is as written
            value = msg(f"audit.reason.{value}", lang)
        elif action == "register_change" and key == "kind":
            value = msg(f"regkind.{value}", lang) if f"regkind.{value}" in CATALOGUE else value
        elif key == "address" and value == "local":
            value = msg("audit.address_local", lang)
        elif key == "units":
            value = comma.join(names.get(u, u) for u in value) or "—"
        label = msg(f"audit.detail.{key}", lang) if f"audit.detail.{key}" in CATALOGUE else key
        parts.append(f"{label}{colon}{value}")
    return sep.join(parts) or "—"


def subject_text(subject: str, names: Mapping[str, str]) -> str:
    """The subject with register codes (a target, a unit) replaced by their names."""
    return " ".join(names.get(word, word) for word in subject.split(" "))


def readable(frame: pd.DataFrame, lang: Lang, names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Headers, actions and details in the reader's language, register codes as `names` (code → name), times as
    2026-11-23 10:05:00."""
    names = names or {}
    out = frame.assign(at=[a.strftime("%Y-%m-%d %H:%M:%S") for a in frame["at"]],
                       action=[msg(f"audit.action.{a}", lang) for a in frame["action"]],
                       subject=[subject_text(s, names) for s in frame["subject"]],
                       detail=[detail_text(d, lang, names, a) for d, a in zip(frame["detail"], frame["action"],
                                                                               strict=True)],
                       sha256=frame["sha256"].fillna(""))
    return out.rename(columns={c: msg(f"audit.col_{c}", lang) for c in COLUMNS})


def record_trail_export(session: Session, *, actor: Actor, name: str, data: bytes) -> None:
    """The audit trail's own CSV taken away (page or command line): an export like any document's, audited."""
    require(actor, "audit")
    record(session, user=actor.name, action="export", subject=name, sha256=hashlib.sha256(data).hexdigest(),
           size=len(data))


def to_csv(frame: pd.DataFrame, lang: Lang, names: Mapping[str, str] | None = None) -> bytes:
    """The events as CSV (UTF-8 with BOM for Excel); cells that look like formulas written as text."""
    table = readable(frame, lang, names)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(table.columns)
    for row in table.itertuples(index=False):
        w.writerow([csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def rejected_imports(session: Session, *, user: str, since: dt.datetime) -> pd.DataFrame:
    """The account's rejected files since `since`, newest first: when (China time), file, problem count, the first
    problem as it was recorded (columns at, file, problems, first)."""
    frame = events(session, user=user, action="import_rejected", since=since, limit=50)
    details = [json.loads(d) if d else {} for d in frame["detail"]]
    return pd.DataFrame({"at": frame["at"], "file": frame["subject"],
                         "problems": [d.get("problems", 0) for d in details],
                         "first": [d.get("first", "") for d in details]})


def trail_users(session: Session) -> list[str]:
    """Everyone who appears in the audit trail (accounts, the command line's operators, API tokens), sorted."""
    stmt = select(col(AuditEvent.user)).distinct().order_by(col(AuditEvent.user))
    return [str(u) for u in session.execute(stmt).scalars()]
