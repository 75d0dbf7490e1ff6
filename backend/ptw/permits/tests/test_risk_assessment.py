"""The risk assessment through HTTP: a draft may wait for it, submitting and resubmitting need it on every type,
the score and level follow the 5x5 matrix's bands, and "not assessed" reads as such in lists and the document."""

from __future__ import annotations

from typing import Any

import pytest

from ptw.permits.choices import RISK_BANDS, risk_level_for
from ptw.permits.models import Permit, PermitEvent
from ptw.permits.seed import SEED_TYPES
from ptw.permits.tests.conftest import PATHS, URL, World
from ptw.permits.tests.test_documents import pdf_text
from ptw.permits.workflow import TRANSITIONS

NOT_ASSESSED = {"code": "risk_not_assessed", "message": "Assess the risk: choose probability and severity."}
CLEARED = {"probability": ("probability",), "severity": ("severity",), "both": ("probability", "severity")}
# Every seeded type, each action that sends a permit for review, and which part of the assessment is left out.
CASES = [
    (spec["code"], action, cleared)
    for spec in SEED_TYPES
    for action in ("submit", "resubmit")
    for cleared in sorted(CLEARED)
]


def unassessed_in(world: World, code: str, action: str, cleared: tuple[str, ...]) -> dict[str, Any]:
    """A permit of `code` from which `action` is taken, with `cleared` left empty: a draft created without them,
    or a rejected permit whose requester cleared them while fixing it."""
    if action == "submit":
        body = world.permit_body(code)
        for name in cleared:
            body.pop(name)
        response = world.client("requester").post(URL, body, format="json")
        assert response.status_code == 201, response.json()
        permit: dict[str, Any] = response.json()
        return permit
    permit = world.create(code, parameters=template_answers(world, code))
    world.walk(permit["id"], PATHS["rejected"])
    response = world.client("requester").patch(
        f"{URL}{permit['id']}/", dict.fromkeys(cleared), format="json", HTTP_IF_MATCH=f'"{permit["version"] + 2}"'
    )
    assert response.status_code == 200, response.json()
    edited: dict[str, Any] = response.json()
    return edited


def template_answers(world: World, code: str) -> dict[str, Any]:
    sample = {"number": 1, "boolean": True, "date": "2026-01-31"}
    return {
        f["key"]: f["options"][0] if f["type"] == "select" else sample.get(f["type"], "x")
        for f in world.ptype(code).form_fields
    }


def test_submit_and_resubmit_run_the_risk_guard() -> None:
    for action in ("submit", "resubmit"):
        assert "risk_assessed" in TRANSITIONS[action].guards, action


@pytest.mark.parametrize(("code", "action", "cleared"), CASES)
def test_sending_an_unassessed_permit_for_review_is_refused(world: World, code: str, action: str, cleared: str) -> None:
    permit = unassessed_in(world, code, action, CLEARED[cleared])
    events = PermitEvent.objects.filter(permit_id=permit["id"]).count()
    readiness = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()["actions"][action]
    assert readiness["allowed"] is False
    assert NOT_ASSESSED in readiness["missing"]

    response = world.act(permit["id"], action, "requester")
    assert response.status_code == 422, response.json()
    assert response.json()["error"]["code"] == "guard_failed"
    assert NOT_ASSESSED in response.json()["error"]["missing"]
    stored = Permit.objects.get(pk=permit["id"])
    assert (stored.status, stored.version) == (permit["status"], permit["version"])
    assert PermitEvent.objects.filter(permit_id=permit["id"]).count() == events


def test_a_draft_may_wait_for_its_assessment_and_is_sent_once_assessed(world: World) -> None:
    body = world.permit_body()
    del body["probability"], body["severity"]
    created = world.client("requester").post(URL, body, format="json")
    assert created.status_code == 201, created.json()
    permit = created.json()
    assert [permit[name] for name in ("probability", "severity", "risk_score", "risk_level")] == [None] * 4

    assessed = world.client("requester").patch(
        f"{URL}{permit['id']}/", {"probability": 4, "severity": 5}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert assessed.status_code == 200, assessed.json()
    assert (assessed.json()["risk_score"], assessed.json()["risk_level"]) == (20, "extreme")
    readiness = world.client("requester").get(f"{URL}{permit['id']}/readiness/").json()["actions"]["submit"]
    assert readiness == {"allowed": True, "relevant": True, "missing": []}
    assert world.act(permit["id"], "submit", "requester").status_code == 200


def test_a_draft_may_clear_its_assessment_again(world: World) -> None:
    permit = world.create()
    assert (permit["risk_score"], permit["risk_level"]) == (12, "high")
    cleared = world.client("requester").patch(
        f"{URL}{permit['id']}/", {"severity": None}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert cleared.status_code == 200, cleared.json()
    assert [cleared.json()[name] for name in ("probability", "severity", "risk_score", "risk_level")] == [
        3,
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(("probability", "severity"), [(p, s) for p in range(1, 6) for s in range(1, 6)])
def test_every_cell_of_the_matrix_scores_as_the_bands_say(world: World, probability: int, severity: int) -> None:
    permit = world.create(probability=probability, severity=severity)
    band = next(level for level, top in RISK_BANDS if probability * severity <= top)
    assert (permit["risk_score"], permit["risk_level"]) == (probability * severity, band)


def test_the_permit_type_carries_the_bands_the_server_scores_with(world: World) -> None:
    types = world.client("requester").get("/api/v1/ptw/permit-types/", {"project": world.acme.project.id}).json()
    expected = [{"level": "low", "max_score": 4}, {"level": "medium", "max_score": 9}]
    expected += [{"level": "high", "max_score": 16}, {"level": "extreme", "max_score": 25}]
    for ptype in types:
        assert ptype["risk_bands"] == expected
    # The bands, read as the UI reads them, give the server's level in every cell of the matrix.
    for score in {p * s for p in range(1, 6) for s in range(1, 6)}:
        from_bands = next(band["level"] for band in expected if score <= band["max_score"])
        assert from_bands == risk_level_for(score), score


def test_the_list_filters_and_orders_unassessed_permits(world: World) -> None:
    low = world.create(probability=1, severity=2)
    high = world.create(probability=4, severity=4)
    body = world.permit_body()
    del body["probability"], body["severity"]
    unassessed = world.client("requester").post(URL, body, format="json").json()
    client = world.client("requester")

    def ids(**params: str) -> list[int]:
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids(risk_level="not_assessed") == [unassessed["id"]]
    assert ids(risk_level="high") == [high["id"]]
    assert ids(ordering="risk_score") == [low["id"], high["id"], unassessed["id"]]
    assert ids(ordering="-risk_score") == [high["id"], low["id"], unassessed["id"]]
    listed = {row["id"]: row for row in client.get(URL).json()["results"]}
    assert (listed[unassessed["id"]]["risk_score"], listed[unassessed["id"]]["risk_level"]) == (None, None)


def test_the_document_of_an_unassessed_draft_says_so(world: World) -> None:
    body = world.permit_body()
    del body["probability"], body["severity"]
    permit = world.client("requester").post(URL, body, format="json").json()
    text = pdf_text(world.client("requester").get(f"{URL}{permit['id']}/document/").content)
    assert "Risk: Not assessed" in text
    assessed = world.create(probability=2, severity=4)
    assert "Risk: Medium (8)" in pdf_text(world.client("requester").get(f"{URL}{assessed['id']}/document/").content)
