"""A viewer that speaks Streamlit's own protocol (the websocket `/_stcore/stream`, protobuf messages) instead of
driving a browser: what the server receives and sends for one viewer, without a renderer on the same cores.

With eight headless Chromium pages on the two cores that also run the server, the browsers used three times the
server's CPU (measured: 41 s against 12 s for eight sign-ins and reloads), so a browser load test on one machine
measures the browsers. This viewer does what the browser does on the wire, and nothing else:

- sign-in: fetches the page and every script and style sheet it names (a first visit, nothing cached), opens the
  websocket, runs the script (the sign-in form), then submits the form with the account and password as the
  browser's form submit does (the widget ids taken from the form the server sent) and waits until a run has
  finished with the overview's cards; then trades the one-time ticket of the 1-pixel image for the session cookie,
  as the browser does in the background (not timed);
- reload: fetches the page again (its scripts cached, as a browser's are), opens a new websocket sending the cookie,
  runs the script, and waits for the cards.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

OPEN_TIMEOUT = 120.0
LABELS = ("账号", "密码", "登录")  # the sign-in form (zh, the default language)
CARD_BUTTON = "查看详情"


@dataclass
class Run:
    """One script run as the server sent it: its new elements (type, message) and how it finished."""

    elements: list[tuple[str, Any]] = field(default_factory=list)
    status: int = -1

    def count(self, kind: str, label: str) -> int:
        return sum(1 for k, e in self.elements if k == kind and getattr(e, "label", None) == label)

    def ids(self) -> dict[str, str]:
        return {e.label: e.id for _, e in self.elements if getattr(e, "id", "") and getattr(e, "label", "")}

    def image_urls(self) -> list[str]:
        return [img.url for k, e in self.elements if k == "imgs" for img in e.imgs]


def rerun_message(base: str, states: tuple[tuple[str, str, object], ...] = ()) -> bytes:
    """The browser's request to run the script (page and locale as the browser sends them), with widget values."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    message = BackMsg()
    state = message.rerun_script
    state.query_string = ""
    state.page_script_hash = ""
    state.context_info.url = base + "/"
    state.context_info.locale = "zh-CN"
    state.context_info.timezone = "Asia/Shanghai"
    for widget_id, kind, value in states:
        widget = state.widget_states.widgets.add()
        widget.id = widget_id
        setattr(widget, kind, value)
    return message.SerializeToString()


async def next_run(ws: Any) -> Run:
    """Read messages until the script run finishes; its elements and status."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    run = Run()
    while True:
        message = ForwardMsg()
        message.ParseFromString(await ws.recv())
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            name = element.WhichOneof("type")
            run.elements.append((name, getattr(element, name)))
        elif kind == "script_finished":
            run.status = int(message.script_finished)
            return run


FINISHED = 0  # ScriptFinishedStatus.FINISHED_SUCCESSFULLY; a run stopped for a rerun or a page switch is not


async def until_cards(ws: Any, cards: int) -> Run:
    """Runs until one shows the overview's `cards` cards (a sign-in reruns the script to the overview); a run that
    finishes without them is a failure, said with the page's messages."""
    while True:
        run = await next_run(ws)
        if run.count("button", CARD_BUTTON) >= cards:
            return run
        if run.status == FINISHED:
            said = [e.body for k, e in run.elements if k == "alert"]
            raise RuntimeError(f"the page finished without the overview: {said}")


async def fetch_page(client: Any, base: str, *, assets: bool) -> None:
    """GET the page, and with `assets` every script and style sheet it names (a browser with an empty cache)."""
    page = await client.get(base + "/")
    page.raise_for_status()
    if assets:
        for path in re.findall(r'(?:src|href)="(\./static/[^"]+\.(?:js|css))"', page.text):
            (await client.get(f"{base}/{path[2:]}")).raise_for_status()


def _connect(base: str, cookie: str | None, headers: dict[str, str]) -> Any:
    import websockets

    headers = {**headers, "Cookie": cookie} if cookie else headers
    return websockets.connect(base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                              additional_headers=headers, max_size=None, open_timeout=OPEN_TIMEOUT)


async def viewer(base: str, cards: int, account: tuple[str, str], *, address: str | None = None,
                 ) -> tuple[float, float]:
    """One viewer's (sign-in → overview, reload → overview) in seconds. `address`: the viewer's own address as a
    reverse proxy forwards it (X-Forwarded-For; the app believes it only from a trusted proxy)."""
    import httpx

    headers = {"X-Forwarded-For": address} if address else {}
    async with httpx.AsyncClient(timeout=OPEN_TIMEOUT, headers=headers) as client:
        await fetch_page(client, base, assets=True)
        async with _connect(base, None, headers) as ws:
            await ws.send(rerun_message(base))
            form = (await next_run(ws)).ids()
            start = time.perf_counter()
            name, password = account
            await ws.send(rerun_message(base, ((form[LABELS[0]], "string_value", name),
                                               (form[LABELS[1]], "string_value", password),
                                               (form[LABELS[2]], "trigger_value", True))))
            shown = await until_cards(ws, cards)
            signed_in = time.perf_counter() - start
            ticket = next(u for u in shown.image_urls() if "/auth/session?ticket=" in u)
            answer = await client.get(ticket)
            answer.raise_for_status()
            cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
        start = time.perf_counter()
        await fetch_page(client, base, assets=False)
        async with _connect(base, cookie, headers) as ws:
            await ws.send(rerun_message(base))
            await until_cards(ws, cards)
        return signed_in, time.perf_counter() - start
