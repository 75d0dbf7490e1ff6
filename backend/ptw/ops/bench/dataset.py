"""The benchmark's data set, built fast and honestly on PostgreSQL.

1. One tenant with the seven personas, members of `projects` projects, the seeded permit types, and the demo's
   location tree in every project.
2. Template permits, one per line of the demo plan, taken through the real services (`template.py`) and placed in
   the tree as the demo places them: every row a real permit has, every timeline event genuine.
3. Clones of the templates, set-based: each clone copies one template's permit and child rows (events, tasks,
   signatures, gas tests, isolations and their locks, workers and their sign-ons, closeout, toolbox talk, safety
   observations, extensions, handovers) with new ids, into its project (at the node of the same code in its
   tree), with every time shifted by one amount: about 20 % live (submitted to suspended, shifted by minutes onto
   one of the last days, about LIVE_PER_DAY per project and day), a few drafts, the rest closed and spread over
   `years` years. Numbers are given per project and year in the order the clones were created, and the counters
   end at the last number given. Events are re-hashed in Python (`permits/chain.py`) and signatures re-bound to
   the clone's content (`permits/signing.py`) when they were bound to the template's; the rows are written with
   PostgreSQL COPY, a chunk of clones per transaction.
4. The reports' rollups built from the permits (COPY goes past the services that keep them), VACUUM ANALYZE,
   then a verification: the chains of a sample of permits, the counters, the mix.

Not cloned: the frozen PDF of completed permits and QR links (documents are rendered per permit; no read the
benchmark measures touches them) and notification/webhook deliveries.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone

from ptw.accounts.models import Membership, Project
from ptw.accounts.testing import Site, site_build
from ptw.ops.bench.template import templates_build
from ptw.ops.demo.loader import demo_certificates, demo_tree
from ptw.permits.chain import GENESIS, chains_verify, event_hash
from ptw.permits.choices import Status
from ptw.permits.models import (
    GasTest,
    IsolationLock,
    Permit,
    PermitCloseout,
    PermitCounter,
    PermitEvent,
    PermitExtension,
    PermitHandover,
    PermitIsolation,
    PermitSignature,
    PermitTask,
    PermitType,
    PermitWorker,
    PermitWorkerSignOn,
    SafetyObservation,
    ToolboxTalk,
)
from ptw.permits.seed import permit_types_seed
from ptw.permits.services.transitions import expire_due
from ptw.permits.signing import permit_content_hash
from ptw.permits.workflow import LIVE
from ptw.reports.rollups import rollups_rebuild

PASSWORD = "bench-password-1"  # noqa: S105  (a throwaway benchmark database)
LIVE_SHARE = 0.20
# Live permits whose planned window meets a given day, per project (the site board of a day shows about these): the
# live clones' windows are spread over as many past days as it takes.
LIVE_PER_DAY = 500
DRAFT_SHARE = 0.03
CHUNK = 2000
CHAIN_SAMPLE = 300

# The rows of a permit, parents before children: (model, how a row names its parent, the parent's model).
CHILDREN: tuple[tuple[type[models.Model], str, type[models.Model]], ...] = (
    (PermitEvent, "permit_id", Permit),
    (PermitTask, "permit_id", Permit),
    (PermitSignature, "permit_id", Permit),
    (GasTest, "permit_id", Permit),
    (PermitIsolation, "permit_id", Permit),
    (IsolationLock, "isolation_id", PermitIsolation),
    (PermitWorker, "permit_id", Permit),
    (PermitWorkerSignOn, "worker_id", PermitWorker),
    (PermitCloseout, "permit_id", Permit),
    (ToolboxTalk, "permit_id", Permit),
    (SafetyObservation, "permit_id", Permit),
    (PermitExtension, "permit_id", Permit),
    (PermitHandover, "permit_id", Permit),
)
TABLES: tuple[type[models.Model], ...] = (Permit, *(model for model, _, _ in CHILDREN))


# Where a lock number shows: the lock, the isolation's list, and the words and changes of the timeline.
_RELOCKED: dict[type[models.Model], tuple[str, ...]] = {
    IsolationLock: ("lock_number",),
    PermitIsolation: ("lock_numbers",),
    PermitEvent: ("comment", "changes"),
}


@dataclass
class DataSet:
    site: Site
    projects: list[Project]
    permits: int
    seconds: float
    rows: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    chains_checked: int = 0


@dataclass
class _Table:
    """How to copy one table's rows: its columns, which are times, JSON, the project, links to other rows."""

    model: type[models.Model]
    columns: list[str]
    attnames: list[str]
    times: list[int] = field(default_factory=list)
    dates: list[int] = field(default_factory=list)
    jsons: list[int] = field(default_factory=list)
    project: int | None = None
    links: dict[int, type[models.Model]] = field(default_factory=dict)  # column position -> the cloned model
    relocked: list[int] = field(default_factory=list)  # where lock numbers show (see _RELOCKED)
    prev_hash: int = -1
    hash: int = -1
    at: int = -1
    content_hash: int = -1

    @classmethod
    def of(cls, model: type[models.Model]) -> _Table:
        fields = list(model._meta.concrete_fields)
        table = cls(model, [str(f.column) for f in fields], [f.attname for f in fields])
        for position, f in enumerate(fields):
            if isinstance(f, models.DateTimeField):
                table.times.append(position)
            elif isinstance(f, models.DateField):
                table.dates.append(position)
            elif isinstance(f, models.JSONField):
                table.jsons.append(position)
            elif f.is_relation and f.related_model is Project:
                table.project = position
            elif f.is_relation and f.related_model in TABLES:
                table.links[position] = f.related_model
        table.relocked = [table.attnames.index(name) for name in _RELOCKED.get(model, ())]
        for name in ("prev_hash", "hash", "content_hash", "at"):
            if name in table.attnames:
                setattr(table, name, table.attnames.index(name))
        return table


