"""`make bench`: seed a data set into a throwaway PostgreSQL database, serve it with gunicorn, and measure the
main endpoints beside a trivial one (the stack's ceiling): latency percentiles, throughput, queries per request."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta
from typing import Any

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.utils import timezone

from ptw.accounts.services.tokens import token_create
from ptw.ops.bench.dataset import dataset_build
from ptw.ops.bench.measure import Result, load, queries_of, summarise
from ptw.permits.models import Permit, PermitType

PERMITS = "/api/v1/ptw/permits/"
SUMMARY = f"{PERMITS}reports_summary/"


class Command(BaseCommand):
    help = "Benchmark the main endpoints on PostgreSQL against a seeded data set."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--permits", type=int, default=2000, help="permits in the data set (default 2000)")
        parser.add_argument("--requests", type=int, default=300, help="requests per endpoint (default 300)")
        parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients (default 8)")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL (make bench does).")
        creation = connection.creation
        original = connection.settings_dict["NAME"]
        name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            self._run(name, options)
        finally:
            creation.destroy_test_db(original, verbosity=0)

    def _run(self, database: str, options: dict[str, Any]) -> None:
        started = time.monotonic()
        site = dataset_build(options["permits"])
        self.stdout.write(
            f"data set: {Permit.objects.count()} permits over {Permit.objects.values('status').distinct().count()} "
            f"statuses, seeded in {time.monotonic() - started:.0f} s (database {database})"
        )
        requester = site.people["requester"]
        _token, secret = token_create(user=requester, name="bench")
        headers = {"Authorization": f"Bearer {secret}", "Accept": "application/json"}
        project = site.project.id
        ids = list(Permit.objects.filter(project=site.project).values_list("id", flat=True))
        general = PermitType.objects.get(tenant=site.tenant, code="general")
        body = self._permit_body(project, general)
        sign = {"signature": {"method": "typed", "data": requester.name}}

        def get(path: str) -> Any:
            return lambda client, number: client.get(path.format(id=ids[number % len(ids)])).status_code

        def create_submit(client: httpx.Client, number: int) -> int:
            created = client.post(PERMITS, json=body)
            if created.status_code != 201:
                return created.status_code
            return client.post(f"{PERMITS}{created.json()['id']}/submit/", json=sign).status_code

        endpoints = [
            ("health (ceiling)", get("/api/v1/health/"), "/api/v1/health/", None),
            ("permit list (25)", get(f"{PERMITS}?project={project}"), f"{PERMITS}?project={project}", None),
            ("permit detail", get(PERMITS + "{id}/"), f"{PERMITS}{ids[0]}/", None),
            ("readiness", get(PERMITS + "{id}/readiness/"), f"{PERMITS}{ids[0]}/readiness/", None),
            ("reports summary", get(f"{SUMMARY}?project={project}"), f"{SUMMARY}?project={project}", None),
            ("create + submit", create_submit, PERMITS, body),
        ]
        local = Client()
        local.force_login(requester)
        server, base_url = self._serve(database)
        try:
            results = []
            for label, operation, sample_path, sample_body in endpoints:
                queries = queries_of(local, sample_path, sample_body) if label != "health (ceiling)" else None
                load(base_url, headers, operation, 20, 2)  # warm-up
                latencies, wall = load(base_url, headers, operation, options["requests"], options["concurrency"])
                results.append(summarise(label, latencies, wall, queries))
        finally:
            server.terminate()
            server.wait(timeout=30)
        self._report(results, options)

    def _permit_body(self, project: int, ptype: PermitType) -> dict[str, Any]:
        start = timezone.now().replace(microsecond=0)
        return {
            "project": project,
            "permit_type": ptype.id,
            "title": "Benchmark: replace gasket on P-101",
            "description": "Created by the benchmark.",
            "location": "Unit 100",
            "planned_start": start.isoformat(),
            "planned_end": (start + timedelta(hours=4)).isoformat(),
            "hazards": "Residual liquid.",
            "control_measures": "Drained and vented.",
            "probability": 2,
            "severity": 3,
            "ppe": list(ptype.mandatory_ppe),
            "checklist": {item["key"]: True for item in ptype.checklist},
        }

    def _serve(self, database: str) -> tuple[subprocess.Popen[bytes], str]:
        conf = connection.settings_dict
        url = f"postgres://{conf['USER'] or 'postgres'}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{database}"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PTW_", "DJANGO_"))}
        env.update(DATABASE_URL=url, PTW_ENV="development", DEBUG="false", PTW_OUTBOX_KICK="false")
        env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
        gunicorn = [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "config.wsgi"]
        server = subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--log-level", "warning"],
            cwd=settings.BACKEND_DIR,
            env=env,
        )
        base_url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base_url}/api/v1/health/", timeout=2).status_code == 200:
                    return server, base_url
            except httpx.HTTPError:
                time.sleep(0.2)
        server.terminate()
        raise CommandError("gunicorn did not answer within 30 s")

    def _report(self, results: list[Result], options: dict[str, Any]) -> None:
        ceiling = results[0]
        self.stdout.write(
            f"{options['requests']} requests per endpoint, {options['concurrency']} concurrent clients, "
            "gunicorn 2 workers x 4 threads on this machine\n"
        )
        header = f"{'endpoint':<20}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'req/s':>9}{'p50/ceiling':>13}{'queries':>9}"
        self.stdout.write(header)
        for r in results:
            queries = "-" if r.queries is None else str(r.queries)
            ratio = r.p50_ms / ceiling.p50_ms
            self.stdout.write(
                f"{r.name:<20}{r.p50_ms:>9.1f}{r.p95_ms:>9.1f}{r.p99_ms:>9.1f}{r.per_second:>9.0f}{ratio:>12.1f}x{queries:>9}"
            )
