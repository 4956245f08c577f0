"""All user-facing wording, zh and en, keyed by a dotted name."""

from tracker.messages.access import ACCESS
from tracker.messages.analysis import ANALYSIS
from tracker.messages.cli import CLI
from tracker.messages.document_details import DOCUMENT_DETAILS
from tracker.messages.documents import DOCUMENTS
from tracker.messages.importing import IMPORTING
from tracker.messages.office_text import OFFICE_TEXT
from tracker.messages.progress import PROGRESS
from tracker.messages.register import REGISTER
from tracker.messages.reports import REPORTS
from tracker.messages.safety import SAFETY
from tracker.messages.selfeval_items import SELFEVAL_ITEMS
from tracker.messages.sessions import SESSIONS
from tracker.messages.storage import STORAGE
from tracker.messages.summary import SUMMARY
from tracker.messages.ui import UI
from tracker.messages.versions import VERSIONS

CATALOGUE: dict[str, tuple[str, str]] = {**REGISTER, **IMPORTING, **PROGRESS, **UI, **CLI, **REPORTS, **ACCESS,
                                         **SESSIONS, **VERSIONS, **STORAGE, **SAFETY, **DOCUMENTS, **ANALYSIS,
                                         **SUMMARY, **DOCUMENT_DETAILS, **OFFICE_TEXT, **SELFEVAL_ITEMS}
