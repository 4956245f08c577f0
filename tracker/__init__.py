"""Planning tracker for a district government-service plan (domain layer, no UI)."""

__version__ = "0.1.0"
