"""Measuring endpoints of a running server: latency percentiles and throughput under concurrent load, and the
SQL queries one request costs (counted in-process on the same database)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

# One benchmark operation: given a client and the operation's number, make its request(s); returns the last status.
Operation = Callable[[httpx.Client, int], int]


@dataclass
class Result:
    name: str
    requests: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    per_second: float
    queries: int | None


def load(
    base_url: str, headers: dict[str, str], operation: Operation, requests: int, concurrency: int
) -> tuple[list[float], float]:
    """Run `requests` operations from `concurrency` threads (a client each); latencies in ms and the wall time.

    The clients are made before the clock starts: an httpx client loads its TLS certificates when it is
    made (about 24 ms here), and eight of them made inside the measured time halved the trivial endpoint's requests
    per second, so the list's share of it read about twice what it is."""
    clients = [httpx.Client(base_url=base_url, headers=headers, timeout=60) for _ in range(concurrency)]

    def worker(offset: int) -> list[float]:
        latencies = []
        client = clients[offset]
        for number in range(offset, requests, concurrency):
            started = time.perf_counter()
            status = operation(client, number)
            latencies.append((time.perf_counter() - started) * 1000)
            if status >= 400:
                raise RuntimeError(f"the benchmark's request {number} answered {status}")
        return latencies

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            latencies = [value for chunk in pool.map(worker, range(concurrency)) for value in chunk]
        wall = time.perf_counter() - started
    finally:
        for client in clients:
            client.close()
    return latencies, wall


def summarise(name: str, latencies: list[float], wall: float, queries: int | None) -> Result:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return Result(name, len(latencies), cuts[49], cuts[94], cuts[98], len(latencies) / wall, queries)


def queries_of(client: Client, path: str, body: dict[str, object] | None = None) -> int:
    """How many SQL queries a GET (or, with a body, a POST) costs, served in this process by the same code."""
    # The log of queries is a bounded deque: once seeding has filled it, new queries would not lengthen it.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path) if body is None else client.post(path, body, content_type="application/json")
    if response.status_code >= 400:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return len(captured)
