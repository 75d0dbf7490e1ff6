"""The printed permit and its QR link through HTTP: a PDF with the permit's content, frozen at completion with
its SHA-256, printable in any script; a QR link that resolves only for people who may see the permit and that a
project admin can revoke."""

from __future__ import annotations

import hashlib
import io
from typing import Any

from pypdf import PdfReader

from ptw.permits.models import PermitDocument, PermitLink
from ptw.permits.tests.conftest import PATHS, URL, World

QR = "/api/v1/ptw/qr/"


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_the_document_prints_the_permit_and_its_signatures(world: World) -> None:
    permit = world.create(title="Replace gasket on P-101 discharge flange")
    world.walk(permit["id"], PATHS["approved"])
    response = world.client("viewer").get(f"{URL}{permit['id']}/document/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Document-SHA256"] == hashlib.sha256(response.content).hexdigest()
    assert "X-Document-Frozen-At" not in response
    text = pdf_text(response.content)
    for expected in (
        permit["permit_number"],
        "Replace gasket on P-101",
        "Residual pressure",
        "Requested (contractor)",
        "Verified (EPC)",
        "Issued (client)",
        "Iris Client",
    ):
        assert expected in text, expected


def test_the_document_prints_the_type_fields_with_their_labels(world: World) -> None:
    permit = world.create(parameters={"equipment_tag": "P-101A"})
    text = pdf_text(world.client("requester").get(f"{URL}{permit['id']}/document/").content)
    assert "Equipment tag" in text
    assert "P-101A" in text


def test_completion_freezes_the_document(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["completed"])
    frozen = PermitDocument.objects.get(permit_id=permit["id"])
    first = world.client("viewer").get(f"{URL}{permit['id']}/document/")
    second = world.client("requester").get(f"{URL}{permit['id']}/document/")
    assert first.content == second.content == bytes(frozen.pdf)
    assert first["X-Document-SHA256"] == frozen.sha256 == hashlib.sha256(first.content).hexdigest()
    assert first["X-Document-Frozen-At"] == frozen.frozen_at.isoformat()
    assert "Handed back" in pdf_text(first.content)


def test_any_script_prints_with_or_without_the_unicode_fonts(world: World, settings: Any) -> None:
    permit = world.create(title="Замена прокладки — Łódź ≤ 5 bar", hazards="Residual pressure ≤ 2 bar")
    with_fonts = world.client("viewer").get(f"{URL}{permit['id']}/document/")
    assert with_fonts.status_code == 200
    settings.PTW_PDF_FONT_DIR = "/nonexistent"
    without = world.client("viewer").get(f"{URL}{permit['id']}/document/")
    assert without.status_code == 200
    assert "<= 2 bar" in pdf_text(without.content)


def test_outsiders_get_no_document_or_code(world: World) -> None:
    permit = world.create()
    for path in ("document/", "qr/"):
        assert world.client("outsider").get(f"{URL}{permit['id']}/{path}").status_code == 404


def test_the_qr_code_carries_a_stable_opaque_link_that_resolves_in_scope(world: World) -> None:
    permit = world.create()
    svg = world.client("requester").get(f"{URL}{permit['id']}/qr/")
    assert svg.status_code == 200
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.lstrip().startswith(b"<svg")
    png = world.client("requester").get(f"{URL}{permit['id']}/qr/", {"format": "png"})
    assert png.content.startswith(b"\x89PNG")
    assert world.client("requester").get(f"{URL}{permit['id']}/qr/", {"format": "gif"}).status_code == 400
    [link] = PermitLink.objects.filter(permit_id=permit["id"])
    assert svg["X-Permit-Link"] == f"http://127.0.0.1:8000/qr/{link.token}"
    assert len(link.token) >= 32  # 24 random bytes, URL-safe: nothing in it derives from the permit
    resolved = world.client("viewer").get(f"{QR}{link.token}/").json()
    assert resolved == {
        "permit_id": permit["id"],
        "project": permit["project"],
        "permit_number": permit["permit_number"],
    }
    assert world.client("outsider").get(f"{QR}{link.token}/").status_code == 404
    assert world.client("viewer").get(f"{QR}not-a-token/").status_code == 404


def test_a_project_admin_revokes_the_link(world: World) -> None:
    permit = world.create()
    world.client("requester").get(f"{URL}{permit['id']}/qr/")
    old = PermitLink.objects.get(permit_id=permit["id"]).token
    assert world.client("requester").post(f"{URL}{permit['id']}/qr/revoke/").status_code == 403
    assert world.client("admin").post(f"{URL}{permit['id']}/qr/revoke/").status_code == 200
    assert world.client("viewer").get(f"{QR}{old}/").status_code == 404
    new = PermitLink.objects.get(permit_id=permit["id"], revoked_at__isnull=True).token
    assert new != old
    assert world.client("viewer").get(f"{QR}{new}/").json()["permit_id"] == permit["id"]


def test_a_document_that_cannot_be_rendered_does_not_stop_the_hand_back(
    world: World, monkeypatch: Any, caplog: Any
) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["active"])

    def broken(data: dict[str, Any]) -> bytes:
        raise RuntimeError("font cache unreadable")

    monkeypatch.setattr("ptw.permits.services.documents.render_permit_pdf", broken)
    world.walk(permit["id"], [("hand_back", "requester")])
    assert world.act(permit["id"], "complete", "issuer").status_code == 200
    assert not PermitDocument.objects.filter(permit_id=permit["id"]).exists()
    assert f"could not freeze the document of permit {permit['id']}" in caplog.text
