"""The checked register kept between processes: served when made from the same bytes, read afresh otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import tracker.register.cache as cache
from tracker.core.errors import RegisterError
from tracker.register.cache import cached_register

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    targets, units = tmp_path / "targets.yaml", tmp_path / "units.yaml"
    shutil.copy(ROOT / "targets.yaml", targets)
    shutil.copy(ROOT / "data" / "units.yaml", units)
    return targets, units


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every time the files are really read and checked."""
    seen: list[Path] = []
    real = cache.load_register

    def counting(targets: Path, units: Path):  # type: ignore[no-untyped-def]
        seen.append(units)
        return real(targets, units)

    monkeypatch.setattr(cache, "load_register", counting)
    return seen


def test_the_same_files_are_read_once(files: tuple[Path, Path], reads: list[Path], tmp_path: Path) -> None:
    first = cached_register(*files, folder=tmp_path / "c")
    second = cached_register(*files, folder=tmp_path / "c")
    assert len(reads) == 1  # the second came from the cache
    assert second is not first and sorted(second.units) == sorted(first.units)
    assert sorted(second.all_targets) == sorted(first.all_targets)
    assert len(list((tmp_path / "c").glob("register-*.pickle"))) == 1


def test_an_edited_register_is_read_afresh(files: tuple[Path, Path], reads: list[Path], tmp_path: Path) -> None:
    targets, units = files
    before = cached_register(targets, units, folder=tmp_path / "c")
    some = next(u for u in before.units.values() if u.parent)
    text = units.read_text(encoding="utf-8")
    assert text.count(f"name_zh: {some.name_zh}") == 1
    units.write_text(text.replace(f"name_zh: {some.name_zh}", "name_zh: 新名字街"), encoding="utf-8")
    after = cached_register(targets, units, folder=tmp_path / "c")
    assert len(reads) == 2 and after.units[some.code].name_zh == "新名字街"


def test_an_invalid_register_raises_and_is_not_kept(files: tuple[Path, Path], tmp_path: Path) -> None:
    targets, units = files
    units.write_text("units: [oops\n", encoding="utf-8")
    with pytest.raises(RegisterError):
        cached_register(targets, units, folder=tmp_path / "c")
    assert list((tmp_path / "c").glob("register-*.pickle")) == []


def test_a_damaged_cache_is_read_past(files: tuple[Path, Path], reads: list[Path], tmp_path: Path) -> None:
    cached_register(*files, folder=tmp_path / "c")
    (kept,) = (tmp_path / "c").glob("register-*.pickle")
    kept.write_bytes(b"not a pickle")
    again = cached_register(*files, folder=tmp_path / "c")
    assert len(reads) == 2 and again.units  # read from the files, and kept again
    assert kept.read_bytes() != b"not a pickle"


def test_a_folder_that_cannot_be_written_only_costs_time(files: tuple[Path, Path], reads: list[Path],
                                                        tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert cached_register(*files, folder=blocked / "c").units
    assert cached_register(*files, folder=blocked / "c").units
    assert len(reads) == 2
