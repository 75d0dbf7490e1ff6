"""Attachments through the API: judged by content, limited in size, served only in scope, append-only after
submission, required by a type before submit, listed on the printed permit."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfReader

from ptw.permits.models import PermitAttachment, PermitEvent
from ptw.permits.tests.conftest import URL, World
from ptw.permits.uploads import EXIF_GPS_IFD

# the permit in scope with its type (joined) and its people (one query), the count, the page with its uploaders
LIST_QUERIES = 4


HOT_WORK = {"hot_work_kind": "Welding", "fire_watcher": "Samuel Osei"}


def photo(name: str = "locks.jpg", *, gps: bool = True, orientation: int = 6) -> SimpleUploadedFile:
    """A JPEG as a phone writes it: sideways with an orientation tag, the camera's name and where it was taken."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneCam"
    if gps:
        exif[EXIF_GPS_IFD] = {1: "N", 2: (57.0, 8.0, 0.0), 3: "W", 4: (2.0, 5.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (64, 32), "orange").save(out, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, out.getvalue(), "image/jpeg")


def pdf_of(size: int, name: str = "method.pdf") -> SimpleUploadedFile:
    head = b"%PDF-1.4\n"
    return SimpleUploadedFile(name, head + b"0" * (size - len(head)), "application/pdf")


def upload(world: World, permit_id: int, file: Any, who: str = "requester", **fields: Any) -> Any:
    return world.client(who).post(f"{URL}{permit_id}/attachments/", {"file": file, "kind": "photo", **fields})


def stored_names() -> list[str]:
    return sorted(PermitAttachment.objects.values_list("file", flat=True))


def test_a_photo_is_reencoded_upright_without_its_location_and_served_only_through_the_api(world: World) -> None:
    permit = world.create()
    response = upload(world, permit["id"], photo())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["content_type"], body["original_name"]) == ("photo", "image/jpeg", "locks.jpg")
    assert body["uploaded_by"]["id"] == world["requester"].id
    content = world.client("verifier").get(body["content_url"])
    assert content.status_code == 200
    raw = b"".join(content.streaming_content)
    assert content["Content-Type"] == "image/jpeg"
    assert content["X-Content-Type-Options"] == "nosniff"
    assert hashlib.sha256(raw).hexdigest() == body["sha256"] and len(raw) == body["size"]
    with Image.open(io.BytesIO(raw)) as image:
        assert image.size == (32, 64)  # the orientation applied
        assert not image.getexif().get_ifd(EXIF_GPS_IFD)
        assert dict(image.getexif()) == {}
    thumb = world.client("viewer").get(body["thumbnail_url"])
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    event = PermitEvent.objects.filter(permit_id=permit["id"]).latest("seq")
    assert (event.action, event.comment) == ("attachment_added", "Photo: locks.jpg")


def test_the_uploader_may_keep_the_location(world: World) -> None:
    permit = world.create()
    body = upload(world, permit["id"], photo(), keep_location="true").json()
    raw = b"".join(world.client("requester").get(body["content_url"]).streaming_content)
    with Image.open(io.BytesIO(raw)) as image:
        assert image.getexif().get_ifd(EXIF_GPS_IFD)[1] == "N"
    assert body["keep_location"] is True


def test_a_pdf_is_stored_as_sent_and_downloaded_as_an_attachment(world: World) -> None:
    permit = world.create()
    sent = pdf_of(2000)
    body = upload(world, permit["id"], sent, kind="method_statement").json()
    assert body["content_type"] == "application/pdf" and body["thumbnail_url"] is None
    content = world.client("issuer").get(body["content_url"])
    assert content["Content-Disposition"].startswith("attachment;")
    sent.seek(0)
    assert b"".join(content.streaming_content) == sent.read()
    assert world.client("issuer").get(f"{URL}{permit['id']}/attachments/{body['id']}/thumbnail/").status_code == 404


def test_ten_megabytes_pass_and_one_byte_more_is_413(world: World) -> None:
    permit = world.create()
    limit = settings.PTW_ATTACHMENT_MAX_BYTES
    assert limit == 10 * 1024 * 1024
    assert upload(world, permit["id"], pdf_of(limit)).status_code == 201
    before = stored_names()
    response = upload(world, permit["id"], pdf_of(limit + 1))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert "10 MB" in response.json()["error"]["message"]
    assert stored_names() == before