@dataclass
class _Template:
    """One template permit and its child rows, as lists of column values per table."""

    permit: list[Any]
    rows: dict[type[models.Model], list[list[Any]]]
    live: bool
    draft: bool
    signed_hash: str  # the content hash its current signatures are bound to
    locks: list[str] = field(default_factory=list)  # its lock numbers (a live lock number is unique per project)
    texts: dict[type[models.Model], list[dict[int, str]]] = field(default_factory=dict)  # JSON as text, per row
    relocked: dict[type[models.Model], set[int]] = field(default_factory=dict)  # rows that show a lock number
    frames: list[tuple[str, str, str]] = field(default_factory=list)  # each event's hashed content around its ids
    checked: bool = False  # the fast hash of its events was compared with permits/chain.py's once


def _dumped(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _frame(table: _Table, row: list[Any]) -> tuple[str, str, str]:
    """The canonical JSON `event_hash` encodes, split around what a clone changes (time, permit, prev, project)."""
    v = dict(zip(table.attnames, row, strict=True))
    head = f'{{"action":{_dumped(v["action"])},"actor":{_dumped(v["actor_id"])},"at":"'
    middle = (
        f'","changes":{_dumped(v["changes"])},"client_ip":{_dumped(v["client_ip"])},'
        f'"comment":{_dumped(v["comment"])},"from":{_dumped(v["from_status"])},"permit":'
    )
    tail = f',"request_id":{_dumped(v["request_id"])},"seq":{_dumped(v["seq"])},"to":{_dumped(v["to_status"])}}}'
    return head, middle, tail


def _fast_hash(frame: tuple[str, str, str], at: datetime, permit: int, prev: str, project: int) -> str:
    head, middle, tail = frame
    encoded = f'{head}{at.isoformat()}{middle}{permit},"prev":"{prev}","project":{project}{tail}'
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _membership_copy(site: Site, projects: int) -> list[Project]:
    made = [site.project]
    for number in range(2, projects + 1):
        project = Project.objects.create(
            tenant=site.tenant, name=f"Bench Plant {number}", code=f"bench-plant-{number}", time_zone="UTC"
        )
        roles = {m.user_id: m.role for m in Membership.objects.filter(project=site.project)}
        Membership.objects.bulk_create([Membership(user_id=u, project=project, role=r) for u, r in roles.items()])
        made.append(project)
    return made


def _templates(tables: dict[type[models.Model], _Table], permit_ids: list[int]) -> list[_Template]:
    """Read the template permits and every child row, grouped by permit (through the parent for grandchildren)."""
    by_permit: dict[int, dict[type[models.Model], list[list[Any]]]] = {pid: defaultdict(list) for pid in permit_ids}
    owner: dict[type[models.Model], dict[int, int]] = {Permit: {pid: pid for pid in permit_ids}}
    for model, parent_column, parent in CHILDREN:
        table = tables[model]
        owner[model] = {}
        parent_of = owner[parent]
        rows = model._default_manager.filter(**{f"{parent_column}__in": list(parent_of)}).order_by("pk")
        for values in rows.values_list(*table.attnames):
            row = list(values)
            permit_id = parent_of[row[table.attnames.index(parent_column)]]
            owner[model][row[0]] = permit_id
            by_permit[permit_id][model].append(row)
    permit_table = tables[Permit]
    templates = []
    lock_number = tables[IsolationLock].attnames.index("lock_number")
    for permit in Permit.objects.filter(pk__in=permit_ids).order_by("pk"):
        row = [getattr(permit, name) for name in permit_table.attnames]
        locks = sorted({lock[lock_number] for lock in by_permit[permit.id][IsolationLock]})
        texts: dict[type[models.Model], list[dict[int, str]]] = {
            Permit: [_texts(permit_table, row)],
            **{m: [_texts(tables[m], r) for r in rs] for m, rs in by_permit[permit.id].items()},
        }
        relocked = {
            model: {
                index
                for index, r in enumerate(by_permit[permit.id][model])
                if any(
                    lock in str(r[p]) or lock in texts[model][index].get(p, "")
                    for p in tables[model].relocked
                    for lock in locks
                )
            }
            for model in _RELOCKED
        }
        templates.append(
            _Template(
                row,
                by_permit[permit.id],
                live=permit.status in LIVE,
                draft=permit.status == Status.DRAFT,
                signed_hash=permit_content_hash(permit),
                locks=locks,
                texts=texts,
                relocked=relocked,
                frames=[_frame(tables[PermitEvent], r) for r in by_permit[permit.id][PermitEvent]],
            )
        )
    return templates


@dataclass
class _Clone:
    project: int
    created: datetime
    template: int
    shift: timedelta


def _plan(
    templates: list[_Template], projects: list[Project], count: int, years: int, now: datetime, rng: random.Random
) -> list[_Clone]:
    """Which template each clone copies, into which project and shifted by how much; in creation order.

    Live clones keep their template's time of day (shifted by up to 90 minutes) on one of the last `live_days`
    days, so about LIVE_PER_DAY of them per project have a window that meets any one of those days."""
    live_days = max(1, round(count * LIVE_SHARE / len(projects) / LIVE_PER_DAY))
    live = [i for i, t in enumerate(templates) if t.live]
    drafts = [i for i, t in enumerate(templates) if t.draft]
    closed = [i for i, t in enumerate(templates) if not t.live and not t.draft]
    created_at = Permit._meta.get_field("created_at").attname
    created_position = [f.attname for f in Permit._meta.concrete_fields].index(created_at)
    span = years * 365 * 86400
    clones = []
    for number in range(count):
        draw = rng.random()
        if draw < LIVE_SHARE and live:
            template, seconds = rng.choice(live), -rng.randint(0, 90 * 60) - rng.randrange(live_days) * 86400
        elif draw < LIVE_SHARE + DRAFT_SHARE and drafts:
            template, seconds = rng.choice(drafts), -rng.randint(0, 3 * 86400)
        else:
            template, seconds = rng.choice(closed or live), -rng.randint(86400, span)
        shift = timedelta(seconds=seconds)
        created = templates[template].permit[created_position] + shift
        clones.append(_Clone(projects[number % len(projects)].id, created, template, shift))
    clones.sort(key=lambda c: c.created)
    return clones


class _Ids:
    """The next free id of each table (the sequences are moved past them at the end)."""

    def __init__(self) -> None:
        self.next: dict[type[models.Model], int] = {}
        with connection.cursor() as cursor:
            for model in TABLES:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
                self.next[model] = cursor.fetchone()[0] + 1

    def take(self, model: type[models.Model]) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value

    def sequences_reset(self) -> None:
        with connection.cursor() as cursor:
            for model in TABLES:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST(MAX(id), 1)) FROM {table}"  # noqa: S608
                )


