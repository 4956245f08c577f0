"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json (and validated in the tests)."""

from __future__ import annotations

from typing import Any

from tracker.engine.progress import JSON_KEYS
from tracker.engine.windows import WINDOW_KINDS
from tracker.feeds.answers import SCORECARD_COLUMNS, VALUE_KEYS


def _param(name: str, description: str, *, required: bool = False, enum: list[str] | None = None,
           example: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if enum:
        schema["enum"] = enum
    out: dict[str, Any] = {"name": name, "in": "query", "required": required, "description": description,
                           "schema": schema}
    if example:
        out["example"] = example
    return out


FORMAT = _param("format", "json (default) or csv; /NAME.csv and /NAME.json say the same", enum=["json", "csv"])
LANG = _param("lang", "language of names and messages (zh by default, or TRACKER_LANG)", enum=["zh", "en"])
AS_OF = _param("as_of", "the as-of month", required=True, example="2018-06")
WINDOW = _param("window", "the time window (default ytd)", enum=list(WINDOW_KINDS))
PLAN = _param("plan", "the plan's code (13, 14, 15 …; default: the plan holding the as-of month)", example="14")
SCOPE = _param("unit", "district (default), type:KIND (type:street), or a unit's code, name or alias",
               example="赤岗街")


def _row(keys: tuple[str, ...] | list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": {k: {} for k in keys}}


def _operation(summary: str, params: list[dict[str, Any]], schema: dict[str, Any], right: str) -> dict[str, Any]:
    error = {"$ref": "#/components/schemas/Error"}
    return {"get": {
        "summary": summary,
        "description": f"Needs a token whose role may {right}.",
        "parameters": [*params, FORMAT, LANG],
        "security": [{"bearer": []}],
        "responses": {
            "200": {"description": "the answer", "content": {
                "application/json": {"schema": schema},
                "text/csv": {"schema": {"type": "string"}}}},
            "400": {"description": "a parameter that cannot be used (named, with the fix)",
                    "content": {"application/json": {"schema": error}}},
            "401": {"description": "no token, or an unknown or revoked one",
                    "content": {"application/json": {"schema": error}}},
            "403": {"description": "the token's role may not read this",
                    "content": {"application/json": {"schema": error}}},
        }}}


def openapi_document() -> dict[str, Any]:
    """The API described for client generators and for people (OpenAPI 3.1)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Haizhu plan tracker API", "version": "1",
                 "description": "Read-only figures of the plan tracker: the same answers as python -m tracker "
                                "progress|scorecard|completeness|values --format json|csv. Every call needs "
                                "Authorization: Bearer TOKEN (python -m tracker token add NAME --role ROLE)."},
        "servers": [{"url": "/api/v1"}],
        "paths": {
            "/progress": _operation("Every target and indicator for an as-of month, window and scope",
                                    [AS_OF, WINDOW, SCOPE, PLAN], {"type": "array", "items": _row(JSON_KEYS)}, "view"),
            "/scorecard": _operation("Each unit under a scope × each target: value, status, change",
                                     [AS_OF, WINDOW, SCOPE, PLAN], {"type": "array", "items": _row(SCORECARD_COLUMNS)},
                                     "view"),
            "/completeness": _operation(
                "Who has reported for a period: expected, received, on time, late, missing per unit",
                [_param("period", "a month, quarter or year", required=True, example="2019-06")],
                {"type": "object", "properties": {
                    k: {} for k in ("period", "deadline", "expected", "received", "on_time", "reporting_rate",
                                    "on_time_rate", "units")}}, "view"),
            "/values": _operation(
                "The current stored values, by unit, metric and a range of periods",
                [_param("unit", "a unit's code, name or alias"), _param("metric", "a metric's code or name"),
                 _param("from", "first period", example="2019-01"), _param("to", "last period", example="2019-06")],
                {"type": "array", "items": _row(VALUE_KEYS)}, "export documents"),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {"type": "object", "required": ["error", "status"], "properties": {
                "error": {"type": "string"}, "status": {"type": "integer"}}}},
        },
    }