def test_a_body_declared_over_the_upload_limit_is_refused_before_it_is_read(world: World) -> None:
    permit = world.create()
    response = world.client("requester").post(
        f"{URL}{permit['id']}/attachments/",
        {"file": pdf_of(100), "kind": "photo"},
        CONTENT_LENGTH=str(settings.PTW_MAX_UPLOAD_BYTES + 1),
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not PermitAttachment.objects.exists()


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        pytest.param(b"MZ\x90\x00\x03" + b"\x00" * 500, "program", id="windows-exe"),
        pytest.param(b"\x7fELF\x02\x01\x01" + b"\x00" * 500, "program", id="linux-elf"),
        pytest.param(b"GIF89a" + b"\x00" * 100, "not a readable image", id="gif"),
        pytest.param(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a readable image", id="svg"),
        pytest.param(b"\xff\xd8\xff\xe0 broken jpeg", "not a readable image", id="truncated-jpeg"),
    ],
)
def test_a_file_that_is_not_an_image_or_pdf_is_400_whatever_its_name(world: World, raw: bytes, says: str) -> None:
    permit = world.create()
    response = upload(world, permit["id"], SimpleUploadedFile("photo.jpg", raw, "image/jpeg"))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "file_type_refused"
    assert says in error["message"] and "file" in error["fields"]
    assert not PermitAttachment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "selfie"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"supersedes": "x"}, "supersedes"),
        ({"unknown": "1"}, "unknown"),
    ],
)
def test_bad_fields_are_400_and_store_nothing(world: World, fields: dict[str, str], field: str) -> None:
    permit = world.create()
    response = world.client("requester").post(f"{URL}{permit['id']}/attachments/", {"file": photo(), **fields})
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not PermitAttachment.objects.exists()


def test_no_file_is_400(world: World) -> None:
    permit = world.create()
    response = world.client("requester").post(f"{URL}{permit['id']}/attachments/", {"kind": "photo"})
    assert response.status_code == 400 and "file" in response.json()["error"]["fields"]


def test_a_globex_user_gets_404_for_an_acme_attachment(world: World) -> None:
    permit = world.create()
    body = upload(world, permit["id"], photo()).json()
    outsider = world.client("outsider")
    for url in (f"{URL}{permit['id']}/attachments/", body["content_url"], body["thumbnail_url"]):
        response = outsider.get(url)
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert outsider.delete(f"{URL}{permit['id']}/attachments/{body['id']}/").status_code == 404
    assert upload(world, permit["id"], photo(), who="outsider").status_code == 404
    assert PermitAttachment.objects.count() == 1


def test_an_attachment_of_another_permit_is_404_through_this_one(world: World) -> None:
    first, second = world.create(), world.create()
    body = upload(world, first["id"], photo()).json()
    assert world.client("requester").get(f"{URL}{second['id']}/attachments/{body['id']}/content/").status_code == 404


def test_viewers_read_but_do_not_attach(world: World) -> None:
    permit = world.create()
    response = upload(world, permit["id"], photo(), who="viewer")
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"
    detail = world.client("viewer").get(f"{URL}{permit['id']}/").json()
    assert detail["can"]["attach"] is False
    assert world.client("requester").get(f"{URL}{permit['id']}/").json()["can"]["attach"] is True


