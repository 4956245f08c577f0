"""Tables of what a unit adds to its own annual self-evaluation (seed 003): its text, counts and per-item
approvals. Append-only: each save is a new `self_evaluation_text` row with its own item rows; the latest is current."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from tracker.core.clock import utcnow


class SelfEvaluationText(SQLModel, table=True):
    """One save of a unit's additions for a year: the narrative sections and the counts seed 003 reports."""

    __tablename__ = "self_evaluation_text"
    __table_args__ = (Index("ix_self_evaluation_text_unit_year", "unit", "year", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    unit: str = Field(max_length=64)
    year: int
    opening: str = ""
    reform: str = ""
    efficiency: str = ""
    mechanisms: str = ""
    innovation: str = ""
    problems: str = ""
    plan: str = ""
    on_the_spot_share: float | None = None  # 即办即走, % of cases as the unit reports it (seed 003: 70%)
    on_the_spot_count: int | None = None  # or the count of cases, the share then computed from the volume
    banners: int | None = None  # 锦旗 (面)
    praise_letters: int | None = None  # 表扬信 (封)
    complaints: int | None = None  # 举报投诉案件 (件)
    user: str = Field(max_length=128)
    created_at: dt.datetime = Field(default_factory=utcnow)


class SelfEvaluationItem(SQLModel, table=True):
    """One service item's approvals in a save (seed 003: 廉租房申请初审 757 received, 757 on time, 731 approved)."""

    __tablename__ = "self_evaluation_item"
    __table_args__ = (Index("ix_self_evaluation_item_entry", "entry_id", "position"),)
    id: int | None = Field(default=None, primary_key=True)
    entry_id: int = Field(foreign_key="self_evaluation_text.id")
    position: int
    name: str = Field(max_length=200)
    applications: int
    accepted: int | None = None
    on_time: int | None = None
    approved: int | None = None
