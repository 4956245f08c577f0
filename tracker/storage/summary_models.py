"""Tables of the figures kept ready (tracker/engine/summary.py, tracker/engine/kept_windows.py): the scopes' trend
series, each unit's paired figures per period and each unit's year-to-date windows, kept in step with the values."""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class FigureSummary(SQLModel, table=True):
    """Figures kept ready (tracker/engine/summary.py): a scope's trend series per indicator and month end, kept in
    step with the values in the transaction of every change."""

    __tablename__ = "figure_summary"
    scope: str = Field(primary_key=True, max_length=64)  # "*" the district, else a unit with its children
    key: str = Field(primary_key=True, max_length=64)  # the indicator
    period_end: int = Field(primary_key=True)
    numerator: float | None = None
    denominator: float | None = None
    units: int = 0


class UnitPair(SQLModel, table=True):
    """Figures kept ready (tracker/engine/summary.py): per indicator, unit and period, its numerator and denominator
    paired (what the engine's window and trend queries would pivot from raw rows), kept in step with the values."""

    __tablename__ = "unit_pair"
    __table_args__ = (
        Index("ix_unit_pair_end", "period_end"),  # an import's months made afresh (the engine's reads never use it)
        {"sqlite_with_rowid": False},  # a unit's periods stored together
    )
    unit: str = Field(primary_key=True, max_length=64)
    key: str = Field(primary_key=True, max_length=64)  # the indicator
    period: str = Field(primary_key=True, max_length=8)
    period_start: int
    period_end: int
    agg: str = Field(max_length=8)  # the indicator's aggregation (sum, last, avg)
    numerator: float | None = None
    denominator: float | None = None


class UnitWindow(SQLModel, table=True):
    """Figures kept ready (tracker/engine/kept_windows.py): per year-to-date window (known by its last month), indicator,
    unit and cover, what the window's figures are (`tracker.engine.query.unit_figures` over the district), kept in
    step with the values."""

    __tablename__ = "unit_window"
    __table_args__ = ({"sqlite_with_rowid": False},)  # a window's rows stored together: read as one range
    window_end: int = Field(primary_key=True)  # the window's last month (absolute); it starts in that year's January
    key: str = Field(primary_key=True, max_length=64)  # the indicator
    unit: str = Field(primary_key=True, max_length=64)
    cover: str = Field(primary_key=True, max_length=64)  # the ancestor whose own report covers these periods, or ""
    numerator: float | None = None
    denominator: float | None = None
    periods: int = 0
    last_end: int = 0
