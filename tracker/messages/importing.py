"""Wording of importing."""

IMPORTING: dict[str, tuple[str, str]] = {}
