"""`make bench`: seed a data set into a PostgreSQL database (a throwaway one unless `--keep` or `--reuse`), serve
it with gunicorn, and measure every read endpoint beside a trivial one (the stack's ceiling): p50/p95 single
client, requests per second under concurrent clients, SQL queries per request, and the ratio to the ceiling.
Exits non-zero when a budget (`ptw/ops/bench/budgets.py`) is missed, after printing the plan of the slowest
query of each endpoint that missed it. See docs/benchmarks.md."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ptw.accounts.models import Project, User
from ptw.accounts.services.tokens import token_create
from ptw.core.pagination import count_limit
from ptw.ops.bench.budgets import LIST_THROUGHPUT_SHARE, budget_ms, export_budget_s
from ptw.ops.bench.dataset import dataset_build, live_share
from ptw.ops.bench.measure import Result, load, summarise
from ptw.permits.filters import ORDERING_FIELDS
from ptw.permits.models import Permit, PermitType
from ptw.reports.metrics import EXCEPTION_KINDS

API = "/api/v1/ptw/"
PERMITS = f"{API}permits/"
HEALTH = "/api/v1/health/"
# Requests per client before an endpoint is measured: a prepared read (decision 0028) is planned for its values five
# times on each connection before PostgreSQL keeps its generic plan.
WARM_UP_PER_CLIENT = 10
# The ceiling and the list's first page, whose throughputs the list's share compares, are loaded with this many times
# the requests: 100 requests at 1,000 a second last a tenth of a second, too short to weigh.
SHARE_LOAD = 4
CEILING, FIRST_PAGE, KEPT = "health (ceiling)", "list page 1", "list page 1, kept"
SHARE_PAIR = (CEILING, FIRST_PAGE, KEPT)
# Every request asks for a page read anew (the list's kept pages, decision 0031, are not served to it), except for
# the endpoints marked `kept`: the same page asked again while nothing changed, as the list's throughput share counts.
READ_ANEW = {"Cache-Control": "no-cache"}
PAGE = 25
READER = "issuer"  # the person every request is made as: the most waits for them, and they see the reports


@dataclass
class Endpoint:
    label: str
    kind: str | None  # the budget that applies (budgets.py), None for the ceiling
    paths: list[str]  # requests cycle through these (e.g. one permit after another)
    kept: bool = False  # asked without `Cache-Control: no-cache`: the server may answer with the page it kept


@dataclass
class Measured:
    endpoint: Endpoint
    single: Result
    concurrent: Result | None
    queries: int
    slowest_sql: str
    budget: float | None

    @property
    def missed(self) -> bool:
        return self.budget is not None and self.single.p95_ms > self.budget


class Command(BaseCommand):
    help = "Benchmark every read endpoint on PostgreSQL against a seeded data set, and enforce the budgets."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--permits", type=int, default=2000, help="permits in the data set (default 2000)")
        parser.add_argument("--projects", type=int, default=1, help="projects the permits are spread over")
        parser.add_argument("--requests", type=int, default=100, help="requests per endpoint and run (default 100)")
        parser.add_argument("--concurrency", type=int, default=8, help="concurrent clients (default 8)")
        parser.add_argument("--no-budgets", action="store_true", help="measure and print, fail on no budget")
        parser.add_argument("--keep", action="store_true", help="keep the seeded database (its name is printed)")
        parser.add_argument("--reuse", metavar="DATABASE", help="measure a database seeded before with --keep")
        parser.add_argument("--seed-only", action="store_true", help="seed (with --keep) and stop")
        parser.add_argument(
            "--again",
            type=int,
            default=0,
            metavar="N",
            help="measure an endpoint that missed its budget again, up to N times; the last measure stands (default 0)",
        )
        parser.add_argument("--only", metavar="TEXT", help="measure only the endpoints whose label contains TEXT")
        parser.add_argument(
            "--no-share-budget",
            action="store_true",
            help="print the list's throughput share without failing on it (every other budget enforced)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL (make bench does).")
        if options["reuse"]:
            connection.close()
            connection.settings_dict["NAME"] = options["reuse"]
            self._measure(options["reuse"], options)
            return
        creation = connection.creation
        original = connection.settings_dict["NAME"]
        name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            data = dataset_build(options["permits"], options["projects"], progress=self._say)
            self._say(
                f"data set: {data.permits} permits over {len(data.projects)} project(s), "
                f"{live_share(data.statuses):.0%} live, seeded in {data.seconds:.0f} s; "
                f"{data.chains_checked} sampled chains verify; database {name}"
            )
            self._say("rows: " + ", ".join(f"{table} {count}" for table, count in data.rows.items()))
            self._say("statuses: " + ", ".join(f"{s} {n}" for s, n in sorted(data.statuses.items())))
            if not options["seed_only"]:
                self._measure(name, options)
        finally:
            if options["keep"] or options["seed_only"]:
                self._say(f"kept database {name}: measure it again with --reuse {name}")
                connection.close()
                connection.settings_dict["NAME"] = original
            else:
                creation.destroy_test_db(original, verbosity=0)

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    # -- what is measured ---------------------------------------------------------------------------------

    def _endpoints(self, reader: User, project: Project) -> list[Endpoint]:
        # The UI's pager reaches the pages within the list's count bound (decision 0015): the last of those is the
        # deepest page anyone can ask for.
        reachable = min(Permit.objects.filter(project=project).count(), count_limit())
        last = max(1, -(-reachable // PAGE))
        ids = list(
            Permit.objects.filter(project=project).order_by("?").values_list("id", flat=True)[:200]
        )  # a random sample: details come from everywhere in the table
        base = f"{PERMITS}?project={project.id}"
        ptype = PermitType.objects.filter(tenant=project.tenant, code="hot-work").first() or PermitType.objects.first()
        title = Permit.objects.filter(project=project).values_list("title", flat=True).first() or "pump"
        word = max(title.split(), key=len)  # a word people would search for, not a number
        today = timezone.localdate()
        board_day = timezone.now().astimezone(project.tz).date().isoformat()
        year_ago, month_before = today - timedelta(days=365), today - timedelta(days=395)
        people = {p.email.split("@")[0]: p.id for p in User.objects.filter(tenant=project.tenant)}
        lists: list[tuple[str, str]] = [
            (FIRST_PAGE, base),
            (f"list page {last // 2} (middle)", f"{base}&page={max(1, last // 2)}"),
            (f"list page {last} (last)", f"{base}&page={last}"),
            ("list status=active", f"{base}&status=active"),
            ("list status=submitted,under_review", f"{base}&status=submitted,under_review"),
            ("list status=completed", f"{base}&status=completed"),
            ("list permit_type", f"{base}&permit_type={ptype.id if ptype else 0}"),
            ("list category=hot_work", f"{base}&category=hot_work"),
            ("list risk_level=high", f"{base}&risk_level=high"),
            ("list priority=urgent", f"{base}&priority=urgent"),
            ("list requester", f"{base}&requester={people.get('requester', 0)}"),
            ("list verifier", f"{base}&verifier={people.get('verifier', 0)}"),
            ("list issuer", f"{base}&issuer={people.get('issuer', 0)}"),
            ("list created a year ago (month)", f"{base}&created_from={month_before}&created_to={year_ago}"),
            ("list starts a year ago (month)", f"{base}&starts_from={month_before}&starts_to={year_ago}"),
            (f"list search={word}", f"{base}&search={word}"),
            ("list mine=requested", f"{base}&mine=requested"),
            ("list mine=tasks", f"{base}&mine=tasks"),
        ]
        for name in ORDERING_FIELDS:
            lists += [
                (f"list ordering={name}", f"{base}&ordering={name}"),
                (f"list ordering=-{name}", f"{base}&ordering=-{name}"),
            ]
        endpoints = [Endpoint(CEILING, None, [HEALTH])]
        endpoints += [Endpoint(label, "list", [path]) for label, path in lists]
        endpoints.insert(2, Endpoint(KEPT, "list", [base], kept=True))
        endpoints += [
            Endpoint("permit detail", "record", [f"{PERMITS}{pid}/" for pid in ids]),
            Endpoint("readiness", "record", [f"{PERMITS}{pid}/readiness/" for pid in ids]),
            Endpoint("events", "record", [f"{PERMITS}{pid}/events/" for pid in ids]),
            Endpoint("tasks (waiting for me)", "list", [f"{API}tasks/"]),
            Endpoint("isolation register", "list", [f"{API}isolations/?project={project.id}"]),
            Endpoint("reports summary", "summary", [f"{PERMITS}reports_summary/?project={project.id}"]),
            # The control room's screen refreshes the day's board every 30 s; a permit page shows its conflicts.
            Endpoint("site board (today)", "board", [f"{API}board/?project={project.id}&date={board_day}"]),
            Endpoint("permit conflicts", "board", [f"{PERMITS}{pid}/conflicts/" for pid in ids]),
        ]
        endpoints += [
            Endpoint(f"exception {kind}", "list", [f"{PERMITS}reports_exceptions/?project={project.id}&kind={kind}"])
            for kind in EXCEPTION_KINDS
        ]
        del reader
        return endpoints

    def _measure(self, database: str, options: dict[str, Any]) -> None:
        reader = User.objects.filter(email__startswith=f"{READER}@", tenant__name="Bench").first()
        if reader is None:
            raise CommandError(f"database {database} holds no benchmark data set (seed one with --keep)")
        project = Project.objects.filter(tenant=reader.tenant).order_by("id").first()
        assert project is not None
        permits = Permit.objects.count()
        _token, secret = token_create(user=reader, name="bench")
        headers = {"Authorization": f"Bearer {secret}", "Accept": "application/json", **READ_ANEW}
        local = Client()
        local.force_login(reader)
        endpoints = self._endpoints(reader, project)
        if options["only"]:
            endpoints = [e for e in endpoints if e.label == CEILING or options["only"] in e.label]
        requests, concurrency = options["requests"], options["concurrency"]
        server, base_url = self._serve(database, permits)
        measured: list[Measured] = []
        try:
            self._say(
                f"measuring {len(endpoints)} endpoints as the {READER}, {requests} requests each single-client "
                f"and with {concurrency} clients; gunicorn 2 workers x 4 threads; {permits} permits"
            )
            for endpoint in endpoints:
                measured.append(self._endpoint(endpoint, local, base_url, headers, options, permits))
                self._line(measured[-1], measured[0])
            for _ in range(options["again"]):
                measured = self._again(measured, local, base_url, headers, options, permits)
            # The export takes seconds per 100k rows: measured in a full run, or with `--only export`.
            only = options["only"]
            export = self._export(base_url, headers, project, server.pid) if not only or only in "CSV export" else None
        finally:
            server.terminate()
            server.wait(timeout=60)
        self._verdict(measured, export, permits, options["no_budgets"], options["no_share_budget"])

    def _endpoint(
        self,
        endpoint: Endpoint,
        local: Client,
        base_url: str,
        headers: dict[str, str],
        options: dict[str, Any],
        permits: int,
    ) -> Measured:
        """One endpoint: its queries counted in-process, then single-client latencies and concurrent throughput."""
        paths, requests, concurrency = endpoint.paths, options["requests"], options["concurrency"]
        if endpoint.kept:
            headers = {name: value for name, value in headers.items() if name not in READ_ANEW}

        def operation(client: httpx.Client, number: int) -> int:
            return client.get(paths[number % len(paths)]).status_code

        queries, slowest = self._queries(local, paths[0], kept=endpoint.kept)
        # Warm-up: every thread's connection runs the endpoint's prepared reads often enough to have kept their plans
        # (decision 0028), as a server in use has; a connection lives 60 s.
        load(base_url, headers, operation, min(WARM_UP_PER_CLIENT, requests) * concurrency, concurrency)
        single = summarise(endpoint.label, *load(base_url, headers, operation, requests, 1), queries)
        loaded = requests * SHARE_LOAD if endpoint.label in SHARE_PAIR else requests
        latencies, wall = load(base_url, headers, operation, loaded, concurrency)
        concurrent = summarise(endpoint.label, latencies, wall, queries)
        budget = None if endpoint.kind is None or options["no_budgets"] else budget_ms(endpoint.kind, permits)
        return Measured(endpoint, single, concurrent, queries, slowest, budget)

    def _again(
        self,
        measured: list[Measured],
        local: Client,
        base_url: str,
        headers: dict[str, str],
        options: dict[str, Any],
        permits: int,
    ) -> list[Measured]:
        """`--again`: each endpoint that missed its budget measured once more, the new measure standing for it (and
        the ceiling with the list's first page when the list's throughput fell short of its share)."""
        if options["no_budgets"]:
            return measured
        short = _throughput_share(measured) < LIST_THROUGHPUT_SHARE and not options["no_share_budget"]
        again = [i for i, m in enumerate(measured) if m.missed or (short and m.endpoint.label in SHARE_PAIR)]
        if again:
            self._say("measured again: " + ", ".join(measured[i].endpoint.label for i in again))
        renewed = list(measured)
        for i in again:
            renewed[i] = self._endpoint(measured[i].endpoint, local, base_url, headers, options, permits)
            self._line(renewed[i], renewed[0], header=False)
        return renewed

    def _queries(self, local: Client, path: str, *, kept: bool = False) -> tuple[int, str]:
        """How many SQL queries one request costs, served in this process, and the slowest of them (`kept`: the
        request after the same one)."""
        if path == HEALTH:
            return 0, ""
        if kept:
            local.get(path)
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            response = local.get(path) if kept else local.get(path, headers=READ_ANEW)
        if response.status_code >= 400:
            raise CommandError(f"{path} answered {response.status_code}: {response.content[:300]!r}")
        slowest = max(captured.captured_queries, key=lambda q: float(q["time"]), default={"sql": ""})
        return len(captured), str(slowest["sql"])

    def _export(self, base_url: str, headers: dict[str, str], project: Project, pid: int) -> dict[str, float]:
        """The CSV export of every permit of the project: rows, seconds, and the server's peak memory."""
        before = _peak_rss_mb(pid)
        started = time.perf_counter()
        rows = 0
        with (
            httpx.Client(base_url=base_url, headers=headers, timeout=600) as client,
            client.stream("GET", f"{PERMITS}export/?format=csv&project={project.id}") as response,
        ):
            if response.status_code != 200:
                raise CommandError(f"the export answered {response.status_code}")
            for chunk in response.iter_bytes():
                rows += chunk.count(b"\n")
        seconds = time.perf_counter() - started
        return {
            "rows": max(rows - 1, 0),
            "seconds": seconds,
            "peak_before_mb": before,
            "peak_after_mb": _peak_rss_mb(pid),
        }

    # -- the server -----------------------------------------------------------------------------------------

    def _serve(self, database: str, permits: int) -> tuple[subprocess.Popen[bytes], str]:
        conf = connection.settings_dict
        url = f"postgres://{conf['USER'] or 'postgres'}@{conf['HOST'] or '127.0.0.1'}:{conf['PORT'] or 5432}/{database}"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PTW_", "DJANGO_"))}
        env.update(DATABASE_URL=url, PTW_ENV="development", DEBUG="false", PTW_OUTBOX_KICK="false")
        env["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
        gunicorn = [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "config.wsgi", "--log-level", "warning"]
        server = subprocess.Popen(
            [*gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "--timeout", "600"],
            cwd=settings.BACKEND_DIR,
            env=env,
        )
        base_url = f"http://127.0.0.1:{port}"
        # A busy machine starts gunicorn slowly: wait in proportion to the data set, and stop early if it died.
        patience = 120 + permits / 2000
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError(f"gunicorn exited with {server.returncode} before answering")
            try:
                if httpx.get(f"{base_url}{HEALTH}", timeout=5).status_code == 200:
                    return server, base_url
            except httpx.HTTPError:
                time.sleep(0.5)
        server.terminate()
        raise CommandError(f"gunicorn did not answer within {patience:.0f} s")

    # -- the report ------------------------------------------------------------------------------------------

    def _line(self, m: Measured, ceiling: Measured, *, header: bool = True) -> None:
        if m is ceiling and header:
            self._say(
                f"{'endpoint':<40}{'p50 ms':>8}{'p95 ms':>8}{'budget':>8}{'req/s x8':>9}{'p50/ceil':>9}{'queries':>8}"
            )
        c = m.concurrent
        budget = "-" if m.budget is None else f"{m.budget:.0f}"
        flag = "  MISSED" if m.missed else ""
        self._say(
            f"{m.endpoint.label[:39]:<40}{m.single.p50_ms:>8.1f}{m.single.p95_ms:>8.1f}{budget:>8}"
            f"{(c.per_second if c else 0):>9.0f}{m.single.p50_ms / ceiling.single.p50_ms:>8.1f}x{m.queries:>8}{flag}"
        )

    def _verdict(
        self,
        measured: list[Measured],
        export: dict[str, float] | None,
        permits: int,
        no_budgets: bool,
        no_share_budget: bool,
    ) -> None:
        failures = [
            f"{m.endpoint.label}: p95 {m.single.p95_ms:.1f} ms > {m.budget:.0f} ms" for m in measured if m.missed
        ]
        if export is not None:
            allowed = export_budget_s(int(export["rows"]))
            self._say(
                f"CSV export: {export['rows']:.0f} rows in {export['seconds']:.1f} s (budget {allowed:.1f} s); "
                f"server worker peak memory {export['peak_before_mb']:.0f} -> {export['peak_after_mb']:.0f} MB"
            )
            if not no_budgets and export["seconds"] > allowed:
                failures.append(f"CSV export: {export['seconds']:.1f} s > {allowed:.1f} s")
        share = _throughput_share(measured)
        waived = share < LIST_THROUGHPUT_SHARE and no_share_budget
        if share != math.inf:
            self._say(
                f"list throughput under concurrent clients: {share:.0%} of the trivial endpoint's "
                f"({_throughput_share(measured, FIRST_PAGE):.0%} with every page read anew)"
            )
            if waived:
                self._say(f"  under its budget of {LIST_THROUGHPUT_SHARE:.0%}, not enforced (--no-share-budget)")
            elif share < LIST_THROUGHPUT_SHARE:
                failures.append(f"list throughput {share:.0%} < {LIST_THROUGHPUT_SHARE:.0%} of the trivial endpoint's")
        if no_budgets:
            self._say("budgets not enforced (--no-budgets)")
            return
        for m in measured:
            if m.missed and m.slowest_sql:
                self._say(f"\nplan of the slowest query of {m.endpoint.label}:\n{_explain(m.slowest_sql)}")
        if failures:
            raise CommandError(f"{len(failures)} budget(s) missed at {permits} permits:\n  " + "\n  ".join(failures))
        self._say(f"every budget met at {permits} permits" + (", but the list's throughput share" if waived else ""))


def _throughput_share(measured: list[Measured], label: str = KEPT) -> float:
    """Requests per second of the list's first page (`KEPT`: asked again, nothing changed; `FIRST_PAGE`: read anew)
    under concurrent clients, as a share of the trivial endpoint's (infinite when either was not measured)."""
    ceiling = measured[0]
    lists = [m for m in measured if m.endpoint.label == label]
    if not lists or ceiling.concurrent is None or lists[0].concurrent is None:
        return math.inf
    return lists[0].concurrent.per_second / ceiling.concurrent.per_second


def _explain(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _peak_rss_mb(master: int) -> float:
    """The highest peak resident memory (VmHWM) among the gunicorn master's workers, in MB (0 when unknown)."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    return max(peaks, default=0.0)
