"""Database tables (SQLModel). Values are never overwritten: each change is a new revision."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


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
        # at most one current revision per unit, metric and period, whatever two imports do at once
        Index("ux_value_one_current", "unit_code", "metric_code", "period", unique=True,
              sqlite_where=text("is_current"), postgresql_where=text("is_current")),
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
