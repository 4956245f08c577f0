"""The four roles and what each may do; `require` is the one check every writing function calls.

领导 leader: sees everything, exports. 填报员 reporter: sees everything; uploads only for the units assigned to the
account and the units under them. 规划员 planner: narratives, period locks, register checks, the audit trail, and
everything a reporter may do, for every unit. 管理员 admin: accounts and the audit trail. The command line runs as
the operator (`SYSTEM`, every right) unless it is told to act as a named account.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.errors import TrackerError
from tracker.i18n import Ref
from tracker.register import Register

ROLES = ("leader", "reporter", "planner", "admin")
ACTIONS = ("view", "export", "upload", "narrative", "lock", "register", "audit", "accounts")
PERMISSIONS: dict[str, frozenset[str]] = {
    "leader": frozenset({"view", "export"}),
    "reporter": frozenset({"view", "upload"}),
    "planner": frozenset({"view", "export", "upload", "narrative", "lock", "register", "audit"}),
    "admin": frozenset({"view", "audit", "accounts"}),
    "system": frozenset(ACTIONS),
}
EVERY_UNIT = ("planner", "system")  # roles that upload for any unit


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
        return action in PERMISSIONS.get(self.role, frozenset())


SYSTEM = Actor("system", "system")


def operator(name: str) -> Actor:
    """The command line's operator (every right), named for the audit trail."""
    return Actor(f"cli:{name}"[:64], "system")


def require(actor: Actor, action: str) -> None:
    """AccessDenied unless the actor's role allows the action."""
    if not actor.can(action):
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
