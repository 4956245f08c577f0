"""All user-facing wording, zh and en, keyed by a dotted name."""

from tracker.messages.access import ACCESS
from tracker.messages.cli import CLI
from tracker.messages.importing import IMPORTING
from tracker.messages.progress import PROGRESS
from tracker.messages.register import REGISTER
from tracker.messages.reports import REPORTS
from tracker.messages.ui import UI

CATALOGUE: dict[str, tuple[str, str]] = {**REGISTER, **IMPORTING, **PROGRESS, **UI, **CLI, **REPORTS, **ACCESS}
