"""The checked register kept ready between processes, keyed by what it was made from.

Reading and checking a city's unit register (thousands of units, YAML read with line numbers for the messages)
takes about a second; every `python -m tracker` command and every app process would pay it. `cached_register`
keeps the checked register as a pickle in the data folder's `.cache/`, named by the SHA-256 of both files' bytes,
their paths, this Python and the source of the code that reads and models them — so an edited register, another
file or another version of the tracker is read afresh, never served stale. An invalid register is never kept (it
raises as before); a cache that cannot be written (a read-only folder) or read (damaged, from elsewhere) is
ignored: the files are read instead. The cache is only as trusted as the data folder, which also holds the database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from tracker.core.settings import ROOT
from tracker.register.loading import load_register
from tracker.register.model import Register

CACHE = ROOT / "data" / ".cache"
KEEP = 8
_CODE = (ROOT / "tracker" / "register", ROOT / "tracker" / "core")


def _code_digest() -> str:
    h = hashlib.sha256(sys.version.encode())
    for folder in _CODE:
        for path in sorted(folder.glob("*.py")):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def cache_key(targets_path: Path, units_path: Path) -> str:
    """The SHA-256 naming a checked register: both files' bytes and paths, and the code that reads them."""
    h = hashlib.sha256(_code_digest().encode())
    for path in (targets_path, units_path):
        h.update(str(path.resolve()).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def cached_register(targets_path: Path, units_path: Path, folder: Path = CACHE) -> Register:
    """The checked register of these files: from the cache when made from the same bytes, else read, checked and
    kept (RegisterError when invalid, as `load_register`)."""
    try:
        key = cache_key(targets_path, units_path)
    except OSError:
        return load_register(targets_path, units_path)  # a missing file: load_register says so in its words
    path = folder / f"register-{key}.pickle"
    with contextlib.suppress(Exception):  # damaged, unreadable or from another version: read the files instead
        loaded = pickle.loads(path.read_bytes())
        if isinstance(loaded, Register):
            return loaded
    register = load_register(targets_path, units_path)
    with contextlib.suppress(Exception):  # not kept is only slower
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".register-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(register, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)  # whole or not at all: another process may read it at once
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        _prune(folder, keep=path)
    return register


def _prune(folder: Path, keep: Path, most: int = KEEP) -> None:
    """Keep the newest `most` registers (an edited register leaves its earlier version behind)."""
    kept = sorted(folder.glob("register-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[most:]:
        if old != keep:
            old.unlink(missing_ok=True)
