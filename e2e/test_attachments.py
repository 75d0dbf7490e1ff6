"""Attachments end to end: a requester attaches a JSA photo from the file picker; it shows on the permit with its
thumbnail, and the printed permit lists it."""

from __future__ import annotations

import io
import re

from conftest import PageOpener
from flows import REQUESTER, VERIFIER, ApiSessions, choose_option, expect_image_drawn, open_tab, permit_path, unique
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader
from support import Screenshot


def jsa_photo() -> bytes:
    """A photo of a signed JSA sheet, as a phone camera writes it (with where it was taken)."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (57.0, 8.0, 0.0), 3: "W", 4: (2.0, 5.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (800, 600), "#fff7e6").save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_requester_attaches_a_jsa_photo_and_it_shows_on_the_permit_and_its_print(
    open_page: PageOpener, api: ApiSessions, screenshot: Screenshot
) -> None:
    permit = api(REQUESTER).create_permit(unique("Replace strainer on P-204"))
    name = f"jsa-{permit['id']}.jpg"
    requester = open_page(REQUESTER, width=390)
    requester.goto(permit_path(permit))
    panel = open_tab(requester, "Attachments")
    kind = panel.locator(".ant-select").filter(has=requester.get_by_role("combobox", name="Kind of file"))
    choose_option(requester, kind, "JSA / risk assessment")
    picker = panel.get_by_test_id("attachment-file")
    expect(picker).to_have_attribute("accept", "image/*,application/pdf")
    picker.set_input_files({"name": name, "mimeType": "image/jpeg", "buffer": jsa_photo()})

    item = panel.get_by_role("listitem").filter(has_text=name)
    expect(item).to_be_visible()
    expect(item).to_contain_text("JSA / risk assessment")
    expect(item).to_contain_text(REQUESTER.name)
    expect_image_drawn(item.get_by_role("img", name=f"Thumbnail of {name}"))
    screenshot("attachments-390", requester)

    # The verifier sees it too, and the printed permit lists it with its SHA-256 prefix and uploader.
    listed = api(VERIFIER).send("GET", f"/api/v1/ptw/permits/{permit['id']}/attachments/")["results"]
    assert [(a["original_name"], a["kind"]) for a in listed] == [(name, "jsa")]
    pdf = api(VERIFIER).http.get(f"/api/v1/ptw/permits/{permit['id']}/document/")
    assert pdf.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert re.search(r"Attachments", text)
    assert name in text and listed[0]["sha256"][:12] in text and REQUESTER.name in text
