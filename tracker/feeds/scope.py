"""How the command line and the API name a scope: `district`, `type:street`, or a unit by code, name or alias."""

from __future__ import annotations

from tracker.core.errors import TrackerError, UnknownUnit
from tracker.register import Register


def named_unit(register: Register, text: str) -> str:
    """The unit a user named by its code, name or alias (simplified or traditional); UnknownUnit otherwise."""
    from tracker.importer.matching import Matcher

    code, _ = Matcher(register).unit(text)
    if code is None:
        raise UnknownUnit(unit=text)
    return code


def scope_unit(register: Register, text: str | None) -> str | None:
    """None for the district; `type:KIND` for every unit of a kind (checked); else a unit's code."""
    if not text or text == "district":
        return None
    if text.startswith("type:"):
        kinds = sorted({u.type for u in register.units.values()})
        if text[5:] not in kinds:
            raise TrackerError("feeds.bad_type", value=text[5:], allowed=", ".join(kinds))
        return text
    return named_unit(register, text)


def named_metric(register: Register, text: str) -> str:
    """The metric a user named by its code, name or alias; TrackerError naming the fix otherwise."""
    from tracker.importer.matching import Matcher

    code = text if text in register.metrics else Matcher(register).metric(text)
    if code is None:
        raise TrackerError("import.unknown_metric", value=text)
    return code