def test_the_file_survives_a_restart_stored_on_disk_and_readable_by_another_process(world: World) -> None:
    permit = world.create()
    body = upload(world, permit["id"], photo()).json()
    row = PermitAttachment.objects.get(pk=body["id"])
    path = storages["attachments"].path(row.file.name)
    digest = subprocess.run(
        [
            sys.executable,
            "-c",
            "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
            path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert digest == body["sha256"]
    fresh = World.client.__get__(world)("issuer")
    raw = b"".join(fresh.get(body["content_url"]).streaming_content)
    assert hashlib.sha256(raw).hexdigest() == body["sha256"]


def test_a_draft_attachment_is_deleted_by_its_requester_only(world: World) -> None:
    permit = world.create()
    body = upload(world, permit["id"], photo()).json()
    row = PermitAttachment.objects.get(pk=body["id"])
    storage = storages["attachments"]
    assert storage.exists(row.file.name)
    url = f"{URL}{permit['id']}/attachments/{body['id']}/"
    assert world.client("verifier").delete(url).status_code == 403
    with pytest.MonkeyPatch.context():
        from django.test import TestCase

        with TestCase.captureOnCommitCallbacks(execute=True):
            assert world.client("requester").delete(url).status_code == 204
    assert not PermitAttachment.objects.exists()
    assert not storage.exists(row.file.name) and not storage.exists(row.thumbnail.name)
    assert PermitEvent.objects.filter(permit_id=permit["id"], action="attachment_deleted").count() == 1


def test_after_submission_attachments_are_append_only_superseded_never_deleted(world: World) -> None:
    permit = world.create()
    first = upload(world, permit["id"], photo()).json()
    world.walk(permit["id"], [("submit", "requester")])
    refused = world.client("requester").delete(f"{URL}{permit['id']}/attachments/{first['id']}/")
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "attachments_append_only"
    assert world.client("requester").get(f"{URL}{permit['id']}/").json()["can"]["delete_attachments"] is False
    newer = world.client("verifier").post(
        f"{URL}{permit['id']}/attachments/", {"file": photo("locks-2.jpg"), "supersedes": first["id"]}
    )
    assert newer.status_code == 201, newer.json()
    assert newer.json()["kind"] == "photo"
    listed = world.client("requester").get(f"{URL}{permit['id']}/attachments/").json()["results"]
    assert [(a["original_name"], a["superseded_by"]) for a in listed] == [
        ("locks.jpg", newer.json()["id"]),
        ("locks-2.jpg", None),
    ]
    again = world.client("verifier").post(
        f"{URL}{permit['id']}/attachments/", {"file": photo(), "supersedes": first["id"]}
    )
    assert again.status_code == 400 and "supersedes" in again.json()["error"]["fields"]
    assert PermitEvent.objects.filter(permit_id=permit["id"], action="attachment_superseded").count() == 1


def test_an_ended_permit_takes_no_more_attachments(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], [("cancel", "requester")])
    response = upload(world, permit["id"], photo())
    assert response.status_code == 409 and response.json()["error"]["code"] == "invalid_status"


def hot_work_needs_a_jsa(world: World) -> None:
    ptype = world.ptype("hot-work")
    ptype.required_attachments = ["jsa"]
    ptype.save()


def test_hot_work_needs_its_jsa_before_submit_readiness_and_action_agree(world: World) -> None:
    hot_work_needs_a_jsa(world)
    permit = world.create("hot-work", attach_required=False, parameters=HOT_WORK)
    readiness = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()
    missing = readiness["actions"]["submit"]["missing"]
    assert [m["code"] for m in missing] == ["attachment_missing"]
    assert "JSA / risk assessment" in missing[0]["message"]
    refused = world.act(permit["id"], "submit", "requester")
    assert refused.status_code == 422
    assert [m["code"] for m in refused.json()["error"]["missing"]] == ["attachment_missing"]
    # A photo is not a JSA.
    assert upload(world, permit["id"], photo()).status_code == 201
    assert world.act(permit["id"], "submit", "requester").status_code == 422
    assert world.attach(permit["id"], "jsa").status_code == 201
    assert world.act(permit["id"], "submit", "requester").status_code == 200


def test_a_superseded_jsa_still_counts_through_its_successor(world: World) -> None:
    hot_work_needs_a_jsa(world)
    permit = world.create("hot-work", attach_required=False, parameters=HOT_WORK)
    jsa = world.attach(permit["id"], "jsa").json()
    world.client("requester").post(f"{URL}{permit['id']}/attachments/", {"file": pdf_of(300), "supersedes": jsa["id"]})
    readiness = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()
    assert readiness["actions"]["submit"]["allowed"] is True


def test_a_lift_is_submitted_with_its_method_statement(world: World) -> None:
    assert world.ptype("lifting").required_attachments == ["method_statement"]
    permit = world.create("lifting", attach_required=False, parameters={"load_t": 4})
    refused = world.act(permit["id"], "submit", "requester")
    assert refused.status_code == 422
    assert refused.json()["error"]["missing"] == [
        {"code": "attachment_missing", "message": "Attach the Method statement a Lifting & rigging permit needs."}
    ]
    assert world.attach(permit["id"], "method_statement").status_code == 201
    assert world.act(permit["id"], "submit", "requester").status_code == 200


def test_a_project_may_require_attachments_of_a_type(world: World) -> None:
    ptype = world.ptype("general")
    admin = world.client("admin")
    url = f"/api/v1/ptw/permit-types/{ptype.id}/?project={world.acme.project.id}"
    response = admin.patch(url, {"required_attachments": ["method_statement"]}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.json()
    assert response.json()["required_attachments"] == ["method_statement"]
    permit = world.create("general", attach_required=False)
    missing = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()["actions"]["submit"]["missing"]
    assert [m["code"] for m in missing] == ["attachment_missing"]
    bad = admin.patch(url, {"required_attachments": ["selfie"]}, format="json", HTTP_IF_MATCH='"2"')
    assert bad.status_code == 400 and "required_attachments" in bad.json()["error"]["fields"]


def test_the_printed_permit_lists_the_attachments(world: World) -> None:
    permit = world.create()
    body = upload(world, permit["id"], photo("gas-meter.jpg")).json()
    pdf = world.client("requester").get(f"{URL}{permit['id']}/document/")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Attachments" in text and "gas-meter.jpg" in text
    assert body["sha256"][:12] in text and world["requester"].name in text


def test_the_list_reads_a_fixed_number_of_queries(world: World, django_assert_num_queries: Any) -> None:
    permit = world.create()
    client = world.client("requester")
    upload(world, permit["id"], photo())
    with django_assert_num_queries(LIST_QUERIES):
        few = client.get(f"{URL}{permit['id']}/attachments/")
    for index in range(4):
        upload(world, permit["id"], photo(f"p{index}.jpg"))
    with django_assert_num_queries(LIST_QUERIES):
        many = client.get(f"{URL}{permit['id']}/attachments/")
    assert (few.json()["count"], many.json()["count"]) == (1, 5)


def test_deleting_a_draft_permit_removes_its_files(world: World) -> None:
    from django.test import TestCase

    permit = world.create()
    upload(world, permit["id"], photo())
    row = PermitAttachment.objects.get()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = world.client("requester").delete(f"{URL}{permit['id']}/", HTTP_IF_MATCH=f'"{permit["version"]}"')
    assert response.status_code == 204, response.content
    assert not storages["attachments"].exists(row.file.name)