class _Numbers:
    """Permit numbers per project and year, continuing each counter."""

    def __init__(self) -> None:
        self.last: dict[tuple[int, int], int] = {(c.project_id, c.year): c.last for c in PermitCounter.objects.all()}

    def take(self, project: int, year: int) -> str:
        value = self.last.get((project, year), 0) + 1
        self.last[(project, year)] = value
        return f"PTW-{year}-{value:06d}"

    def save(self) -> None:
        PermitCounter.objects.bulk_create(
            [PermitCounter(project_id=p, year=y, last=n) for (p, y), n in self.last.items()],
            update_conflicts=True,
            unique_fields=["project", "year"],
            update_fields=["last"],
        )


def _shifted(table: _Table, row: list[Any], shift: timedelta, project: int) -> list[Any]:
    out = list(row)
    for position in table.times:
        if out[position] is not None:
            out[position] += shift
    for position in table.dates:
        if out[position] is not None:
            out[position] = out[position] + timedelta(days=shift.days)
    if table.project is not None:
        out[table.project] = project
    return out


def _texts(table: _Table, row: list[Any]) -> dict[int, str]:
    """A row's JSON values as the text COPY writes, dumped once per template row."""
    return {position: json.dumps(row[position], cls=DjangoJSONEncoder) for position in table.jsons}


