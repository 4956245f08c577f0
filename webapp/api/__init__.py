"""The HTTP API for other systems (the city's data platform, Excel's Power Query): read-only JSON and CSV under
`/api/v1/`, each call with an API token (`Authorization: Bearer …`), described by `/api/v1/openapi.json`.

The handlers parse the query, check the token and its role through `tracker.access`, and call the same
`tracker.feeds` functions as `python -m tracker progress|scorecard|completeness|values --format json|csv`."""

from webapp.api.routes import api_routes

__all__ = ["api_routes"]
