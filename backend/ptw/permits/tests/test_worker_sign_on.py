"""Crew sign-on: each worker signs on for the toolbox talk (drawn or typed) on a device the requester or
issuer hands round; the record keeps the device's time, the statement shown and on whose device it was taken."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ptw.permits.models import PermitEvent, PermitTypeOverride, PermitWorker, PermitWorkerSignOn
from ptw.permits.tests.conftest import PATHS, URL, World
from ptw.permits.tests.test_signatures import png_data_url
from ptw.permits.tests.test_workers_toolbox import add, codes, hold, start_missing, talk_body, talk_url, workers_url

PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36"


def sign_on_url(permit_id: int, worker_id: int) -> str:
    return f"{workers_url(permit_id)}{worker_id}/sign-on/"


def typed(name: str, **extra: Any) -> dict[str, Any]:
    return {"method": "typed", "data": name, "statement_confirmed": True, **extra}


def drawn(**extra: Any) -> dict[str, Any]:
    return {"method": "drawn", "data": png_data_url(40, 12), "statement_confirmed": True, **extra}


def post(world: World, permit_id: int, worker_id: int, body: dict[str, Any], who: str = "requester", **h: Any) -> Any:
    return world.client(who).post(sign_on_url(permit_id, worker_id), body, format="json", HTTP_USER_AGENT=PHONE, **h)


@pytest.fixture
def crew(world: World) -> dict[str, Any]:
    """An approved permit whose type needs a toolbox talk; the talk is held and two workers are on it."""
    PermitTypeOverride.objects.create(
        project=world.acme.project, permit_type=world.ptype("general"), values={"requires_toolbox_talk": True}
    )
    permit = world.create()
    world.walk(permit["id"], PATHS["approved"])
    ana = add(world, permit["id"], "Ana Pipefitter").json()
    ben = add(world, permit["id"], "Ben Rigger").json()
    assert hold(world, permit["id"], talk_body()).status_code == 200
    return {"id": permit["id"], "ana": ana, "ben": ben}


def test_a_typed_sign_on_records_what_was_signed_and_where(world: World, crew: dict[str, Any]) -> None:
    pid, ana = crew["id"], crew["ana"]
    signed_at = timezone.now() - timedelta(minutes=2)
    body = typed("  ana   PIPEFITTER ", signed_at=signed_at.isoformat(), device="Pixel 8")
    response = post(world, pid, ana["id"], body)
    assert response.status_code == 201, response.json()
    summary = response.json()["sign_on"]
    assert summary["method"] == "typed"
    assert summary["taken_by"] == {"id": world["requester"].id, "name": world["requester"].name}
    assert summary["device"] == "Pixel 8"
    assert summary["at"] == signed_at.isoformat().replace("+00:00", "Z")
    assert "data" not in summary and "statement" not in summary
    record = PermitWorkerSignOn.objects.get(worker_id=ana["id"])
    assert record.data == "ana   PIPEFITTER"
    assert record.user_agent == PHONE
    assert record.received_at > record.signed_on_at
    talk = world.client("viewer").get(talk_url(pid)).json()
    assert talk["signed_on"] == 1
    declaration = (
        "I, Ana Pipefitter of Acme Site Services, attended the toolbox talk and understood the hazards and "
        "precautions above."
    )
    assert response.json()["sign_on_declaration"] == declaration
    assert record.statement == talk["sign_on_statement"] + "\n\n" + declaration
    for text in (*talk_body()["topics"], "Residual pressure", "LOTO on valves"):
        assert text in record.statement
    detail = world.client("viewer").get(sign_on_url(pid, ana["id"])).json()
    assert (detail["worker_id"], detail["data"], detail["statement"]) == (ana["id"], record.data, record.statement)
    assert detail["user_agent"] == PHONE
    event = PermitEvent.objects.get(permit_id=pid, action="worker_sign_on")
    assert event.comment == (
        "Ana Pipefitter (Acme Site Services) signed on: attended the toolbox talk and understood the hazards and "
        f"precautions (typed name, taken by {world['requester'].name}, on Pixel 8)."
    )
    assert event.changes[f"workers.{ana['id']}.sign_on"][1]["device"] == "Pixel 8"


def test_a_drawn_sign_on_keeps_the_image_out_of_the_crew_list(world: World, crew: dict[str, Any]) -> None:
    pid, ben = crew["id"], crew["ben"]
    response = post(world, pid, ben["id"], drawn(), who="issuer")
    assert response.status_code == 201, response.json()
    assert response.json()["sign_on"]["method"] == "drawn"
    assert response.json()["sign_on"]["at"] == response.json()["sign_on"]["received_at"]
    listed = world.client("viewer").get(workers_url(pid)).json()["results"]
    assert [w["sign_on"] is not None for w in listed] == [False, True]
    assert "data:image/png" not in str(listed)
    assert world.client("viewer").get(sign_on_url(pid, ben["id"])).json()["data"] == drawn()["data"]
    assert world.client("viewer").get(sign_on_url(pid, crew["ana"]["id"])).status_code == 404


def _refusals(crew: dict[str, Any]) -> list[tuple[dict[str, Any], int, str]]:
    name = crew["ana"]["name"]
    return [
        (typed("Ana Pipe"), 400, "data"),
        (typed(""), 400, "data"),
        ({"method": "drawn", "data": "data:image/png;base64,AAAA", "statement_confirmed": True}, 400, "data"),
        ({"method": "drawn", "data": "data:image/gif;base64,R0lGOD", "statement_confirmed": True}, 400, "data"),
        (drawn(data="data:image/png;base64," + "A" * 200_001), 400, "data"),
        (typed(name, statement_confirmed=False), 400, "statement_confirmed"),
        ({"method": "typed", "data": name}, 400, "statement_confirmed"),
        (typed(name, statement_confirmed="yes please"), 400, "statement_confirmed"),
        (typed(name, signed_at=(timezone.now() + timedelta(minutes=10)).isoformat()), 400, "signed_at"),
        (typed(name, signed_at=(timezone.now() - timedelta(hours=2)).isoformat()), 400, "signed_at"),
        (typed(name, signed_at="this morning"), 400, "signed_at"),
        (typed(name, device="x" * 201), 400, "device"),
        (typed(name, method="stamped"), 400, "method"),
        (typed(name, statement="I agree"), 400, "statement"),
        (typed(name, permit_version=0), 400, "permit_version"),
        (typed(["Ana"]), 400, "data"),
    ]


def test_bad_sign_ons_are_400_and_change_nothing(world: World, crew: dict[str, Any]) -> None:
    pid = crew["id"]
    events = PermitEvent.objects.filter(permit_id=pid).count()
    for body, status, field in _refusals(crew):
        response = post(world, pid, crew["ana"]["id"], body)
        assert response.status_code == status, (field, response.json())
        assert field in response.json()["error"]["fields"], (field, response.json())
    assert not PermitWorkerSignOn.objects.exists()
    assert PermitEvent.objects.filter(permit_id=pid).count() == events
    assert PermitWorker.objects.get(pk=crew["ana"]["id"]).version == 1


def test_a_sign_on_needs_a_held_talk_and_happens_once(world: World) -> None:
    permit = world.create()
    worker = add(world, permit["id"], "Ana").json()
    early = post(world, permit["id"], worker["id"], typed("Ana"))
    assert (early.status_code, early.json()["error"]["code"]) == (409, "toolbox_talk_not_held")
    assert hold(world, permit["id"], talk_body()).status_code == 200
    assert post(world, permit["id"], worker["id"], typed("Ana")).status_code == 201
    again = post(world, permit["id"], worker["id"], drawn())
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_signed_on")
    assert PermitWorkerSignOn.objects.get().method == "typed"


def test_a_worker_acknowledged_the_old_way_counts_and_cannot_sign_again(world: World, crew: dict[str, Any]) -> None:
    pid = crew["id"]
    PermitWorker.objects.filter(pk=crew["ana"]["id"]).update(
        acknowledged_at=timezone.now(), acknowledged_by=world["requester"]
    )
    assert codes(start_missing(world, pid)) == ["worker_not_signed_on"]
    assert "Ana" not in start_missing(world, pid)[0]["message"]
    again = post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter"))
    assert (again.status_code, again.json()["error"]["code"]) == (409, "already_signed_on")
    assert post(world, pid, crew["ben"]["id"], typed("Ben Rigger")).status_code == 201
    assert start_missing(world, pid) == []
    assert world.client("viewer").get(talk_url(pid)).json()["signed_on"] == 2


def test_a_replayed_sign_on_answers_the_same_and_signs_once(world: World, crew: dict[str, Any]) -> None:
    pid, ana = crew["id"], crew["ana"]
    first = post(world, pid, ana["id"], drawn(), HTTP_IDEMPOTENCY_KEY="sign-ana")
    again = post(world, pid, ana["id"], drawn(), HTTP_IDEMPOTENCY_KEY="sign-ana")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert PermitWorkerSignOn.objects.count() == 1
    assert PermitEvent.objects.filter(permit_id=pid, action="worker_sign_on").count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [("viewer", 403), ("verifier", 403), ("issuer2", 403), ("admin", 403), ("outsider", 404)],
)
def test_only_the_requester_or_issuer_host_a_sign_on(world: World, crew: dict[str, Any], who: str, status: int) -> None:
    pid, ana = crew["id"], crew["ana"]
    response = post(world, pid, ana["id"], typed("Ana Pipefitter"), who=who)
    assert response.status_code == status
    assert not PermitWorkerSignOn.objects.exists()
    assert post(world, pid, ana["id"], typed("Ana Pipefitter")).status_code == 201
    readable = 404 if who == "outsider" else 200
    assert world.client(who).get(sign_on_url(pid, ana["id"])).status_code == readable


def test_a_worker_of_another_permit_is_not_found(world: World, crew: dict[str, Any]) -> None:
    other = world.create()
    foreign = add(world, other["id"], "Ana Pipefitter").json()
    assert hold(world, other["id"], talk_body()).status_code == 200
    assert post(world, crew["id"], foreign["id"], typed("Ana Pipefitter")).status_code == 404
    assert post(world, crew["id"], 999_999, typed("Ana Pipefitter")).status_code == 404
    assert not PermitWorkerSignOn.objects.exists()


def test_a_closed_crew_takes_no_sign_on(world: World, crew: dict[str, Any]) -> None:
    pid = crew["id"]
    assert world.act(pid, "cancel", "issuer", reason="Scope changed").status_code == 200
    response = post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter"))
    assert (response.status_code, response.json()["error"]["code"]) == (409, "crew_not_open")
    assert not PermitWorkerSignOn.objects.exists()


def test_activation_waits_for_every_sign_on(world: World, crew: dict[str, Any]) -> None:
    pid = crew["id"]
    assert post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter")).status_code == 201
    missing = start_missing(world, pid)
    message = "Not yet signed on for the toolbox talk: Ben Rigger (Acme Site Services)."
    assert missing == [{"code": "worker_not_signed_on", "message": message}]
    refused = world.act(pid, "activate", "requester")
    assert refused.status_code == 422
    assert refused.json()["error"]["missing"] == missing
    assert post(world, pid, crew["ben"]["id"], drawn(), who="issuer").status_code == 201
    assert start_missing(world, pid) == []
    assert world.act(pid, "activate", "requester").status_code == 200


def test_a_changed_talk_voids_the_sign_ons_and_the_timeline_keeps_them(world: World, crew: dict[str, Any]) -> None:
    pid = crew["id"]
    assert post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter", device="Tablet")).status_code == 201
    assert post(world, pid, crew["ben"]["id"], drawn()).status_code == 201
    changed = hold(world, pid, {"held_at": (timezone.now() - timedelta(minutes=5)).isoformat()}, version="2")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["signed_on"] == 0
    assert not PermitWorkerSignOn.objects.exists()
    event = PermitEvent.objects.filter(permit_id=pid, action="toolbox_talk").order_by("-seq").first()
    assert event is not None
    kept = event.changes["sign_ons_voided"][0]
    assert [(k["worker"], k["method"], k["device"]) for k in kept] == [
        ("Ana Pipefitter (Acme Site Services)", "typed", "Tablet"),
        ("Ben Rigger (Acme Site Services)", "drawn", ""),
    ]
    assert all("Hazards: Residual pressure" in k["statement"] for k in kept)
    assert "2 sign-ons voided" in event.comment
    assert codes(start_missing(world, pid)) == ["worker_not_signed_on"]
    assert post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter")).status_code == 201


def test_the_statement_follows_the_talk_and_the_permit(world: World, crew: dict[str, Any]) -> None:
    statement = world.client("viewer").get(talk_url(crew["id"])).json()["sign_on_statement"]
    lines = statement.split("\n")
    assert lines[0].startswith("Toolbox talk held ") and lines[0].endswith(f" by {world['requester'].name}.")
    assert lines[1] == "Topics: " + "; ".join(talk_body()["topics"]) + "."
    assert lines[2] == "Hazards: Residual pressure; hydrocarbon release; manual handling."
    assert lines[3] == "Control measures: Depressurise and drain; LOTO on valves; two-person lift."
    assert lines[4].startswith("PPE: ")
    unheld = world.create()
    assert world.client("viewer").get(talk_url(unheld["id"])).json()["sign_on_statement"] == ""


def test_the_printed_permit_shows_each_sign_on(world: World, crew: dict[str, Any]) -> None:
    from ptw.permits.models import Permit
    from ptw.permits.records import permit_document_data

    pid = crew["id"]
    assert post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter")).status_code == 201
    assert post(world, pid, crew["ben"]["id"], drawn(), who="issuer").status_code == 201
    rows = permit_document_data(Permit.objects.get(pk=pid), timezone.now(), "https://example.test/qr/x")["workers"]
    assert [(r[0], r[4]) for r in rows] == [("Ana Pipefitter", "Ana Pipefitter"), ("Ben Rigger", drawn()["data"])]
    assert rows[1][3].endswith(f"(taken by {world['issuer'].name})")
    document = world.client("viewer").get(f"{URL}{pid}/document/")
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"


def test_a_sign_on_taken_against_an_older_permit_version_is_refused(world: World, crew: dict[str, Any]) -> None:
    pid = crew["id"]
    version = world.client("requester").get(f"{URL}{pid}/").json()["version"]
    stale = post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter", permit_version=version - 1))
    assert (stale.status_code, stale.json()["error"]["code"]) == (409, "permit_moved_on")
    assert not PermitWorkerSignOn.objects.exists()
    current = post(world, pid, crew["ana"]["id"], typed("Ana Pipefitter", permit_version=version))
    assert current.status_code == 201, current.json()
