"""Database tables (SQLModel). Values are never overwritten: each change is a new revision."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Index, text
from sqlmodel import Field, SQLModel

from tracker.core.clock import utcnow


class UnitRow(SQLModel, table=True):
    __tablename__ = "unit"
    code: str = Field(primary_key=True, max_length=64)
    name_zh: str
    name_en: str
    type: str = Field(max_length=32)
    parent: str | None = Field(default=None, max_length=64)


class MetricRow(SQLModel, table=True):
    __tablename__ = "metric"
    code: str = Field(primary_key=True, max_length=64)
    name_zh: str
    name_en: str
    unit: str
    aggregation: str = Field(max_length=8)
    frequency: str = Field(max_length=16)
    kind: str = Field(default="count", max_length=8)


class UnitTree(SQLModel, table=True):
    """Every unit with each of its ancestors (depth 1 = parent), kept in step with the unit register."""

    __tablename__ = "unit_tree"
    __table_args__ = (Index("ix_unit_tree_ancestor", "ancestor", "unit"),)
    unit: str = Field(primary_key=True, max_length=64)
    ancestor: str = Field(primary_key=True, max_length=64)
    depth: int


class Submission(SQLModel, table=True):
    """One file (or demo batch) stored: who, when, which file, its SHA-256."""

    __tablename__ = "submission"
    __table_args__ = (Index("ix_submission_created", "created_at", "id"),)  # the newest first (修订记录)
    id: int | None = Field(default=None, primary_key=True)
    user: str = Field(max_length=128)
    created_at: dt.datetime = Field(default_factory=utcnow)
    file_name: str = Field(max_length=512)
    sha256: str = Field(max_length=64)
    source: str = Field(default="import", max_length=16)
    values_new: int = 0
    values_changed: int = 0
    is_sample: bool = False


class ValueRevision(SQLModel, table=True):
    """One reported value of a unit, metric and period; the latest revision is current."""

    __tablename__ = "value_revision"
    __table_args__ = (
        Index("ix_value_current", "unit_code", "metric_code", "period", "is_current"),
        Index("ix_value_metric_end", "metric_code", "period_end"),
        Index("ix_value_submission", "submission_id"),  # a submission's values (修订记录)
        # at most one current revision per unit, metric and period, whatever two imports do at once
        # SQLite uses a partial index only when the query's WHERE names its condition as written, and SQLAlchemy
        # writes `is_current = 1` there (PostgreSQL: `is_current`), so the condition says `= 1` on SQLite
        Index("ux_value_one_current", "unit_code", "metric_code", "period", unique=True,
              sqlite_where=text("is_current = 1"), postgresql_where=text("is_current")),
        # the latest month stored, asked on every page: answered from the index's last entry
        Index("ix_value_current_end", "period_end",
              sqlite_where=text("is_current = 1"), postgresql_where=text("is_current")),
    )
    id: int | None = Field(default=None, primary_key=True)
    unit_code: str = Field(foreign_key="unit.code", max_length=64)
    metric_code: str = Field(foreign_key="metric.code", max_length=64)
    period: str = Field(max_length=8)
    period_kind: str = Field(max_length=16)
    period_start: int
    period_end: int
    value: float | None = None
    note: str | None = None
    flags: str | None = Field(default=None, max_length=256)
    is_current: bool = True
    submission_id: int = Field(foreign_key="submission.id")
    created_at: dt.datetime = Field(default_factory=utcnow)


class FirstReceived(SQLModel, table=True):
    """When a value (not a blank) for a unit, metric and period was first stored: its submission's time, kept by
    every insert of values (tracker/storage/received.py) for 报送情况's on time and late."""

    __tablename__ = "first_received"
    # SQLite keeps the rows in key order (no rowid): a window's periods are read as one range of the table, not
    # an index entry and a row lookup each (1 M keys at 3,000 units: 4.0 s → 1.8 s)
    __table_args__ = {"sqlite_with_rowid": False}
    period: str = Field(primary_key=True, max_length=8)
    unit_code: str = Field(primary_key=True, max_length=64)
    metric_code: str = Field(primary_key=True, max_length=64)
    received_at: dt.datetime


class ReceivedDay(SQLModel, table=True):
    """Per period and unit, the China-time days values were first received and the metrics whose first value came
    on each (a JSON list in code-point order): `first_received` grouped, kept in step with it by every insert of
    values (tracker/storage/received_days.py), so that 报送情况 reads a row per unit and not per value."""

    __tablename__ = "received_day"
    __table_args__ = {"sqlite_with_rowid": False}
    period: str = Field(primary_key=True, max_length=8)
    unit_code: str = Field(primary_key=True, max_length=64)
    day: dt.date = Field(primary_key=True)
    metrics: str


