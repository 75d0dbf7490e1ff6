"""The competency register and its guards: a person lacking a valid certificate of a kind the permit type requires
of their role is refused, with the same reasons readiness shows; renewing the certificate lets them act."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from ptw.permits.evaluation import status_missing
from ptw.permits.models import Certificate, ConfigChange, GasTest, Permit, PermitType, PermitWorker, Worker
from ptw.permits.policies import actor_missing
from ptw.permits.tests.conftest import GAS_TESTER, URL, World
from ptw.permits.tests.test_gas_tests import HOT, reading

API = "/api/v1/ptw/competency/"


def today() -> date:
    return timezone.now().date()


def certificates_of(world: World, who: str, kind: str = GAS_TESTER) -> list[Certificate]:
    current = Certificate.objects.filter(superseded_by__isnull=True, revoked_at__isnull=True)
    return list(current.filter(holder_user=world[who], kind__code=kind))


def revoke_all(world: World, who: str, kind: str = GAS_TESTER) -> None:
    for cert in certificates_of(world, who, kind):
        response = world.client("admin").post(
            f"{API}certificates/{cert.id}/revoke/", {"reason": "Lapsed", "version": cert.version}, format="json"
        )
        assert response.status_code == 200, response.json()


def record_certificate(
    world: World, who: str, *, issued: int, expires: int, kind: str = GAS_TESTER, **extra: Any
) -> Any:
    body = {
        "project": world.acme.project.id,
        "holder_user": world[who].id,
        "kind": kind,
        "number": f"T-{who}-{expires}",
        "issued_on": (today() + timedelta(days=issued)).isoformat(),
        "expires_on": (today() + timedelta(days=expires)).isoformat(),
        **extra,
    }
    return world.client("admin").post(f"{API}certificates/", body, format="json")


def readiness(world: World, permit_id: int, who: str) -> dict[str, Any]:
    response = world.client(who).get(f"{URL}{permit_id}/readiness/")
    assert response.status_code == 200
    return response.json()


def codes(items: list[dict[str, str]]) -> list[str]:
    return [item["code"] for item in items]


def require(world: World, code: str, required: dict[str, list[str]]) -> None:
    PermitType.objects.filter(tenant=world.acme.tenant, code=code).update(required_competencies=required)


@pytest.fixture
def hot_permit(world: World) -> dict[str, Any]:
    permit = world.create("hot-work", parameters=HOT)
    world.walk(permit["id"], [("submit", "requester")])
    return permit


# --- the done-when: readiness and the action agree, renewing makes it possible -------------------------------


def test_gas_tester_without_valid_certificate_is_refused_until_renewed(
    world: World, hot_permit: dict[str, Any]
) -> None:
    pid = hot_permit["id"]
    revoke_all(world, "verifier2")
    expired = record_certificate(world, "verifier2", issued=-400, expires=-3)
    assert expired.status_code == 201, expired.json()
    assert expired.json()["status"] == "expired"

    ready = readiness(world, pid, "verifier2")["records"]["gas_test"]
    assert ready["allowed"] is False
    assert codes(ready["missing"]) == ["competency_expired"]
    assert world["verifier2"].name in ready["missing"][0]["message"]
    assert "Authorised gas tester" in ready["missing"][0]["message"]

    refused = world.client("verifier2").post(f"{URL}{pid}/gas-tests/", reading("O2", "20.9"), format="json")
    assert refused.status_code == 422
    assert refused.json()["error"]["missing"] == ready["missing"]
    assert not GasTest.objects.filter(permit_id=pid).exists()

    cert = expired.json()
    renewed = world.client("admin").post(
        f"{API}certificates/{cert['id']}/renew/",
        {"issued_on": today().isoformat(), "expires_on": (today() + timedelta(days=365)).isoformat(), "number": "R-1"},
        format="json",
        headers={"If-Match": f'"{cert["version"]}"'},
    )
    assert renewed.status_code == 201, renewed.json()
    assert renewed.json()["status"] == "valid"
    assert Certificate.objects.get(pk=cert["id"]).superseded_by_id == renewed.json()["id"]

    ready = readiness(world, pid, "verifier2")["records"]["gas_test"]
    assert ready == {"allowed": True, "relevant": True, "missing": []}
    recorded = world.client("verifier2").post(f"{URL}{pid}/gas-tests/", reading("O2", "20.9"), format="json")
    assert recorded.status_code == 201, recorded.json()


def test_no_certificate_at_all_is_competency_missing(world: World, hot_permit: dict[str, Any]) -> None:
    revoke_all(world, "verifier")
    ready = readiness(world, hot_permit["id"], "verifier")["records"]["gas_test"]
    assert codes(ready["missing"]) == ["competency_missing"]
    response = world.client("verifier").post(
        f"{URL}{hot_permit['id']}/gas-tests/", reading("O2", "20.9"), format="json"
    )
    assert response.status_code == 422
    assert codes(response.json()["error"]["missing"]) == ["competency_missing"]


def test_a_type_requiring_nothing_needs_no_certificate(world: World) -> None:
    """General work requires no competency: a person without any certificate records readings."""
    PermitType.objects.filter(tenant=world.acme.tenant, code="general").update(requires_gas_test=True)
    permit = world.create("general")
    revoke_all(world, "verifier")
    ready = readiness(world, permit["id"], "verifier")["records"]["gas_test"]
    assert ready == {"allowed": True, "relevant": True, "missing": []}
    response = world.client("verifier").post(f"{URL}{permit['id']}/gas-tests/", reading("O2", "20.9"), format="json")
    assert response.status_code == 201


# --- the guards as a table: (role required, what the person holds) → readiness code ---------------------------

HOLDINGS = {
    # name: (issued offset, expires offset) or None for no certificate, "revoked" for a revoked valid one
    "valid": (-100, 200),
    "expiring": (-100, 10),
    "expires_today": (-100, 0),
    "expired_yesterday": (-400, -1),
    "not_yet_valid": (5, 400),
    "none": None,
    "revoked": "revoked",
}
EXPECTED = {
    "valid": ([], []),
    "expiring": ([], ["competency_expiring"]),
    "expires_today": ([], ["competency_expiring"]),
    "expired_yesterday": (["competency_expired"], []),
    "not_yet_valid": (["competency_missing"], []),
    "none": (["competency_missing"], []),
    "revoked": (["competency_missing"], []),
}


def hold(world: World, who: str, holding: str, kind: str = GAS_TESTER) -> None:
    revoke_all(world, who, kind)
    spec = HOLDINGS[holding]
    if spec is None:
        return
    if spec == "revoked":
        assert record_certificate(world, who, issued=-10, expires=300, kind=kind).status_code == 201
        revoke_all(world, who, kind)
        return
    issued, expires = spec
    response = record_certificate(world, who, issued=issued, expires=expires, kind=kind)
    assert response.status_code == 201, response.json()


@pytest.mark.parametrize("holding", list(HOLDINGS))
def test_gas_tester_guard_table(world: World, hot_permit: dict[str, Any], holding: str) -> None:
    hold(world, "verifier", holding)
    missing, warnings = EXPECTED[holding]
    ready = readiness(world, hot_permit["id"], "verifier")
    assert codes(ready["records"]["gas_test"]["missing"]) == missing
    assert codes(ready["warnings"]) == warnings
    response = world.client("verifier").post(
        f"{URL}{hot_permit['id']}/gas-tests/", reading("O2", "20.9"), format="json"
    )
    assert response.status_code == (422 if missing else 201)


@pytest.mark.parametrize(
    ("action", "role", "who", "path"),
    [
        ("submit", "requester", "requester", []),
        ("verify", "verifier", "verifier", [("submit", "requester")]),
        ("approve", "issuer", "issuer", [("submit", "requester"), ("verify", "verifier")]),
    ],
)
@pytest.mark.parametrize("holding", ["valid", "expired_yesterday", "none"])
def test_signing_acts_guard_table(
    world: World, action: str, role: str, who: str, path: list[tuple[str, str]], holding: str
) -> None:
    kind = "electrical-authorised-person"
    require(world, "general", {role: [kind]})
    for person in ("requester", "verifier", "issuer"):
        if person != who:
            hold(world, person, "valid", kind)
    permit = world.create("general")
    world.walk(permit["id"], path)
    hold(world, who, holding, kind)
    missing, _ = EXPECTED[holding]
    ready = readiness(world, permit["id"], who)["actions"][action]
    assert [m for m in codes(ready["missing"]) if m.startswith("competency")] == missing
    response = world.act(permit["id"], action, who, comment="ok")
    if missing:
        assert response.status_code == 422
        assert codes(response.json()["error"]["missing"]) == missing
    else:
        assert response.status_code == 200, response.json()


def test_isolation_apply_and_verify_need_the_isolator_competency(world: World) -> None:
    kind = "isolation-authority"
    require(world, "general", {"isolator": [kind]})
    permit = world.create("general")
    added = world.client("requester").post(
        f"{URL}{permit['id']}/isolations/", {"name": "Valve V-1", "energy_type": "mechanical"}, format="json"
    )
    assert added.status_code == 201, added.json()
    iso = added.json()["id"]
    ready = readiness(world, permit["id"], "requester")["records"]
    assert codes(ready["isolate"]["missing"]) == ["competency_missing"]
    refused = world.client("requester").post(
        f"{URL}{permit['id']}/isolations/{iso}/isolate/", {"lock_numbers": ["L-1"]}, format="json"
    )
    assert refused.status_code == 422
    assert codes(refused.json()["error"]["missing"]) == ["competency_missing"]
    hold(world, "requester", "valid", kind)
    applied = world.client("requester").post(
        f"{URL}{permit['id']}/isolations/{iso}/isolate/", {"lock_numbers": ["L-1"]}, format="json"
    )
    assert applied.status_code == 200, applied.json()
    verify = world.client("verifier").post(f"{URL}{permit['id']}/isolations/{iso}/verify/", {}, format="json")
    assert verify.status_code == 422
    hold(world, "verifier", "valid", kind)
    verify = world.client("verifier").post(f"{URL}{permit['id']}/isolations/{iso}/verify/", {}, format="json")
    assert verify.status_code == 200, verify.json()


def test_starting_work_needs_every_worker_competent(world: World) -> None:
    kind = "working-at-height"
    require(world, "general", {"workers": [kind]})
    permit = world.create("general")
    world.walk(permit["id"], [("submit", "requester"), ("verify", "verifier"), ("approve", "issuer")])
    free = world.client("requester").post(
        f"{URL}{permit['id']}/workers/", {"name": "Old Timer", "company": "Acme Site Services"}, format="json"
    )
    assert free.status_code == 201
    created = world.client("requester").post(
        f"{API}workers/",
        {"project": world.acme.project.id, "name": "Ana Ropes", "company": "Ropes Ltd", "id_number": "RL-7"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    picked = world.client("requester").post(
        f"{URL}{permit['id']}/workers/", {"worker": created.json()["id"], "trade": "Rigger"}, format="json"
    )
    assert picked.status_code == 201, picked.json()
    assert picked.json()["name"] == "Ana Ropes"
    ready = readiness(world, permit["id"], "requester")["actions"]["activate"]
    messages = [m["message"] for m in ready["missing"] if m["code"].startswith("competency")]
    assert len(messages) == 2
    assert "Old Timer" in messages[0] and "Ana Ropes" in messages[1]
    refused = world.act(permit["id"], "activate", "requester")
    assert refused.status_code == 422
    PermitWorker.objects.filter(name="Old Timer").delete()
    cert = world.client("admin").post(
        f"{API}certificates/",
        {
            "project": world.acme.project.id,
            "holder_worker": created.json()["id"],
            "kind": kind,
            "number": "WAH-1",
            "issued_on": (today() - timedelta(days=5)).isoformat(),
            "expires_on": (today() + timedelta(days=20)).isoformat(),
        },
        format="json",
    )
    assert cert.status_code == 201, cert.json()
    ready = readiness(world, permit["id"], "requester")
    assert not [m for m in ready["actions"]["activate"]["missing"] if m["code"].startswith("competency")]
    assert codes(ready["warnings"]) == ["competency_expiring"]
    assert "Ana Ropes" in ready["warnings"][0]["message"]


def test_readiness_names_the_requester_whose_certificate_expires_soon(world: World, hot_permit: dict[str, Any]) -> None:
    """Readiness reads the permit without its people; when the type weighs their certificates it reads them, and the
    warning names the person."""
    require(world, "hot-work", {"requester": [GAS_TESTER]})
    hold(world, "requester", "expiring")
    ready = readiness(world, hot_permit["id"], "verifier")
    assert codes(ready["warnings"]) == ["competency_expiring"]
    assert world["requester"].name in ready["warnings"][0]["message"]
    hold(world, "requester", "valid")
    assert readiness(world, hot_permit["id"], "verifier")["warnings"] == []


def test_readiness_of_a_permit_that_has_ended_runs_no_guard_and_warns_of_no_certificate(
    world: World, hot_permit: dict[str, Any]
) -> None:
    """A cancelled permit takes no action again: each action says so (and who may act), no guard reads the permit's
    gas tests, crew or certificates, and no certificate it relied on is warned of."""
    require(world, "hot-work", {"requester": [GAS_TESTER]})
    hold(world, "requester", "expiring")
    live = readiness(world, hot_permit["id"], "verifier")
    assert codes(live["warnings"]) == ["competency_expiring"]
    assert "gas_test_missing" in codes(live["actions"]["verify"]["missing"])
    world.walk(hot_permit["id"], [("cancel", "requester")])
    with CaptureQueriesContext(connection) as read:
        ready = readiness(world, hot_permit["id"], "verifier")
    assert ready["status"] == "cancelled" and ready["warnings"] == []
    permit, verifier = Permit.objects.get(pk=hot_permit["id"]), world["verifier"]
    for action, answer in ready["actions"].items():
        expected = [m.as_dict() for m in status_missing(permit, action) + actor_missing(verifier, permit, action)]
        assert (answer["allowed"], answer["missing"][0]["code"]) == (False, "invalid_status"), action
        assert answer["missing"] == expected, action
    tables = (
        "permits_gastest",
        "permits_permitworker",
        "permits_certificate",
        "permits_permitcloseout",
        "accounts_user",
    )
    assert not [q["sql"] for q in read.captured_queries if any(f'FROM "{t}"' in q["sql"] for t in tables)]


def test_an_action_the_status_does_not_take_is_refused_on_its_status_and_runs_no_guard(
    world: World, hot_permit: dict[str, Any]
) -> None:
    """As the action itself refuses it (on its status, before anything is weighed): a submitted hot-work permit's
    start, resumption, hand-back and completion say its status and who may act, and nobody reads its crew, toolbox
    talk, closeout or fire watch for them."""
    permit, verifier = Permit.objects.get(pk=hot_permit["id"]), world["verifier"]
    with CaptureQueriesContext(connection) as read:
        ready = readiness(world, hot_permit["id"], "verifier")
    for action, answer in ready["actions"].items():
        refused = status_missing(permit, action)
        if refused:
            expected = [m.as_dict() for m in refused + actor_missing(verifier, permit, action)]
            assert answer["missing"] == expected and not answer["relevant"], action
    assert "gas_test_missing" in codes(ready["actions"]["verify"]["missing"])  # the action it takes is weighed
    tables = ("permits_permitworker", "permits_toolboxtalk", "permits_permitcloseout", "permits_firewatch")
    assert not [q["sql"] for q in read.captured_queries if any(f'"{t}"' in q["sql"] for t in tables)]


def test_readiness_says_of_each_record_what_its_service_answers(world: World, hot_permit: dict[str, Any]) -> None:
    """A viewer is refused every record for their role, a closed permit takes no gas test: readiness says so with the
    service's own words, and weighs no certificate of theirs."""
    pid = hot_permit["id"]
    require(world, "hot-work", {"gas_tester": [GAS_TESTER], "isolator": [GAS_TESTER]})
    viewer = readiness(world, pid, "viewer")["records"]
    assert {
        record: (state["allowed"], state["relevant"], codes(state["missing"])) for record, state in viewer.items()
    } == {
        "gas_test": (False, True, ["not_permitted"]),
        "isolate": (False, True, ["not_permitted"]),
        "verify_isolation": (False, True, ["not_permitted"]),
    }
    refused = world.client("viewer").post(f"{URL}{pid}/gas-tests/", reading("O2", "20.9"), format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == viewer["gas_test"]["missing"][0]["message"]

    hold(world, "verifier", "valid")
    allowed = readiness(world, pid, "verifier")["records"]["gas_test"]
    assert allowed == {"allowed": True, "relevant": True, "missing": []}
    added = world.client("requester").post(
        f"{URL}{pid}/isolations/", {"name": "Valve V-1", "energy_type": "mechanical"}, format="json"
    )
    assert added.status_code == 201, added.json()
    assert world.client("verifier").get(f"{URL}{pid}/isolations/").json()[0]["allowed_actions"] == ["isolate"]
    world.walk(pid, [("cancel", "requester")])
    assert world.client("verifier").get(f"{URL}{pid}/isolations/").json()[0]["allowed_actions"] == []
    with CaptureQueriesContext(connection) as read:
        ended = readiness(world, pid, "verifier")["records"]
    assert not [q["sql"] for q in read.captured_queries if 'FROM "permits_certificate"' in q["sql"]]
    asked = {
        "gas_test": (f"{URL}{pid}/gas-tests/", reading("O2", "20.9")),
        "isolate": (f"{URL}{pid}/isolations/{added.json()['id']}/isolate/", {"lock_numbers": ["L-1"]}),
    }
    for record, (url, body) in asked.items():
        [missing] = ended[record]["missing"]
        assert (ended[record]["allowed"], ended[record]["relevant"], missing["code"]) == (
            False,
            False,
            "invalid_status",
        )
        refused = world.client("verifier").post(url, body, format="json")
        assert refused.status_code == 409 and refused.json()["error"]["message"] == missing["message"], record
    assert ended["gas_test"]["missing"][0]["message"] == "A cancelled permit takes no more gas tests."


def test_readiness_reads_the_register_in_constant_queries(world: World, hot_permit: dict[str, Any]) -> None:
    """Once, however many workers: the register is read in one query for the caller, the permit's people and its
    crew."""
    require(world, "hot-work", {"gas_tester": [GAS_TESTER], "workers": ["fire-watch"]})
    client = world.client("verifier")
    client.get(f"{URL}{hot_permit['id']}/readiness/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{URL}{hot_permit['id']}/readiness/")
    for n in range(3):
        created = world.client("requester").post(
            f"{API}workers/",
            {"project": world.acme.project.id, "name": f"W {n}", "company": "C", "id_number": f"ID-{n}"},
            format="json",
        )
        world.client("requester").post(
            f"{URL}{hot_permit['id']}/workers/", {"worker": created.json()["id"]}, format="json"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(f"{URL}{hot_permit['id']}/readiness/")
    register = [q for q in many.captured_queries if "permits_certificate" in q["sql"]]
    assert len(register) == 1
    assert len(many.captured_queries) == len(few.captured_queries)


# --- the register's API per persona ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("admin", 201), ("requester", 403), ("verifier", 403), ("viewer", 403), ("outsider", 400)],
)
def test_who_records_certificates(world: World, persona: str, status: int) -> None:
    body = {
        "project": world.acme.project.id,
        "holder_user": world["verifier"].id,
        "kind": "fire-watch",
        "number": "FW-1",
        "issued_on": today().isoformat(),
        "expires_on": (today() + timedelta(days=100)).isoformat(),
    }
    before = ConfigChange.objects.filter(subject="certificate").count()
    response = world.client(persona).post(f"{API}certificates/", body, format="json")
    assert response.status_code == status, response.json()
    audited = ConfigChange.objects.filter(subject="certificate").count() - before
    assert audited == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("persona", "sees"), [("admin", True), ("viewer", True), ("requester", True), ("outsider", False)]
)
def test_who_reads_the_register(world: World, persona: str, sees: bool, django_assert_max_num_queries: Any) -> None:
    cert = certificates_of(world, "verifier")[0]
    client = world.client(persona)
    client.get(f"{API}kinds/")
    with django_assert_max_num_queries(6):
        listed = client.get(f"{API}certificates/", {"holder_user": world["verifier"].id})
    assert listed.status_code == 200
    assert (cert.id in [row["id"] for row in listed.json()["results"]]) is sees
    detail = client.get(f"{API}certificates/{cert.id}/")
    assert detail.status_code == (200 if sees else 404)
    kinds = client.get(f"{API}kinds/").json()
    assert GAS_TESTER in [k["code"] for k in kinds]


