"""Comments: a line on the permit's hash-chained timeline, from members who act, also sent later by a device."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ptw.permits.chain import chain_verify
from ptw.permits.models import Permit, PermitEvent
from ptw.permits.tests.conftest import PATHS, URL, World


def comment(world: World, permit_id: int, who: str = "requester", **body: Any) -> Any:
    return world.client(who).post(
        f"{URL}{permit_id}/comments/", {"text": "Scaffold tag checked.", **body}, format="json"
    )


def comments(permit_id: int) -> list[PermitEvent]:
    return list(PermitEvent.objects.filter(permit_id=permit_id, action="comment"))


@pytest.mark.parametrize("who", ["requester", "verifier", "issuer", "admin"])
def test_members_who_act_comment_and_everyone_reads_it_on_the_timeline(world: World, who: str) -> None:
    permit = world.create()
    response = comment(world, permit["id"], who)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["action"], body["comment"], body["actor"]["name"]) == (
        "comment",
        "Scaffold tag checked.",
        world[who].name,
    )
    timeline = world.client("viewer").get(f"{URL}{permit['id']}/events/").json()["results"]
    assert timeline[-1]["id"] == body["id"]
    assert chain_verify(Permit.objects.get(pk=permit["id"])).valid


def test_a_viewer_cannot_comment_and_an_outsider_finds_no_permit(world: World) -> None:
    permit = world.create()
    assert comment(world, permit["id"], "viewer").status_code == 403
    assert comment(world, permit["id"], "outsider").status_code == 404
    assert comments(permit["id"]) == []


def test_a_comment_sent_later_keeps_when_it_was_written(world: World) -> None:
    permit = world.create()
    written = (timezone.now() - timedelta(hours=3)).replace(microsecond=0)
    response = comment(world, permit["id"], written_at=written.isoformat(), permit_version=permit["version"])
    assert response.status_code == 201, response.json()
    assert response.json()["changes"] == {"written_at": [None, written.isoformat()]}


def test_a_comment_written_before_the_permit_moved_on_is_refused(world: World) -> None:
    permit = world.create()
    world.walk(permit["id"], PATHS["submitted"])
    response = comment(world, permit["id"], permit_version=permit["version"])
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "permit_moved_on"
    assert comments(permit["id"]) == []


def test_a_replayed_comment_is_written_once(world: World) -> None:
    permit = world.create()
    client = world.client("requester")
    sent = [
        client.post(
            f"{URL}{permit['id']}/comments/", {"text": "Barrier up."}, format="json", HTTP_IDEMPOTENCY_KEY="c-1"
        )
        for _ in range(2)
    ]
    assert [r.status_code for r in sent] == [201, 201]
    assert sent[0].json()["id"] == sent[1].json()["id"]
    assert len(comments(permit["id"])) == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 2001}, "text"),
        ({"text": 5}, "text"),
        ({}, "text"),
        ({"text": "ok", "written_at": "yesterday"}, "written_at"),
        ({"text": "ok", "written_at": (timezone.now() + timedelta(hours=1)).isoformat()}, "written_at"),
        ({"text": "ok", "written_at": (timezone.now() - timedelta(hours=25)).isoformat()}, "written_at"),
        ({"text": "ok", "actor": 1}, "actor"),
    ],
)
def test_bad_comments_are_400_and_write_nothing(world: World, body: dict[str, Any], field: str) -> None:
    permit = world.create()
    response = world.client("requester").post(f"{URL}{permit['id']}/comments/", body, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()["error"]["fields"]
    assert comments(permit["id"]) == []
