"""The four roles and what each may do; `require` is the one check every function that changes something or
produces an export calls (imports, narratives, locks, account changes, exports, backup and restore), so the
pages, the command line and the HTTP API share one rule.

领导 leader: sees everything, exports. 填报员 reporter: sees everything; uploads only for the units assigned to the
account and the units under them, and writes their self-evaluation's own text (自评报告). 规划员 planner: narratives,
the briefing's own text, period locks, register checks, the audit trail, and everything a reporter may do, for every
unit. 管理员 admin: accounts, the audit trail, backup and restore. The
command line runs as the operator (`SYSTEM`, every right) unless it is told to act as a named account.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.core.errors import TrackerError
from tracker.core.i18n import Ref
from tracker.register import Register

ROLES = ("leader", "reporter", "planner", "admin")
ACTIONS = ("view", "export", "upload", "narrative", "briefing_text", "lock", "register", "audit", "accounts", "backup",
           "self_text")
PERMISSIONS: dict[str, frozenset[str]] = {
    "leader": frozenset({"view", "export"}),
    "reporter": frozenset({"view", "upload", "self_text"}),
    "planner": frozenset({"view", "export", "upload", "narrative", "briefing_text", "lock", "register", "audit",
                          "self_text"}),
    "admin": frozenset({"view", "audit", "accounts", "backup"}),
    "system": frozenset(ACTIONS),
}
EVERY_UNIT = ("planner", "system")  # roles that upload (and write a self-evaluation's text) for any unit
UNIT_ACTIONS = ("upload", "self_text")  # actions about one unit: a reporter only for its own units


class AccessDenied(TrackerError):
    """The signed-in account may not do this."""

    key = "access.denied"


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account's name, role and assigned units (codes)."""

    name: str
    role: str
    units: frozenset[str] = field(default_factory=frozenset)
    is_demo: bool = False

    def can(self, action: str) -> bool:
        """Whether the role allows the action (for any unit; `can` below also checks one unit)."""
        return action in PERMISSIONS.get(self.role, frozenset())


SYSTEM = Actor("system", "system")


def operator(name: str) -> Actor:
    """The command line's operator (every right), named for the audit trail."""
    return Actor(f"cli:{name}"[:64], "system")


def can(actor: Actor, action: str, unit: str | None = None, register: Register | None = None) -> bool:
    """Whether the actor may do `action` (for `unit`, when the action is about one: an upload, a unit's own
    self-evaluation text)."""
    if not actor.can(action):
        return False
    if unit is None or action not in UNIT_ACTIONS:
        return True
    assert register is not None, "a unit is checked against the register's tree"
    return may_upload_for(actor, unit, register)


def require(actor: Actor, action: str, unit: str | None = None, register: Register | None = None) -> None:
    """AccessDenied unless the actor may do the action (for the unit, when given)."""
    if not can(actor, action, unit, register):
        raise AccessDenied(user=actor.name, role=Ref(f"role.{actor.role}"), action=Ref(f"action.{action}"))


def upload_units(actor: Actor, register: Register) -> set[str] | None:
    """The units the actor may upload for (None: every unit); empty when it may not upload at all."""
    if not actor.can("upload"):
        return set()
    if actor.role in EVERY_UNIT:
        return None
    allowed: set[str] = set()
    for unit in actor.units:
        if unit in register.units:
            allowed |= {unit, *register.descendants(unit)}
    return allowed


def may_upload_for(actor: Actor, unit: str, register: Register) -> bool:
    allowed = upload_units(actor, register)
    return allowed is None or unit in allowed
