"""The dashboard served as an ASGI app (Streamlit's `st.App` under uvicorn), with routes of its own.

`python dashboard.py [--server.port N] [--server.address A]` (and `make run`) call `serve`; `uvicorn
webapp.server:app` serves the same app. `/healthz` answers whether the app and its database are up, for a
reverse proxy or a monitor; `/auth/session` and `/auth/signout` set and clear the sign-in cookie
(`webapp.cookie`); `/api/v1/…` is the HTTP API (`webapp.api`); a download button's file under `/media/` goes
only to a browser with a live session (`webapp.downloads`). Once it serves, a thread computes the views visitors
open first whenever the data changes (`webapp.warmup`).
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

import streamlit as st
from sqlalchemy import Engine, text
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import BaseRoute, Route

from tracker.core.settings import ROOT, Settings
from tracker.storage.db import make_engine
from webapp.api import api_routes
from webapp.cookie import clear_cookie, session_cookie
from webapp.downloads import DownloadGuard
from webapp.navigation import ensure_navigation
from webapp.warmup import start as start_warming

SCRIPT = ROOT / "dashboard.py"


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return make_engine(url)


async def healthz(_request: Request) -> JSONResponse:
    """200 {"status": "ok"} when the database answers; 503 with what failed otherwise."""
    try:
        with _engine(Settings.from_env().database_url).connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the database is "down", said as such
        return JSONResponse({"status": "error", "database": type(exc).__name__}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


def routes() -> list[BaseRoute]:
    return [Route("/healthz", healthz, methods=["GET"]),
            Route("/auth/session", session_cookie, methods=["GET"]),
            Route("/auth/signout", clear_cookie, methods=["GET"]),
            *api_routes()]


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Once the runtime is up: the thread that computes the default views when the data changes
    (`webapp.warmup`)."""
    start_warming()
    yield


ensure_navigation()
app = st.App(str(SCRIPT), routes=routes(), middleware=[Middleware(DownloadGuard)], lifespan=lifespan)


def config_from(argv: Sequence[str]) -> dict[str, object]:
    """Streamlit's command-line options (`--server.port 8502`, `--server.address=0.0.0.0`) as a config mapping."""
    out: dict[str, object] = {}
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("--"):
            raise SystemExit(f"unexpected argument: {arg}")
        name, _, value = arg[2:].partition("=")
        if not value:
            i += 1
            if i >= len(args):
                raise SystemExit(f"{arg} needs a value")
            value = args[i]
        out[name] = _value(value)
        i += 1
    return out


def _value(text_value: str) -> object:
    if text_value.lower() in ("true", "false"):
        return text_value.lower() == "true"
    try:
        return int(text_value)
    except ValueError:
        return text_value


def serve(argv: Sequence[str]) -> int:
    """Serve the dashboard until stopped (Ctrl-C). What is imported by now lives as long as the server, so the
    garbage collector stops scanning it (`gc.freeze`): each collection then walks only what page views made."""
    gc.freeze()
    app.run(config=config_from(argv))
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m webapp.server`
    import sys

    sys.exit(serve(sys.argv[1:]))
