"""Fixtures the page tests share."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def copy_url(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A copy of the demo database of its own, served to the pages (AppTest runs from the project's folder)."""
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("TRACKER_DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    yield url
