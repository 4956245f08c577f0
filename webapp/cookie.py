"""The sign-in cookie, set and cleared on the ASGI seam (Streamlit's pages can read cookies, not set them).

After a sign-in on the page, the page shows a 1-pixel image `/auth/session?ticket=…&as=image`: the browser fetches
it in the background, the one-time ticket is traded for the session's token (`tracker.access.sessions.claim`),
which comes back as an `HttpOnly; SameSite=Strict` cookie (`Secure` when the app is reached over HTTPS, also behind
a proxy that says so) — the tab goes on at once, signed in, and a reload, a bookmark or a new tab finds the cookie.
Without `as=image` the route sends the browser on to `next` instead (single sign-on comes back that way).
`/auth/signout?next=…` clears the cookie and goes on."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from tracker.access.sessions import COOKIE, claim
from tracker.storage.db import session
from webapp.opened import current_tracker


def safe_next(target: str | None) -> str:
    """A path on this site to go on to ("/" when `target` is missing or would leave the site)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or any(
            c in target for c in "\r\n\\"):
        return "/"
    return target


def _https(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


def session_cookie(request: Request) -> Response:
    """Trade a fresh ticket for the session cookie; answer a transparent pixel (`as=image`) or go on to `next`."""
    response: Response
    if request.query_params.get("as") == "image":
        response = Response(PIXEL, media_type="image/gif")
    else:
        response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    with session(current_tracker().engine) as s:
        token = claim(s, ticket=request.query_params.get("ticket", ""))
    if token is not None:
        response.set_cookie(COOKIE, token, httponly=True, samesite="strict", secure=_https(request), path="/")
    response.headers["Cache-Control"] = "no-store"
    return response


def clear_cookie(request: Request) -> RedirectResponse:
    """Forget the session cookie in this browser (the session itself was ended by the sign-out), then go on."""
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=_https(request))
    response.headers["Cache-Control"] = "no-store"
    return response
