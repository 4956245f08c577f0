"""The HTTP API: the same answers as `python -m tracker … --format json|csv` for the same arguments, refused with
401 (no, wrong or revoked token) and 403 (a role without the right), every call audited, its OpenAPI document
valid."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tracker.access.audit import events
from tracker.access.roles import Actor
from tracker.access.tokens import add_token, revoke_token
from tracker.cli.main import main
from tracker.core.settings import Settings
from tracker.storage.db import session
from tracker.storage.opening import open_tracker
from webapp.server import routes

ADMIN = Actor("boss", "admin")


@pytest.fixture
def client(demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    shutil.copy(demo_url.removeprefix("sqlite:///"), tmp_path / "demo.db")
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.setenv("TRACKER_LANG", "zh")
    with TestClient(Starlette(routes=routes())) as c:
        yield c


def token(name: str, role: str) -> str:
    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:
        return add_token(s, actor=ADMIN, name=name, role=role)


def auth(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("query", [
    {"as_of": "2018-06"},
    {"as_of": "2018-06", "window": "month"},
    {"as_of": "2019-12", "window": "plan", "unit": "赤岗街"},      # a unit by its name
    {"as_of": "2019-03", "window": "rolling12", "unit": "centre"},  # a unit with the units under it
    {"as_of": "2019-06", "unit": "type:street"},
    {"as_of": "2025-12", "plan": "14"},                            # a later plan (the 十四五's final month)
])
def test_progress_answers_what_the_command_line_answers(client: TestClient, capsys: pytest.CaptureFixture[str],
                                                        query: dict[str, str]) -> None:
    secret = token("pq", "leader")
    args = ["progress", "--as-of", query["as_of"], "--window", query.get("window", "ytd")]
    args += ["--unit", query["unit"]] if "unit" in query else []
    args += ["--plan", query["plan"]] if "plan" in query else []
    answer = client.get("/api/v1/progress", params=query, headers=auth(secret))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    assert answer.json() == json.loads(cli(capsys, *args, "--format", "json"))
    as_csv = client.get("/api/v1/progress.csv", params=query, headers=auth(secret))
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_csv.text == cli(capsys, *args, "--format", "csv")
    assert client.get("/api/v1/progress", params={**query, "format": "csv"}, headers=auth(secret)).text == as_csv.text
    if "plan" in query:  # the 十四五's eleven targets (and indicators without one), none of another plan's
        targets = [r["target"] for r in answer.json() if r["target"]]
        assert len(targets) == 11 and "zero_visit_share_2025" in targets and "zero_visit_share" not in targets


def test_the_other_answers_match_their_commands(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    secret = token("platform", "planner")
    card = client.get("/api/v1/scorecard", params={"as_of": "2018-06", "unit": "type:street"}, headers=auth(secret))
    assert card.json() == json.loads(cli(capsys, "scorecard", "--as-of", "2018-06", "--unit", "type:street",
                                         "--format", "json"))
    units = {r["unit"] for r in card.json()}
    assert len(units) == 18 and "street_chigang" in units  # data/units.yaml lists 18 street centres
    period = client.get("/api/v1/completeness.csv", params={"period": "2019-06"}, headers=auth(secret))
    assert period.text == cli(capsys, "completeness", "--period", "2019-06", "--format", "csv")
    values = client.get("/api/v1/values", params={"unit": "赤岗街", "metric": "受理量", "from": "2019-01",
                                                  "to": "2019-03"}, headers=auth(secret))
    assert values.json() == json.loads(cli(capsys, "values", "--unit", "赤岗街", "--metric", "受理量", "--from",
                                           "2019-01", "--to", "2019-03", "--format", "json"))
    assert [(v["period"], v["metric"]) for v in values.json()] == [("2019-01", "accepted"), ("2019-02", "accepted"),
                                                                  ("2019-03", "accepted")]


def test_no_wrong_or_revoked_token_is_401(client: TestClient) -> None:
    secret = token("old", "leader")
    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:
        revoke_token(s, actor=ADMIN, name="old")
    for headers in ({}, auth("trk_made-up"), auth(secret), {"Authorization": f"Basic {secret}"}):
        answer = client.get("/api/v1/progress", params={"as_of": "2018-06"}, headers=headers)
        assert answer.status_code == 401, headers
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json() == {"error": "缺少接口令牌，或令牌无效、已吊销", "status": 401}


def test_a_role_without_the_right_is_403(client: TestClient) -> None:
    clerk = token("clerks", "reporter")  # a reporter may view, not export the raw values
    assert client.get("/api/v1/progress", params={"as_of": "2018-06"}, headers=auth(clerk)).status_code == 200
    answer = client.get("/api/v1/values", params={"lang": "en"}, headers=auth(clerk))
    assert answer.status_code == 403
    assert answer.json()["error"] == ('The account "token:clerks" (reporter) may not export documents; '
                                      'ask an administrator if it should')


@pytest.mark.parametrize(("query", "message"), [
    ({}, "缺少参数 as_of"),
    ({"as_of": "2018Q2"}, "参数 as_of 的值“2018Q2”无效：请写成 2018-06"),
    ({"as_of": "2018-06", "window": "week"}, "参数 window 的值“week”无效：可选：month, quarter, half_year, year, "
                                             "ytd, plan, rolling12"),
    ({"as_of": "2018-06", "unit": "火星街"}, None),
    ({"as_of": "2018-06", "format": "xml"}, "参数 format 的值“xml”无效：可选：json, csv"),
])
def test_a_parameter_it_cannot_use_is_400_and_named(client: TestClient, query: dict[str, str],
                                                    message: str | None) -> None:
    answer = client.get("/api/v1/progress", params=query, headers=auth(token("pq", "leader")))
    assert answer.status_code == 400
    assert answer.json()["error"] == message if message else "火星街" in answer.json()["error"]


def test_every_call_is_audited(client: TestClient) -> None:
    secret = token("pq", "leader")
    client.get("/api/v1/progress", params={"as_of": "2018-06"}, headers=auth(secret))
    client.get("/api/v1/values", headers=auth(secret))
    client.get("/api/v1/progress")
    t = open_tracker(Settings.from_env())
    with session(t.engine) as s:
        calls = events(s, action="api_call")
    assert calls["user"].tolist() == ["token:?", "token:pq", "token:pq"]  # newest first
    assert calls["subject"].tolist() == ["/api/v1/progress", "/api/v1/values", "/api/v1/progress"]
    assert [json.loads(d)["status"] for d in calls["detail"]] == [401, 200, 200]
    assert json.loads(calls["detail"].iloc[2])["query"] == "as_of=2018-06"


def test_the_openapi_document_is_served_and_valid(client: TestClient) -> None:
    from openapi_spec_validator import validate

    answer = client.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    document = answer.json()
    validate(document)
    assert set(document["paths"]) == {"/progress", "/scorecard", "/completeness", "/values"}


def test_an_unknown_endpoint_is_404(client: TestClient) -> None:
    assert client.get("/api/v1/nothing").status_code == 404
