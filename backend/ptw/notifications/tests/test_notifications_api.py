"""The list, one notification read, all read: only the caller's own, only from projects they still belong to."""

from __future__ import annotations

from typing import Any

from ptw.accounts.models import Membership
from ptw.notifications.models import Notification
from ptw.notifications.tests.conftest import NOTIFICATIONS, World, notify


def test_a_pool_task_lists_for_each_verifier_with_the_house_envelope(world: World, submitted: dict[str, Any]) -> None:
    body = world.client("verifier").get(NOTIFICATIONS).json()
    assert set(body) == {"count", "count_exact", "next", "previous", "results"} and body["count_exact"] is True
    assert body["count"] == 1
    item = body["results"][0]
    assert set(item) == {
        "id",
        "kind",
        "category",
        "title",
        "body",
        "permit",
        "project",
        "link",
        "created_at",
        "read_at",
        "withdrawn_at",
        "toast",
    }
    assert item["kind"] == "task_verify"
    assert item["category"] == "task"
    assert item["toast"] is True
    assert item["permit"] == {
        "id": submitted["id"],
        "permit_number": submitted["permit_number"],
        "title": submitted["title"],
        "location": submitted["location"],
    }
    assert item["project"] == {"id": world.acme.project.id, "name": world.acme.project.name}
    assert item["link"] == f"/permits/{submitted['id']}?project={world.acme.project.id}"
    assert item["read_at"] is None and item["withdrawn_at"] is None
    assert world.client("verifier2").get(NOTIFICATIONS).json()["count"] == 1


def test_nobody_outside_the_pool_sees_it(world: World, submitted: dict[str, Any]) -> None:
    for persona in ("requester", "issuer", "issuer2", "admin", "viewer", "outsider"):
        assert world.client(persona).get(NOTIFICATIONS).json()["count"] == 0, persona


def test_newest_first_unread_and_after(world: World, submitted: dict[str, Any]) -> None:
    world.walk(submitted["id"], [("reject", "verifier")])
    second = world.create()
    world.walk(second["id"], [("submit", "requester")])
    notify()
    client = world.client("verifier2")
    results = client.get(NOTIFICATIONS).json()["results"]
    ids = [item["id"] for item in results]
    assert ids == sorted(ids, reverse=True) and len(ids) == 2
    # The first task was taken by the other verifier: withdrawn, so not unread.
    unread = client.get(NOTIFICATIONS, {"unread": "true"}).json()
    assert [item["id"] for item in unread["results"]] == [ids[0]]
    after = client.get(NOTIFICATIONS, {"after": ids[1]}).json()
    assert [item["id"] for item in after["results"]] == [ids[0]]


def test_read_one_then_all(world: World, submitted: dict[str, Any]) -> None:
    client = world.client("verifier")
    item = client.get(NOTIFICATIONS).json()["results"][0]
    response = client.post(f"{NOTIFICATIONS}{item['id']}/read/")
    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    again = client.post(f"{NOTIFICATIONS}{item['id']}/read/").json()
    assert again["read_at"] == response.json()["read_at"]
    assert client.post(f"{NOTIFICATIONS}read-all/").json() == {"marked": 0}
    other = world.client("verifier2")
    assert other.post(f"{NOTIFICATIONS}read-all/").json() == {"marked": 1}
    assert other.post(f"{NOTIFICATIONS}read-all/").json() == {"marked": 0}


def test_someone_elses_notification_is_not_found_and_unchanged(world: World, submitted: dict[str, Any]) -> None:
    theirs = Notification.objects.get(recipient=world["verifier"])
    for persona in ("verifier2", "admin", "outsider"):
        response = world.client(persona).post(f"{NOTIFICATIONS}{theirs.id}/read/")
        assert response.status_code == 404, persona
        assert response.json()["error"]["code"] == "not_found"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_former_member_no_longer_sees_the_projects_notifications(world: World, submitted: dict[str, Any]) -> None:
    Membership.objects.filter(user=world["verifier"], project=world.acme.project).update(is_active=False)
    client = world.client("verifier")
    assert client.get(NOTIFICATIONS).json()["count"] == 0
    theirs = Notification.objects.get(recipient=world["verifier"])
    assert client.post(f"{NOTIFICATIONS}{theirs.id}/read/").status_code == 404


def test_bad_query_parameters_are_400(world: World, submitted: dict[str, Any]) -> None:
    client = world.client("verifier")
    for params in ({"unread": "yes"}, {"after": "-1"}, {"after": "x"}, {"page": "0"}, {"page_size": "1000"}):
        response = client.get(NOTIFICATIONS, params)
        assert response.status_code == 400, params
        assert response.json()["error"]["code"] == "invalid"


def test_unauthenticated_is_refused(api: Any) -> None:
    assert api.get(NOTIFICATIONS).status_code in (401, 403)
    assert api.post(f"{NOTIFICATIONS}read-all/").status_code in (401, 403)


def test_the_list_query_count_does_not_grow_with_the_page(
    world: World, submitted: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    for _ in range(5):
        permit = world.create()
        world.walk(permit["id"], [("submit", "requester")])
    notify()
    client = world.client("verifier")
    with django_assert_max_num_queries(3):
        body = client.get(NOTIFICATIONS).json()
    assert body["count"] == 6
