"""The pages each role sees, where each role lands, and Streamlit's navigation mode."""

from __future__ import annotations

from tracker.access.roles import Actor

PAGES: list[tuple[str, str, str, bool, str | tuple[str, ...]]] = [  # path, title, icon, default, the action (or
    # any of the actions) a role needs to see it
    ("pages/overview.py", "nav.overview", ":material/dashboard:", False, "view"),
    ("pages/targets.py", "nav.targets", ":material/flag:", False, "view"),
    ("pages/target_detail.py", "nav.detail", ":material/query_stats:", False, "view"),
    ("pages/units.py", "nav.units", ":material/apartment:", False, "view"),
    ("pages/upload.py", "nav.upload", ":material/upload_file:", False, "upload"),
    ("pages/completeness.py", "nav.completeness", ":material/fact_check:", False, "view"),
    ("pages/history.py", "nav.history", ":material/history:", False, "view"),
    # 导出: those who export; a unit's clerk too, for its own self-evaluation text only (pages/export.py)
    ("pages/export.py", "nav.export", ":material/download:", False, ("export", "self_text")),
    ("pages/register.py", "nav.register", ":material/menu_book:", False, "register"),
    ("pages/locks.py", "nav.locks", ":material/lock:", False, "lock"),
    ("pages/audit.py", "nav.audit", ":material/policy:", False, "audit"),
    ("pages/accounts.py", "nav.accounts", ":material/manage_accounts:", False, "accounts"),
]


LANDING = {"reporter": "pages/upload.py", "admin": "pages/accounts.py"}  # leaders and planners: the overview


def landing(who: Actor) -> str:
    """The page the site's address opens for the account: a clerk's 数据报送 (its units this month), an
    administrator's 账号管理, everyone else's 总览."""
    return LANDING.get(who.role, "pages/overview.py")


def may_open(who: Actor, action: str | tuple[str, ...]) -> bool:
    """Whether the account's role allows the action, or any of them."""
    return any(who.can(a) for a in ((action,) if isinstance(action, str) else action))


def pages_for(who: Actor) -> list[tuple[str, str, str, bool]]:
    """The pages the account's role may open (path, title key, icon, default), its landing page first; the
    others are not served. Every page keeps its own address (/overview, /upload …); the site's own address
    (a hidden home page, dashboard.py) opens the landing page."""
    mine = [(path, key, icon, default) for path, key, icon, default, action in PAGES if may_open(who, action)]
    first = landing(who)
    return sorted(mine, key=lambda page: page[0] != first)



def ensure_navigation() -> None:
    """Use dashboard.py's st.navigation, never Streamlit's legacy `pages/` folder mode.

    Streamlit switches to its legacy multipage mode whenever a folder named `pages` sits next to the entry
    script, until the entry script has called st.navigation once; this turns it off before the first visitor.
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
