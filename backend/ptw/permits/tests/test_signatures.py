"""Signatures bound to content: required on signed acts, voided by edits and resubmission."""

from __future__ import annotations

import base64
import struct
import zlib
from collections.abc import Callable
from typing import Any

import pytest

from ptw.permits.models import Permit, PermitSignature
from ptw.permits.tests.conftest import PATHS, URL, World


def png_data_url(width: int = 2, height: int = 1) -> str:
    """A real PNG image (white pixels) as a data URL, as a signature pad sends it."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(height)))
    image = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(image).decode()


def signatures(world: World, permit_id: int) -> list[dict[str, Any]]:
    return world.client("viewer").get(f"{URL}{permit_id}/signatures/").json()


@pytest.mark.parametrize(
    ("signature", "message"),
    [
        (None, "Sign to submit: type your full name."),
        ({"method": "typed", "data": "Somebody Else"}, "Type your full name as registered: Ravi Contractor."),
        ({"method": "drawn", "data": "data:image/gif;base64,AAAA"}, "A drawn signature must be a PNG data URL"),
        ({"method": "drawn", "data": "data:image/png;base64," + "A" * 200_001}, None),
        ({"method": "drawn", "data": "data:image/png;base64,AAAA"}, "A drawn signature must be a PNG data URL"),
        ({"method": "drawn", "data": "data:image/png;base64,iVBORw0KGgo="}, "A drawn signature must be a PNG"),
        ({"method": "drawn", "data": "data:image/png;base64,iVBOR w0KGgo="}, "A drawn signature must be a PNG"),
        ({"method": "drawn", "data": png_data_url(0, 1)}, "A drawn signature must be a PNG data URL"),
        ({"method": "drawn", "data": png_data_url()[:-8]}, "A drawn signature must be a PNG data URL"),
    ],
    ids=["missing", "other-name", "gif", "too-long", "not-png", "magic-only", "not-base64", "empty-image", "cut"],
)
def test_a_signed_act_needs_a_valid_signature(world: World, signature: Any, message: str | None) -> None:
    permit = world.create()
    body = {"signature": signature} if signature else {}
    response = world.client("requester").post(f"{URL}{permit['id']}/submit/", body, format="json")
    assert response.status_code == 400
    assert "signature" in response.json()["error"]["fields"]
    if message:
        assert response.json()["error"]["fields"]["signature"][0].startswith(message)
    assert Permit.objects.get(pk=permit["id"]).status == "draft"
    assert not PermitSignature.objects.exists()


def test_each_signed_act_stores_signer_role_method_and_content_hash(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["completed"])
    rows = signatures(world, permit["id"])
    assert [(r["action"], r["signer"]["name"], r["role"], r["method"], r["valid"]) for r in rows] == [
        ("submit", "Ravi Contractor", "requester", "typed", True),
        ("verify", "Vera EPC", "verifier", "typed", True),
        ("approve", "Iris Client", "issuer", "typed", True),
        ("activate", "Ravi Contractor", "requester", "typed", True),
        ("hand_back", "Ravi Contractor", "requester", "typed", True),
        ("complete", "Iris Client", "issuer", "typed", True),
    ]
    assert len({r["content_hash"] for r in rows}) == 1
    assert all(len(r["content_hash"]) == 64 for r in rows)


def test_a_drawn_signature_is_accepted(world: World) -> None:
    permit = world.create()
    drawn = {"method": "drawn", "data": png_data_url()}
    response = world.act(permit["id"], "submit", "requester", signature=drawn)
    assert response.status_code == 200
    [row] = signatures(world, permit["id"])
    assert (row["method"], row["data"]) == ("drawn", drawn["data"])


def test_a_typed_name_matches_in_any_case_and_spacing(world: World) -> None:
    permit = world.create()
    typed = {"method": "typed", "data": "  ravi   CONTRACTOR "}
    assert world.act(permit["id"], "submit", "requester", signature=typed).status_code == 200
    [row] = signatures(world, permit["id"])
    assert (row["method"], row["data"]) == ("typed", "ravi   CONTRACTOR")


def test_resubmission_voids_the_earlier_signatures(world: World, permit_in: Callable[[str], dict[str, Any]]) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier"), ("reject", "issuer")])
    world.walk(permit["id"], [("resubmit", "requester")])
    rows = signatures(world, permit["id"])
    assert [(r["action"], r["valid"], r["void_reason"]) for r in rows] == [
        ("submit", False, "permit resubmitted"),
        ("verify", False, "permit resubmitted"),
        ("resubmit", True, ""),
    ]


def test_an_edit_after_submit_voids_the_signatures(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("submit", "requester"), ("reject", "verifier")])
    version = Permit.objects.get(pk=permit["id"]).version
    edit = world.client("requester").patch(
        f"{URL}{permit['id']}/", {"hazards": "Also: hot surfaces"}, format="json", HTTP_IF_MATCH=f'"{version}"'
    )
    assert edit.status_code == 200
    rows = signatures(world, permit["id"])
    assert [(r["action"], r["valid"], r["void_reason"]) for r in rows] == [
        ("submit", False, "permit edited after signing")
    ]