class Narrative(SQLModel, table=True):
    """分析与措施: what a planner or unit wrote about a target for a period; an edit is a new row."""

    __tablename__ = "narrative"
    __table_args__ = (Index("ix_narrative_target_period", "target", "period", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    target: str = Field(max_length=64)
    period: str = Field(max_length=8)
    analysis: str
    measures: str
    user: str = Field(max_length=128)
    created_at: dt.datetime = Field(default_factory=utcnow)


class BriefingIssue(SQLModel, table=True):
    """A briefing exported: its month and its numbers 〔year〕第 number 期（总第 total 期）."""

    __tablename__ = "briefing_issue"
    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=8)
    year: int
    number: int
    total: int
    user: str = Field(max_length=128)
    created_at: dt.datetime = Field(default_factory=utcnow)


class BriefingText(SQLModel, table=True):
    """The office's own text for one section of a month's briefing (考核情况, 工作动态, 政务简讯 …), and for the
    provincial 好差评 ranking its score and rank; an edit is a new row, the newest is the section's text."""

    __tablename__ = "briefing_text"
    __table_args__ = (Index("ix_briefing_text_month_section", "month", "section", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    month: str = Field(max_length=8)
    section: str = Field(max_length=32)
    body: str
    score: float | None = None
    rank: int | None = None
    user: str = Field(max_length=128)
    created_at: dt.datetime = Field(default_factory=utcnow)


class RegisterVersion(SQLModel, table=True):
    """A register content the tracker loaded: when first, by which process, and its changes from the one before."""

    __tablename__ = "register_version"
    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str = Field(max_length=64, unique=True)
    first_loaded_at: dt.datetime = Field(default_factory=utcnow)
    loaded_by: str = Field(max_length=256)
    sources: str = Field(default="", max_length=1024)
    content: str  # JSON: both registers, every plan
    changes: str = Field(default="[]")  # JSON: the changes from the previous version (tracker.register.changes)


class Meta(SQLModel, table=True):
    """Small facts about the database, e.g. that it holds sample data."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str


class Account(SQLModel, table=True):
    """Who may sign in, and as what (tracker/access/roles.py); passwords only as argon2 hashes."""

    __tablename__ = "account"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=16)
    password_hash: str | None = Field(default=None, max_length=256)
    email: str | None = Field(default=None, max_length=256, unique=True)  # single sign-on maps an e-mail here
    active: bool = True
    is_demo: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow)


class AccountUnit(SQLModel, table=True):
    """A unit a reporter reports for (and the units under it)."""

    __tablename__ = "account_unit"
    account_id: int = Field(foreign_key="account.id", primary_key=True)
    unit_code: str = Field(primary_key=True, max_length=64)


class PeriodLock(SQLModel, table=True):
    """A period a planner closed once its briefing or evaluation went out: no import may change it."""

    __tablename__ = "period_lock"
    period: str = Field(primary_key=True, max_length=8)
    period_start: int
    period_end: int
    user: str = Field(max_length=128)
    reason: str = Field(default="", max_length=512)
    locked_at: dt.datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    """One thing someone did: sign-in, import (stored or rejected), lock, narrative, account change, demo load."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_at", "at"), Index("ix_audit_user_action", "user", "action", "at"))
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow)
    user: str = Field(max_length=128)
    action: str = Field(max_length=32)
    subject: str = Field(default="", max_length=512)
    detail: str = Field(default="")  # JSON
    sha256: str | None = Field(default=None, max_length=64)


class BrowserSession(SQLModel, table=True):
    """A signed-in browser (tracker/access/sessions.py): the cookie holds a random token, stored here only as
    its SHA-256; the one-time ticket that hands the token to the browser likewise."""

    __tablename__ = "browser_session"
    __table_args__ = (Index("ix_browser_session_account", "account_id", "ended_at"),)
    id: int | None = Field(default=None, primary_key=True)
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    ticket_hash: str | None = Field(default=None, max_length=64, unique=True)
    ticket_expires_at: dt.datetime | None = None
    account_id: int = Field(foreign_key="account.id")
    created_at: dt.datetime = Field(default_factory=utcnow)
    last_seen_at: dt.datetime = Field(default_factory=utcnow)
    user_agent: str = Field(default="", max_length=256)
    ended_at: dt.datetime | None = None
    end_reason: str | None = Field(default=None, max_length=16)


class ApiToken(SQLModel, table=True):
    """A token another system calls the HTTP API with (tracker/access/tokens.py): scoped to a role, stored only as
    its SHA-256, revoked rather than deleted."""

    __tablename__ = "api_token"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=16)
    token_hash: str = Field(max_length=64, unique=True)
    created_at: dt.datetime = Field(default_factory=utcnow)
    created_by: str = Field(max_length=128)
    last_used_at: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    revoked_by: str | None = Field(default=None, max_length=128)
class DataVersion(SQLModel, table=True):
    """One row: a counter raised in the same transaction as every stored change (import, lock, unlock, narrative,
    register sync, demo load, restore), and the database's lineage; together the data version the caches key on."""

    __tablename__ = "data_version"
    id: int = Field(default=1, primary_key=True)
    lineage: str = Field(max_length=32)
    counter: int = Field(sa_type=BigInteger)


class SigninThrottle(SQLModel, table=True):
    """Failed sign-ins counted per client address, per account name and per both (tracker/access/throttle.py)."""

    __tablename__ = "signin_throttle"
    scope: str = Field(primary_key=True, max_length=8)
    key: str = Field(primary_key=True, max_length=320)
    failures: int = 0
    last_at: dt.datetime = Field(default_factory=utcnow)


class ImportJob(SQLModel, table=True):
    """A confirmed import being stored outside the page's script run, and how it ended (tracker/importer/jobs.py)."""

    __tablename__ = "import_job"
    __table_args__ = (Index("ix_import_job_user", "user", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    user: str = Field(max_length=128)
    file_name: str = Field(max_length=512)
    sha256: str = Field(max_length=64)
    status: str = Field(max_length=16)  # running, stored, nothing, rejected, failed, interrupted
    started_at: dt.datetime = Field(default_factory=utcnow)
    finished_at: dt.datetime | None = None
    submission_id: int | None = None
    values_new: int = 0
    values_changed: int = 0
    message: str = ""  # JSON: the problems or the error, for the page to say in the reader's language
    seen: bool = False


from tracker.storage.selfeval_models import SelfEvaluationItem, SelfEvaluationText  # noqa: E402,F401  (its tables)
from tracker.storage.summary_models import FigureSummary, UnitPair, UnitWindow  # noqa: E402,F401  (its tables)