def _relock(locks: list[str], permit_id: int) -> Callable[[str], str] | None:
    """A rewrite of the template's lock numbers into the clone's own (`B-3` -> `B-3-<permit id>`) in a text."""
    if not locks:
        return None
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(lock) for lock in locks) + r")(?![\w-])")
    return lambda text: pattern.sub(lambda m: f"{m.group(1)}-{permit_id}", text)


def _clone_rows(
    tables: dict[type[models.Model], _Table],
    template: _Template,
    clone: _Clone,
    ids: _Ids,
    numbers: _Numbers,
    out: dict[type[models.Model], list[list[Any]]],
    places: dict[int, dict[int, int]],
) -> None:
    """Append the rows of one clone to `out`, table by table (JSON values as text, written by COPY as they are).
    `places`: per project, the template's location node -> the node of the same code in that project's tree."""
    permit_table = tables[Permit]
    attnames = permit_table.attnames
    permit = _shifted(permit_table, template.permit, clone.shift, clone.project)
    node = attnames.index("location_node_id")
    if permit[node] is not None:
        permit[node] = places[clone.project][permit[node]]
    new_ids: dict[type[models.Model], dict[int, int]] = {Permit: {template.permit[0]: ids.take(Permit)}}
    permit[0] = new_ids[Permit][template.permit[0]]
    permit[attnames.index("permit_number")] = numbers.take(clone.project, clone.created.year)
    signed_hash = permit_content_hash(SimpleNamespace(**dict(zip(attnames, permit, strict=True))))  # type: ignore[arg-type]
    for position, text in template.texts[Permit][0].items():
        permit[position] = text
    out[Permit].append(permit)
    relock = _relock(template.locks, permit[0])
    for model, _column, _parent in CHILDREN:
        table = tables[model]
        mapped = new_ids.setdefault(model, {})
        prev = GENESIS
        texts = template.texts.get(model, [])
        for index, row in enumerate(template.rows.get(model, ())):
            copy = _shifted(table, row, clone.shift, clone.project)
            mapped[row[0]] = copy[0] = ids.take(model)
            for position, target in table.links.items():
                if copy[position] is not None:
                    copy[position] = new_ids[target][copy[position]]
            for position, text in texts[index].items():
                copy[position] = text
            rewritten = relock is not None and index in template.relocked.get(model, ())
            if rewritten:
                for position in table.relocked:
                    copy[position] = relock(copy[position])  # type: ignore[misc]
            if model is PermitEvent and not rewritten:
                event_at = copy[table.at]
                copy[table.prev_hash] = prev
                prev = copy[table.hash] = _fast_hash(template.frames[index], event_at, permit[0], prev, clone.project)
                if not template.checked:
                    slow = SimpleNamespace(**dict(zip(table.attnames, copy, strict=True)))
                    slow.changes = row[table.attnames.index("changes")]
                    if event_hash(slow) != prev:  # type: ignore[arg-type]
                        raise RuntimeError(f"the seeder's event hash differs from permits/chain.py's: {slow}")
            elif model is PermitEvent:
                changes = table.attnames.index("changes")
                event = SimpleNamespace(**dict(zip(table.attnames, copy, strict=True)))
                event.changes = row[changes] if copy[changes] == texts[index][changes] else json.loads(copy[changes])
                event.prev_hash = prev
                prev = event.hash = event_hash(event)  # type: ignore[arg-type]
                copy[table.prev_hash] = event.prev_hash
                copy[table.hash] = event.hash
            elif model is PermitSignature and copy[table.content_hash] == template.signed_hash:
                copy[table.content_hash] = signed_hash
            out[model].append(copy)
    template.checked = True


def _copy(table: _Table, rows: Iterable[list[Any]]) -> None:
    columns = ", ".join(f'"{column}"' for column in table.columns)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table.model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _rows_per_table() -> dict[str, int]:
    return {model._meta.db_table: model._default_manager.count() for model in TABLES}


