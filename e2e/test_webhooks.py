"""Webhook administration end to end: a project admin registers a receiver and sees its secret once, a test
ping and a permit event reach the receiver signed with that secret, and the delivery log shows them; a viewer
only reads. The receiver is a local HTTP server this test starts."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from conftest import PageOpener
from flows import ADMIN, REQUESTER, VIEWER, ApiSessions, unique
from playwright.sync_api import expect
from standardwebhooks import Webhook
from support import Screenshot


class Receiver:
    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], str]] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(
                    int(self.headers.get("content-length", "0"))
                ).decode()
                received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/ptw/{unique('hook').replace(' ', '-')}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verified(self, secret: str) -> list[dict[str, Any]]:
        return [
            Webhook(secret).verify(body, headers) for headers, body in self.received
        ]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_admin_registers_a_receiver_that_gets_signed_events(
    open_page: PageOpener, api: ApiSessions, receiver: Receiver, screenshot: Screenshot
) -> None:
    project = api(ADMIN).project["id"]
    admin = open_page(ADMIN)
    admin.goto(f"/webhooks?project={project}")
    expect(admin.get_by_role("heading", level=1, name="Webhooks")).to_be_visible()
    admin.get_by_role("button", name="New endpoint").click()
    dialog = admin.get_by_role("dialog", name="New webhook endpoint")
    dialog.get_by_label("URL", exact=True).fill(receiver.url)
    dialog.get_by_label("Description", exact=True).fill("Control-room display")
    dialog.get_by_role("checkbox", name="permit.submitted").check()
    dialog.get_by_role("button", name="Create").click()

    secret_dialog = admin.get_by_role("dialog").filter(has_text="Signing secret")
    secret = (
        secret_dialog.locator("code")
        .filter(has_text=re.compile(r"^whsec_"))
        .inner_text()
    )
    expect(
        secret_dialog.get_by_text(
            "Copy it now: PTW will not show it again.", exact=False
        )
    ).to_be_visible()
    screenshot("secret", admin)
    secret_dialog.get_by_role("button", name="Done").click()
    expect(secret_dialog).to_be_hidden()

    endpoints = admin.get_by_role("table", name="Webhook endpoints")
    row = endpoints.get_by_role("row").filter(has_text=receiver.url)
    expect(row).to_contain_text("Enabled")
    row.get_by_role("button", name=f"Send test: {receiver.url}").click()
    expect(
        admin.get_by_role("status").filter(
            has_text=f"Test ping queued for {receiver.url}."
        )
    ).to_be_visible()

    permit = api(REQUESTER).create_permit(unique("Webhook check: replace gasket"))
    api(REQUESTER).act(permit, "submit")

    payloads = receiver.verified(secret)
    assert [p["type"] for p in payloads] == ["webhook.test", "permit.submitted"]
    assert payloads[1]["data"]["permit_number"] == permit["permit_number"]
    assert payloads[1]["data"]["version"] == 2

    admin.reload()
    row = (
        admin.get_by_role("table", name="Webhook endpoints")
        .get_by_role("row")
        .filter(has_text=receiver.url)
    )
    row.get_by_role("link", name=f"Deliveries: {receiver.url}").click()
    deliveries = admin.get_by_role("table", name="Deliveries")
    expect(
        deliveries.get_by_role("row").filter(has_text="permit.submitted")
    ).to_contain_text("Succeeded")
    expect(
        deliveries.get_by_role("row").filter(has_text="webhook.test")
    ).to_contain_text("Succeeded")
    screenshot("deliveries", admin)

    viewer = open_page(VIEWER)
    viewer.goto(f"/webhooks?project={project}")
    listed = (
        viewer.get_by_role("table", name="Webhook endpoints")
        .get_by_role("row")
        .filter(has_text=receiver.url)
    )
    expect(listed).to_be_visible()
    expect(viewer.get_by_role("button", name="New endpoint")).to_have_count(0)
    expect(
        viewer.get_by_role("button", name=f"Send test: {receiver.url}")
    ).to_have_count(0)
