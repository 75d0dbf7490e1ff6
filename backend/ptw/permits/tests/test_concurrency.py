"""Races decided by the database: first verifier wins, numbers stay gap-free under parallel creates."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

from ptw.permits.models import Permit, PermitTask
from ptw.permits.tests.conftest import World


def in_parallel(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run the calls at the same moment, each on its own thread and database connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_verifiers_of_the_pool_race_and_exactly_one_wins(tworld: World) -> None:
    permit = tworld.create()
    tworld.walk(permit["id"], [("submit", "requester")])
    clients = {who: tworld.client(who) for who in ("verifier", "verifier2")}
    url = f"/api/v1/ptw/permits/{permit['id']}/verify/"
    bodies = {who: tworld.signature(who, "verify") for who in clients}
    responses = in_parallel([lambda c=c, w=w: c.post(url, bodies[w], format="json") for w, c in clients.items()])
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409], [r.json() for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert loser.json()["error"]["code"] == "invalid_transition"
    stored = Permit.objects.get(pk=permit["id"])
    assert stored.status == "under_review"
    assert stored.version == permit["version"] + 2
    winner_name = next(r for r in responses if r.status_code == 200).json()["verifier"]["name"]
    tasks = {t.assignee.name: t.state for t in PermitTask.objects.filter(permit_id=permit["id"], kind="verify")}
    assert tasks[winner_name] == "done"
    assert sorted(tasks.values()) == ["done", "withdrawn"]


def test_twenty_parallel_creates_get_twenty_consecutive_numbers(tworld: World) -> None:
    client = tworld.client("requester")
    body = tworld.permit_body()
    responses = in_parallel([lambda: client.post("/api/v1/ptw/permits/", body, format="json") for _ in range(20)])
    assert [r.status_code for r in responses] == [201] * 20
    numbers = sorted(r.json()["permit_number"] for r in responses)
    year = numbers[0].split("-")[1]
    assert numbers == [f"PTW-{year}-{n:06d}" for n in range(1, 21)]