def dataset_verify(data: DataSet, rng: random.Random) -> None:
    """The seeded set is sound: a sample of chains verifies, counters match the numbers, the mix is as asked."""
    ids = list(Permit.objects.values_list("id", flat=True))
    sample = rng.sample(ids, min(CHAIN_SAMPLE, len(ids)))
    reports = list(chains_verify(sample))
    broken = [r for r in reports if not r.valid]
    if broken or len(reports) != len(sample):
        raise RuntimeError(f"seeded timelines do not verify: {broken[:3]} ({len(reports)} of {len(sample)} chains)")
    data.chains_checked = len(reports)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.project_id, c.year, c.last, MAX(CAST(SUBSTRING(p.permit_number FROM 10) AS integer))
            FROM permits_permitcounter c JOIN permits_permit p
              ON p.project_id = c.project_id AND p.permit_number LIKE 'PTW-' || c.year || '-%%'
            GROUP BY c.project_id, c.year, c.last
            """
        )
        wrong = [row for row in cursor.fetchall() if row[2] != row[3]]
    if wrong:
        raise RuntimeError(f"permit counters do not match the numbers given: {wrong[:3]}")


def dataset_build(
    permits: int,
    projects: int = 1,
    *,
    years: int = 5,
    seed: int = 14,
    progress: Callable[[str], None] | None = None,
) -> DataSet:
    """Seed `permits` permits spread evenly over `projects` projects (PostgreSQL only); see the module's steps."""
    if connection.vendor != "postgresql":
        raise RuntimeError("The benchmark data set is written with PostgreSQL COPY.")
    say = progress or (lambda message: None)
    started = time.monotonic()
    rng = random.Random(seed)  # noqa: S311  (a reproducible data set, not a secret)
    now = timezone.now()
    # No worker serves the benchmark's database: handing each template's outbox messages to the broker after its
    # commit only cost time (about half of the templates' minute); the messages stay in the outbox as written.
    with override_settings(PTW_OUTBOX_KICK=False), transaction.atomic():
        site = site_build("Bench", "Bench Plant", "bench.example", password=PASSWORD)
        permit_types_seed(site.tenant)
        project_list = _membership_copy(site, projects)
        # Each project gets the demo's location tree (areas, units, equipment, a plot plan per area).
        trees = {project.id: demo_tree(replace(site, project=project)) for project in project_list}
        # The gas tests of the template permits need an authorised gas tester (after the memberships: the admin
        # records them and reads its projects once).
        demo_certificates(site, now)
        types = {t.code: t for t in PermitType.objects.filter(tenant=site.tenant)}
        made = templates_build(site, types, now, permits, trees[site.project.id])
    expire_due(now)
    say(f"{len(made)} template permits through the services in {time.monotonic() - started:.0f} s")
    tables = {model: _Table.of(model) for model in TABLES}
    codes = {node.id: code for code, node in trees[site.project.id].items()}
    places = {project: {node: tree[code].id for node, code in codes.items()} for project, tree in trees.items()}
    templates = _templates(tables, [p.id for p in made])
    clones = _plan(templates, project_list, max(permits - len(made), 0), years, now, rng)
    ids, numbers = _Ids(), _Numbers()
    for first in range(0, len(clones), CHUNK):
        out: dict[type[models.Model], list[list[Any]]] = {model: [] for model in TABLES}
        for clone in clones[first : first + CHUNK]:
            _clone_rows(tables, templates[clone.template], clone, ids, numbers, out, places)
        with transaction.atomic():
            for model in TABLES:
                if out[model]:
                    _copy(tables[model], out[model])
        done = min(first + CHUNK, len(clones))
        if done % (CHUNK * 25) == 0 or done == len(clones):
            say(f"{done + len(made)} permits in {time.monotonic() - started:.0f} s")
    with transaction.atomic():
        ids.sequences_reset()
        numbers.save()
    # The clones went in by COPY, past the services that keep the reports' rollups: build them from the permits.
    rollups_rebuild([project.id for project in project_list])
    say(f"report rollups built in {time.monotonic() - started:.0f} s")
    # VACUUM too: COPY leaves the visibility map unset, and until autovacuum sets it the planner rightly avoids the
    # index-only scans (bounded counts, the clocked exceptions) a database in service uses.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    data = DataSet(site, project_list, permits=Permit.objects.count(), seconds=0.0)
    data.rows = _rows_per_table()
    data.statuses = dict(Permit.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    dataset_verify(data, rng)
    data.seconds = time.monotonic() - started
    return data


def live_share(statuses: dict[str, int]) -> float:
    total = sum(statuses.values()) or 1
    return sum(n for s, n in statuses.items() if s in LIVE) / total
