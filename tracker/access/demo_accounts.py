"""Demo accounts, one per role, created with the sample data on an empty database (never otherwise).

Their passwords are public (shown on the sign-in page, marked as demo): a real deployment creates its own
accounts with `python -m tracker user add` and never loads the demo.
"""

from __future__ import annotations

from sqlmodel import Session

from tracker.access.accounts import add_account, has_accounts
from tracker.access.roles import Actor
from tracker.register import Register

DEMO = Actor("demo", "system")  # who creates the demo accounts, for the audit trail
# name, role, units, password
DEMO_ACCOUNTS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("leader", "leader", (), "demo-leader"),
    ("clerk_chigang", "reporter", ("street_chigang",), "demo-clerk"),
    ("planner", "planner", (), "demo-planner"),
    ("admin", "admin", (), "demo-admin"),
)


def create_demo_accounts(session: Session, register: Register) -> int:
    """The demo accounts, when the database has no account yet and the units exist; the number created."""
    if has_accounts(session):
        return 0
    made = 0
    for name, role, units, password in DEMO_ACCOUNTS:
        if all(u in register.units for u in units):
            add_account(session, register, actor=DEMO, name=name, role=role, password=password, units=list(units),
                        is_demo=True)
            made += 1
    return made
