"""The API's routes: one small handler per answer, all through `_answer` (token, right, query, format, audit)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from tracker.access.roles import AccessDenied, Actor, require
from tracker.access.tokens import BadToken, record_call, token_actor
from tracker.core.errors import TrackerError
from tracker.core.i18n import Lang, as_lang, msg
from tracker.core.periods import parse_period
from tracker.core.settings import Settings
from tracker.engine.windows import WINDOW_KINDS
from tracker.feeds import (
    Answer,
    completeness_answer,
    progress_answer,
    scope_unit,
    scorecard_answer,
    values_answer,
)
from tracker.feeds.scope import named_metric, named_unit
from tracker.register import Register
from tracker.storage.db import session
from webapp.api.openapi import openapi_document
from webapp.opened import current_tracker

FORMATS = ("json", "csv")
Maker = Callable[[Session, Register, "Query"], Answer]


class BadQuery(TrackerError):
    """A query parameter the API cannot use (HTTP 400)."""

    key = "api.bad_param"


@dataclass(frozen=True)
class Query:
    """The call's query parameters, read and checked one by one (a BadQuery names the parameter and the fix)."""

    params: dict[str, str]
    lang: Lang

    def text(self, name: str) -> str | None:
        return self.params.get(name) or None

    def required(self, name: str) -> str:
        value = self.text(name)
        if value is None:
            raise TrackerError("api.missing_param", name=name)
        return value

    def month(self, name: str) -> str:
        value = self.required(name)
        try:
            period = parse_period(value)
        except TrackerError:
            period = None
        if period is None or period.kind != "month":
            raise BadQuery(name=name, value=value, fix=msg("api.fix_month", self.lang))
        return period.code

    def period(self, name: str, *, required: bool = False) -> str | None:
        value = self.required(name) if required else self.text(name)
        if value is None:
            return None
        try:
            return parse_period(value).code
        except TrackerError:
            raise BadQuery(name=name, value=value, fix=msg("api.fix_period", self.lang)) from None

    def choice(self, name: str, allowed: Sequence[str], default: str) -> str:
        value = self.text(name) or default
        if value not in allowed:
            raise BadQuery(name=name, value=value, fix=msg("api.fix_choice", self.lang, allowed=", ".join(allowed)))
        return value


def _error(status: int, text: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": text, "status": status}, status_code=status, headers=headers)


def _bearer(request: Request) -> str | None:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def _respond(answer: Answer, fmt: str, name: str) -> Response:
    if fmt == "csv":
        return Response(answer.csv().encode("utf-8"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'inline; filename="{name}.csv"'})
    return Response(answer.json().encode("utf-8"), media_type="application/json")


def _answer(request: Request, name: str, action: str, make: Maker) -> Response:
    """Check the token and its role, read the query, make the answer in the asked format; audit the call."""
    settings = Settings.from_env()
    lang = as_lang(request.query_params.get("lang") or settings.lang)
    query = Query(dict(request.query_params), lang)
    fmt = request.path_params.get("suffix") or query.params.get("format") or "json"
    tracker = current_tracker()
    actor: Actor | None = None
    with session(tracker.engine) as s:
        try:
            actor = token_actor(s, secret=_bearer(request))
            require(actor, action)
            if fmt not in FORMATS:
                raise BadQuery(name="format", value=fmt, fix=msg("api.fix_choice", lang, allowed=", ".join(FORMATS)))
            response = _respond(make(s, tracker.register, query), fmt, name)
        except BadToken as exc:
            response = _error(401, exc.text(lang))
        except AccessDenied as exc:
            response = _error(403, exc.text(lang))
        except TrackerError as exc:
            response = _error(400, exc.text(lang))
        record_call(s, actor=actor, path=request.url.path, query=request.url.query, status=response.status_code)
    return response


def _progress(s: Session, reg: Register, q: Query) -> Answer:
    return progress_answer(session=s, register=reg, as_of=q.month("as_of"),
                           window=q.choice("window", WINDOW_KINDS, "ytd"), unit=scope_unit(reg, q.text("unit")),
                           plan=q.text("plan"))


def _scorecard(s: Session, reg: Register, q: Query) -> Answer:
    return scorecard_answer(session=s, register=reg, as_of=q.month("as_of"),
                            window=q.choice("window", WINDOW_KINDS, "ytd"), unit=scope_unit(reg, q.text("unit")),
                            lang=q.lang, plan=q.text("plan"))


def _completeness(s: Session, reg: Register, q: Query) -> Answer:
    period = q.period("period", required=True)
    assert period is not None
    return completeness_answer(session=s, register=reg, period=period, lang=q.lang)


def _values(s: Session, reg: Register, q: Query) -> Answer:
    unit, metric = q.text("unit"), q.text("metric")
    return values_answer(session=s, register=reg, unit=named_unit(reg, unit) if unit else None,
                         metric=named_metric(reg, metric) if metric else None, start=q.period("from"),
                         end=q.period("to"))


ENDPOINTS: dict[str, tuple[str, Maker]] = {  # name: the right it needs, what makes its answer
    "progress": ("view", _progress),
    "scorecard": ("view", _scorecard),
    "completeness": ("view", _completeness),
    "values": ("export", _values),  # the raw figures, as a document export gives them
}


def _handler(name: str) -> Callable[[Request], Response]:
    action, make = ENDPOINTS[name]

    def handle(request: Request) -> Response:
        return _answer(request, name, action, make)

    handle.__name__ = name
    return handle


def openapi(_request: Request) -> JSONResponse:
    return JSONResponse(openapi_document())


def not_found(request: Request) -> JSONResponse:
    lang = as_lang(request.query_params.get("lang") or Settings.from_env().lang)
    return _error(404, msg("api.not_found", lang))


def api_routes() -> list[BaseRoute]:
    """Everything under /api/v1: each answer as /NAME (format=json|csv) and /NAME.json, /NAME.csv."""
    inner: list[BaseRoute] = [Route("/openapi.json", openapi, methods=["GET"])]
    for name in ENDPOINTS:
        inner += [Route(f"/{name}", _handler(name), methods=["GET"]),
                  Route(f"/{name}.{{suffix}}", _handler(name), methods=["GET"])]
    inner.append(Route("/{rest:path}", not_found, methods=["GET"]))
    return [Mount("/api/v1", routes=inner)]
