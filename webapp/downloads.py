"""Downloads only for a signed-in browser (issue 15, finding 9): Streamlit serves a download button's file at
`/media/<id>` to anyone holding the address, for minutes after the page made it. This ASGI middleware answers
such a request only when the browser's session cookie names a live session (the same check every page run makes);
images and charts on the pages (also under `/media/`) are served as before."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from tracker.access import sessions
from tracker.storage.db import session
from webapp.opened import current_tracker

MEDIA = "/media/"
REFUSED = "请先登录后再下载 / Sign in to download\n"


def is_download(file_name: str) -> bool:
    """Whether Streamlit holds `file_name` (`<id>.<ext>`) as a download button's file."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.media_file_storage import MediaFileKind

    if not Runtime.exists():
        return False
    manager: Any = Runtime.instance().media_file_mgr
    found = manager.read_file(file_name) if manager.can_read_files else None
    return found is not None and found.kind == MediaFileKind.DOWNLOADABLE


def signed_in(token: str | None) -> bool:
    """Whether the cookie's token names a live session of an active account (idle ones end here, as on a page)."""
    if not token:
        return False
    tracker = current_tracker()
    with session(tracker.engine) as s:
        found = sessions.resume(s, idle=dt.timedelta(minutes=tracker.settings.session_idle_minutes), token=token)
    return found.actor is not None


class DownloadGuard:
    """Refuse `/media/…` downloads to a browser without a live session (403, said in both languages)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] == "http" and path.startswith(MEDIA) and is_download(path[len(MEDIA):]):
            token = Request(scope).cookies.get(sessions.COOKIE)
            if not await run_in_threadpool(signed_in, token):
                response = PlainTextResponse(REFUSED, status_code=403, headers={"Cache-Control": "no-store"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
