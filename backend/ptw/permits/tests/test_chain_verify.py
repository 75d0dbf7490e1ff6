"""`GET …/events/verify/`: whether a permit's hash-chained timeline is intact, and where and why it breaks."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from ptw.permits.models import Permit, PermitEvent
from ptw.permits.services.events import event_note
from ptw.permits.tests.conftest import PATHS, URL, World

# The session, the user and their memberships, the permit in scope (its type joined, its people in one query), and one
# query streaming every event.
VERIFY_QUERIES = 6


def sql(statement: str, *params: Any) -> None:
    """Alter the stored timeline behind the application's back, as someone with database access could."""
    table = connection.ops.quote_name(PermitEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(statement.format(table=table), params)


def event_id(permit_id: int, seq: int) -> int:
    return PermitEvent.objects.get(permit_id=permit_id, seq=seq).id


def verify(world: World, permit_id: int, who: str = "viewer") -> Any:
    return world.client(who).get(f"{URL}{permit_id}/events/verify/")


def approved(world: World) -> int:
    """A permit whose timeline is create, submit, verify, approve (#1 to #4)."""
    permit = world.create()
    world.walk(permit["id"], PATHS["approved"])
    return int(permit["id"])


def test_an_untouched_timeline_is_intact_for_any_member_even_a_viewer(world: World) -> None:
    pid = approved(world)
    before = timezone.now()
    response = verify(world, pid)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body == {"permit_id": pid, "intact": True, "events": 4, "checked_at": body["checked_at"], "broken_at": None}
    assert before.isoformat() <= body["checked_at"].replace("Z", "+00:00")


def test_an_event_changed_in_the_database_breaks_the_chain_there(world: World) -> None:
    pid = approved(world)
    sql("UPDATE {table} SET comment = %s WHERE permit_id = %s AND seq = %s", "nothing to see", pid, 3)
    body = verify(world, pid).json()
    assert body["intact"] is False
    assert body["events"] == 4
    assert body["broken_at"] == {"seq": 3, "event_id": event_id(pid, 3), "reason": "changed"}


def test_a_changed_stored_hash_is_a_changed_event(world: World) -> None:
    pid = approved(world)
    sql("UPDATE {table} SET hash = %s WHERE permit_id = %s AND seq = %s", "f" * 64, pid, 2)
    assert verify(world, pid).json()["broken_at"] == {"seq": 2, "event_id": event_id(pid, 2), "reason": "changed"}


def test_a_deleted_event_breaks_the_chain_at_the_next_one_as_missing(world: World) -> None:
    pid = approved(world)
    sql("DELETE FROM {table} WHERE permit_id = %s AND seq = %s", pid, 3)
    body = verify(world, pid).json()
    assert body["intact"] is False
    assert body["events"] == 3
    assert body["broken_at"] == {"seq": 4, "event_id": event_id(pid, 4), "reason": "missing"}


def test_a_deleted_event_with_the_rest_renumbered_is_still_missing(world: World) -> None:
    pid = approved(world)
    last = event_id(pid, 4)
    sql("DELETE FROM {table} WHERE permit_id = %s AND seq = %s", pid, 3)
    sql("UPDATE {table} SET seq = 3 WHERE permit_id = %s AND seq = %s", pid, 4)
    assert verify(world, pid).json()["broken_at"] == {"seq": 3, "event_id": last, "reason": "missing"}


def test_two_events_swapped_in_the_numbering_are_reordered(world: World) -> None:
    pid = approved(world)
    verify_event, approve_event = event_id(pid, 3), event_id(pid, 4)
    sql("UPDATE {table} SET seq = 1000 WHERE permit_id = %s AND seq = %s", pid, 3)
    sql("UPDATE {table} SET seq = 3 WHERE permit_id = %s AND seq = %s", pid, 4)
    sql("UPDATE {table} SET seq = 4 WHERE permit_id = %s AND seq = %s", pid, 1000)
    body = verify(world, pid).json()
    assert body["broken_at"] == {"seq": 3, "event_id": approve_event, "reason": "reordered"}
    assert verify_event != approve_event


def test_another_tenants_permit_is_404_in_the_envelope(world: World) -> None:
    pid = approved(world)
    response = verify(world, pid, who="outsider")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert "intact" not in response.content.decode()


def test_a_permit_that_never_existed_is_404(world: World) -> None:
    response = verify(world, 987_654)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def _verify_queries(world: World, permit_id: int) -> int:
    client = APIClient()
    client.force_login(world["viewer"])
    client.get(f"{URL}{permit_id}/events/verify/")  # the session and memberships, read once per client
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"{URL}{permit_id}/events/verify/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_verifying_reads_the_events_in_one_query_however_many_there_are(world: World) -> None:
    short = approved(world)
    long = approved(world)
    permit = Permit.objects.get(pk=long)
    for n in range(60):
        event_note(permit, action="gas_test", actor=None, at=timezone.now(), comment=f"reading {n}")
    assert verify(world, long).json()["events"] == 64
    assert _verify_queries(world, short) == _verify_queries(world, long) == VERIFY_QUERIES


def test_post_is_405_in_the_envelope(world: World) -> None:
    pid = approved(world)
    response = world.client("requester").post(f"{URL}{pid}/events/verify/", {}, format="json")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