def test_list_query_count_does_not_grow(world: World, django_assert_max_num_queries: Any) -> None:
    client = world.client("admin")
    client.get(f"{API}certificates/")
    with django_assert_max_num_queries(6):
        response = client.get(f"{API}certificates/", {"page_size": 100})
    assert response.json()["count"] == 7


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"expiring": "x"}, "expiring"),
        ({"holder_user": "-1"}, "holder_user"),
        ({"project": "²"}, "project"),
        ({"history": "maybe"}, "history"),
    ],
)
def test_bad_filters_are_400(world: World, params: dict[str, str], field: str) -> None:
    response = world.client("admin").get(f"{API}certificates/", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_expiring_filter_and_status(world: World) -> None:
    assert record_certificate(world, "issuer", issued=-300, expires=12, kind="fire-watch").status_code == 201
    rows = world.client("admin").get(f"{API}certificates/", {"expiring": "30"}).json()["results"]
    assert [(r["holder"]["name"], r["status"], r["days_left"]) for r in rows] == [
        (world["issuer"].name, "expiring", 12)
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "no-such-kind"}, "kind"),
        ({"holder_user": None, "holder_worker": None}, "holder_user"),
        ({"expires_on": "2000-01-01"}, "expires_on"),
        ({"issued_on": "not a date"}, "issued_on"),
        ({"status": "valid"}, "status"),
        ({"holder_user": 999999}, "holder_user"),
    ],
)
def test_bad_certificates_are_400_and_change_nothing(world: World, body: dict[str, Any], field: str) -> None:
    base = {
        "project": world.acme.project.id,
        "holder_user": world["verifier"].id,
        "kind": "fire-watch",
        "number": "FW-1",
        "issued_on": today().isoformat(),
        "expires_on": (today() + timedelta(days=100)).isoformat(),
    }
    payload = {k: v for k, v in {**base, **body}.items() if v is not None}
    before = Certificate.objects.count()
    response = world.client("admin").post(f"{API}certificates/", payload, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    assert Certificate.objects.count() == before


def test_holder_of_another_tenant_is_refused(world: World) -> None:
    response = world.client("admin").post(
        f"{API}certificates/",
        {
            "project": world.acme.project.id,
            "holder_user": world["outsider"].id,
            "kind": "fire-watch",
            "number": "X",
            "issued_on": today().isoformat(),
            "expires_on": (today() + timedelta(days=10)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 400


def test_renew_stale_is_409_and_revoke_needs_reason(world: World) -> None:
    cert = certificates_of(world, "verifier")[0]
    stale = world.client("admin").post(
        f"{API}certificates/{cert.id}/renew/",
        {"issued_on": today().isoformat(), "expires_on": (today() + timedelta(days=9)).isoformat(), "version": 99},
        format="json",
    )
    assert stale.status_code == 409
    no_reason = world.client("admin").post(
        f"{API}certificates/{cert.id}/revoke/", {"reason": " ", "version": cert.version}, format="json"
    )
    assert no_reason.status_code == 400
    by_member = world.client("verifier").post(
        f"{API}certificates/{cert.id}/revoke/", {"reason": "x", "version": cert.version}, format="json"
    )
    assert by_member.status_code == 403
    by_outsider = world.client("outsider").post(
        f"{API}certificates/{cert.id}/revoke/", {"reason": "x", "version": cert.version}, format="json"
    )
    assert by_outsider.status_code == 404
    revoke_all(world, "verifier")
    again = world.client("admin").post(
        f"{API}certificates/{cert.id}/revoke/", {"reason": "x", "version": cert.version + 1}, format="json"
    )
    assert again.status_code == 409


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(out, format="PNG")
    return out.getvalue()


def test_evidence_is_judged_by_content_and_served_in_scope(world: World) -> None:
    base = {
        "project": world.acme.project.id,
        "holder_user": world["issuer"].id,
        "kind": "fire-watch",
        "number": "FW-9",
        "issued_on": today().isoformat(),
        "expires_on": (today() + timedelta(days=100)).isoformat(),
    }
    bad = SimpleUploadedFile("card.png", b"MZ\x90\x00 not an image", "image/png")
    refused = world.client("admin").post(f"{API}certificates/", {**base, "evidence": bad})
    assert refused.status_code == 400
    good = SimpleUploadedFile("card.jpg", png(), "image/jpeg")
    created = world.client("admin").post(f"{API}certificates/", {**base, "evidence": good})
    assert created.status_code == 201, created.json()
    assert created.json()["evidence_type"] == "image/png"
    url = created.json()["evidence_url"]
    served = world.client("viewer").get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert world.client("outsider").get(url).status_code == 404


def test_workers_search_scope_and_unique_id(world: World) -> None:
    body = {"project": world.acme.project.id, "name": "Ana Ropes", "company": "Ropes Ltd", "id_number": "RL-7"}
    assert world.client("viewer").post(f"{API}workers/", body, format="json").status_code == 403
    assert world.client("requester").post(f"{API}workers/", body, format="json").status_code == 201
    again = world.client("requester").post(f"{API}workers/", body, format="json")
    assert again.status_code == 400
    assert "id_number" in again.json()["error"]["fields"]
    found = world.client("verifier").get(f"{API}workers/", {"q": "ropes"}).json()["results"]
    assert [w["name"] for w in found] == ["Ana Ropes"]
    assert world.client("outsider").get(f"{API}workers/", {"q": "ropes"}).json()["results"] == []
    outsider_pick = world.client("outsider").post(
        f"{URL}{world.create('general')['id']}/workers/", {"worker": found[0]["id"]}, format="json"
    )
    assert outsider_pick.status_code == 404
    worker = Worker.objects.get(id_number="RL-7")
    stale = world.client("admin").patch(f"{API}workers/{worker.id}/", {"name": "Ana R.", "version": 5}, format="json")
    assert stale.status_code == 409
    renamed = world.client("admin").patch(
        f"{API}workers/{worker.id}/", {"name": "Ana R."}, format="json", headers={"If-Match": '"1"'}
    )
    assert renamed.status_code == 200, renamed.json()
    assert (
        world.client("requester")
        .patch(f"{API}workers/{worker.id}/", {"name": "X"}, format="json", headers={"If-Match": '"2"'})
        .status_code
        == 403
    )


def test_permit_type_names_required_competencies(world: World) -> None:
    world.acme.people["admin"].is_tenant_admin = True
    world.acme.people["admin"].save()
    ptype = world.ptype("general")
    url = f"/api/v1/ptw/permit-types/{ptype.id}/"
    shown = world.client("requester").get(url).json()
    assert shown["required_competencies"] == {}
    bad_role = world.client("admin").patch(
        url, {"required_competencies": {"janitor": ["fire-watch"]}, "version": ptype.version}, format="json"
    )
    assert bad_role.status_code == 400
    bad_kind = world.client("admin").patch(
        url, {"required_competencies": {"workers": ["no-such"]}, "version": ptype.version}, format="json"
    )
    assert bad_kind.status_code == 400
    good = world.client("admin").patch(
        url, {"required_competencies": {"workers": ["fire-watch"]}, "version": ptype.version}, format="json"
    )
    assert good.status_code in (200, 204), good.json()
    assert world.client("requester").get(url).json()["required_competencies"] == {"workers": ["fire-watch"]}


def test_expiring_certificates_are_announced_once_to_holder_and_admins(world: World) -> None:
    from ptw.notifications.models import Notification
    from ptw.notifications.services.produce import outbox_notify
    from ptw.permits.services.competency import certificates_expiring_announce

    assert record_certificate(world, "issuer", issued=-300, expires=12, kind="fire-watch").status_code == 201
    assert certificates_expiring_announce() == 1
    assert certificates_expiring_announce() == 0
    outbox_notify()
    received = set(Notification.objects.filter(kind="competency_expiring").values_list("recipient__email", flat=True))
    assert received == {world["issuer"].email, world["admin"].email}
    note = Notification.objects.filter(kind="competency_expiring").first()
    assert note is not None
    assert "Fire watch" in note.title and world["issuer"].name in note.title
    assert note.link == f"/competency?project={world.acme.project.id}"
