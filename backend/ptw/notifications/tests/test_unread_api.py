"""The unread count the bell polls: count and newest id, an ETag, 304 while nothing changed, two queries at most."""

from __future__ import annotations

from typing import Any

from ptw.notifications.tests.conftest import NOTIFICATIONS, World, notify

UNREAD = f"{NOTIFICATIONS}unread/"


def test_count_and_newest(world: World, submitted: dict[str, Any]) -> None:
    client = world.client("verifier")
    newest = client.get(NOTIFICATIONS).json()["results"][0]["id"]
    assert client.get(UNREAD).json() == {"count": 1, "newest_id": newest}
    assert world.client("requester").get(UNREAD).json() == {"count": 0, "newest_id": None}


def test_etag_answers_304_until_something_changes(world: World, submitted: dict[str, Any]) -> None:
    client = world.client("verifier")
    first = client.get(UNREAD)
    tag = first["ETag"]
    unchanged = client.get(UNREAD, HTTP_IF_NONE_MATCH=tag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    client.post(f"{NOTIFICATIONS}read-all/")
    after_read = client.get(UNREAD, HTTP_IF_NONE_MATCH=tag)
    assert after_read.status_code == 200
    assert after_read.json()["count"] == 0
    assert after_read["ETag"] != tag


def test_a_withdrawn_task_is_not_counted(world: World, submitted: dict[str, Any]) -> None:
    world.walk(submitted["id"], [("verify", "verifier")])
    notify()
    assert world.client("verifier2").get(UNREAD).json()["count"] == 0


def test_it_costs_at_most_two_queries(
    world: World, submitted: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    client = world.client("verifier")
    with django_assert_max_num_queries(2):
        assert client.get(UNREAD).status_code == 200


def test_unauthenticated_is_refused(api: Any) -> None:
    assert api.get(UNREAD).status_code in (401, 403)
