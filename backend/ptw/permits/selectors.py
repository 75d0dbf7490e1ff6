"""Reads: scoped permit querysets, readiness, allowed actions, timeline (and its chain), tasks, workers, QR links
(a permit's records as people read them, the printed permit included, are in `records.py`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from ptw.accounts.choices import Capability
from ptw.accounts.models import Project, User
from ptw.accounts.policies import pool_members, projects_for, visible_project_ids
from ptw.core.database import prepared
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.query import whole_number
from ptw.permits.chain import chain_verify
from ptw.permits.choices import Action, LibraryStatus, Status, TaskState
from ptw.permits.competency import RECORD_GUARDS, competency_warnings
from ptw.permits.evaluation import (
    ISOLATION_RECORDS,
    permit_evaluate,
    record_evaluate,
    record_status_missing,
    status_missing,
)
from ptw.permits.guards import GuardContext, cross_references
from ptw.permits.models import (
    AreaSuspension,
    Certificate,
    CompetencyKind,
    ExtensionStatus,
    GasTest,
    IsolationPoint,
    ListGeneration,
    LocationKind,
    LocationNode,
    Permit,
    PermitEvent,
    PermitExtension,
    PermitIsolation,
    PermitLink,
    PermitTask,
    PermitType,
    PermitTypeOverride,
    PermitWorker,
    PermitWorkerSignOn,
    Worker,
    plot_plans_unread,
)
from ptw.permits.policies import (
    actor_missing,
    attachment_add_missing,
    attachment_delete_missing,
    audit_export_missing,
    certificates_visible_to,
    extension_decide_missing,
    extension_open_missing,
    extension_request_missing,
    handover_incoming_missing,
    handover_start_missing,
    isolation_actor_missing,
    permits_visible_to,
    workers_visible_to,
)
from ptw.permits.records import closeout_work_finished, extension_counts
from ptw.permits.simops import (
    NODE_COLUMNS,
    BoardPermit,
    Found,
    board_permits,
    conflicts_of,
    live_status,
    pairs_among,
    rules_current,
    subject_of,
    window_meets,
)
from ptw.permits.workflow import (
    EXTENDABLE,
    HANDOVER_OPEN,
    ISOLATION_APPLIED,
    ISOLATION_STEP_FROM,
    LIVE,
    TERMINAL,
    USER_ACTIONS,
    deisolation_open,
)

LIST_PEOPLE = ("requester", "verifier", "issuer", "named_verifier")
# What a single permit's reads need of its people: who they are and the name they go by (never a password hash).
PERSON_COLUMNS = ("id", "name", "email")
# What a list row shows of each of its people.
LIST_PERSON_COLUMNS = ("id", "name")
# The list's default order when the caller names none: the newest planned start first.
LIST_DEFAULT_ORDER = ("-planned_start", "-id")


def permit_related(*, brief: bool) -> list[Prefetch]:
    """A permit's type and location node, and unless `brief` its people, each read in a query of its own for a page
    of permits (a brief page's people are read by `people_read`, in one query for the page once it is read).

    Not joined: the permits table has many indexes (one per ordering and filter the list offers), and PostgreSQL
    weighs each of them for every join order, so a query joining eight related rows spent 10-50 ms planning to
    execute in 1 ms. `brief`: only what a list row shows (the type's brief, the node's names); else each whole
    (what the audit export's permits need)."""
    if brief:  # each read into a map by id: in no order
        types = PermitType.objects.only("id", "code", "name", "category", "color").order_by()
        ancestors = (f"{up}__{name}" for up in ("area", "unit") for name in ("id", "name"))
        nodes = LocationNode.objects.select_related("area", "unit").only(*NODE_COLUMNS, *ancestors).order_by()
        return [Prefetch("permit_type", queryset=types), Prefetch("location_node", queryset=nodes)]
    nodes = LocationNode.objects.select_related("area", "unit").defer(*plot_plans_unread())
    return [
        Prefetch("permit_type", queryset=PermitType.objects.all()),
        *(Prefetch(person, queryset=User.objects.all()) for person in LIST_PEOPLE),
        Prefetch("location_node", queryset=nodes),
    ]


def permit_list(user: User) -> QuerySet[Permit]:
    """The caller's permits as the list shows them, newest planned start first (`ordering=` replaces this).

    Every column of the permit (the list row shows them), but of its type only what a row shows; its people are
    not read: `people_read` reads them for the page shown.
    """
    return (
        permits_visible_to(user)
        .only(*(field.name for field in Permit._meta.concrete_fields))
        .prefetch_related(*permit_related(brief=True))
        .order_by(*LIST_DEFAULT_ORDER)
    )


def people_read(permits: list[Permit], columns: tuple[str, ...] = LIST_PERSON_COLUMNS) -> list[Permit]:
    """Set the four people of each permit read (`LIST_PEOPLE`), all read in one query of `columns`: a prefetch per
    role is a query each. Returns `permits`."""
    ids = {getattr(permit, f"{role}_id") for permit in permits for role in LIST_PEOPLE} - {None}
    people = {person.id: person for person in User.objects.only(*columns).filter(pk__in=ids).order_by()} if ids else {}
    for role in LIST_PEOPLE:
        field = getattr(Permit, role).field
        for permit in permits:
            field.set_cached_value(permit, people.get(getattr(permit, f"{role}_id")))
    return permits


def list_stamp(user: User) -> tuple[tuple[int, int], ...]:
    """What the caller's permit list is made from, read before it: each of their projects with its list generation
    (`ListGeneration`; 0 for a project never changed), in the order of their ids. One query on the caller's
    memberships (read once per request) and one on the generations."""
    ids = sorted(visible_project_ids(user))
    if not ids:
        return ()
    with prepared():  # by primary keys: one plan whatever the projects
        found = dict(ListGeneration.objects.filter(project_id__in=ids).values_list("project_id", "generation"))
    return tuple((pk, found.get(pk, 0)) for pk in ids)


def permits_listed(ids: list[int]) -> list[Permit]:
    """Permits already found in the caller's scope, as a list row shows them, in the order of `ids`."""
    rows = Permit.objects.filter(pk__in=ids).only(*(field.name for field in Permit._meta.concrete_fields))
    found = {permit.id: permit for permit in rows.prefetch_related(*permit_related(brief=True))}
    return people_read([found[pk] for pk in ids if pk in found])


def permit_get(user: User, permit_id: int, *, people: bool = True, places: bool = True) -> Permit:
    """The permit if it is in the caller's scope (else Permit.DoesNotExist → 404), with its project (and the
    project's conflict rules), type (and the project's overrides of it) and location node joined (one row each: the
    plan is a primary-key lookup), whether it has cross-references (`has_references`: most have none, and
    `cross_references` then reads nothing) and, unless `people` is false, its four people in one query (who they
    are and their names: `PERSON_COLUMNS`): two queries instead of nine, the cost of every single-permit read.

    `places`: the node's area and unit joined too (their names: the page shows the node's path). Readiness weighs the
    node by its ids alone; two joins fewer to build cost it a millisecond of its seven."""
    overrides = PermitTypeOverride.objects.filter(
        project_id=OuterRef("project_id"), permit_type_id=OuterRef("permit_type_id")
    ).values("values")[:1]
    links = Permit.depends_on.through.objects.filter(Q(from_permit_id=OuterRef("pk")) | Q(to_permit_id=OuterRef("pk")))
    related: tuple[str, ...]
    unread: tuple[str, ...]
    if places:
        related, unread = ("location_node__area", "location_node__unit"), plot_plans_unread("location_node__")
    else:
        related, unread = ("location_node",), ("location_node__plot_plan",)
    with prepared():  # one plan whatever the permit: by its primary key, each join by a primary key
        permit = (
            permits_visible_to(user)
            .select_related("project__simops_rules", "permit_type", *related)
            .defer(*unread)
            .annotate(type_overrides=Subquery(overrides), has_references=Exists(links))
            .get(pk=permit_id)
        )
    permit.permit_type.overrides_read(permit.project_id, permit.type_overrides)
    if people:
        people_read([permit], PERSON_COLUMNS)
    return permit


def permit_scoped(user: User, permit_id: int) -> bool:
    """Whether the permit is in the caller's scope, read no further (one lookup of its primary key): what a read of its
    records or a write, whose service reads it under its lock, needs first."""
    return permits_visible_to(user).filter(pk=permit_id).exists()


def allowed_actions(user: User, permit: Permit) -> list[str]:
    """Actions this user could take from this status (guards aside: readiness explains those)."""
    return [a for a in USER_ACTIONS if not status_missing(permit, a) and not actor_missing(user, permit, a)]


def rejection_of(permit: Permit) -> dict[str, Any] | None:
    """Who sent a rejected permit back, when and why (its last reject event); None unless it is rejected now."""
    if permit.status != Status.REJECTED:
        return None
    event = (
        PermitEvent.objects.filter(permit_id=permit.id, action=Action.REJECT)
        .select_related("actor")
        .order_by("-seq")
        .first()
    )
    if event is None:
        return None
    return {"by": event.actor, "at": event.at, "reason": event.comment}


def permit_references(permit: Permit) -> dict[str, list[Permit]]:
    """The permits this one depends on and those depending on it, newest first."""
    depends_on, dependents = cross_references(permit)
    return {"depends_on": depends_on, "dependents": dependents}


def permit_can(user: User, permit: Permit) -> dict[str, bool]:
    """Whether the caller may ask for an extension, hand the permit over or export its audit file now: the services'
    own rules."""
    ptype = permit.permit_type.effective(permit.project_id)
    mode, limit = ptype.closing_mode, int(ptype.max_extensions)
    # The rules without the counts first: counting the permit's extensions costs a query.
    extension = not extension_request_missing(user, permit) and not extension_open_missing(permit, mode, limit, 0, 0)
    if extension:
        extension = not extension_open_missing(permit, mode, limit, *extension_counts(permit))
    handover = permit.status in HANDOVER_OPEN and not handover_start_missing(user, permit)
    audit_export = not audit_export_missing(user, permit.project)
    return {
        "extension": extension,
        "handover": handover,
        "audit_export": audit_export,
        "attach": not attachment_add_missing(user, permit),
        "delete_attachments": not attachment_delete_missing(user, permit),
    }


def extension_decisions_for(user: User, permit: Permit) -> Callable[[PermitExtension], list[str]]:
    """The decisions the caller may take on each of the permit's extensions: an issuer's, while it waits
    (approval only while the permit can still be extended)."""
    may_decide = not extension_decide_missing(user, permit)

    def decisions(extension: PermitExtension) -> list[str]:
        if not may_decide or extension.status != ExtensionStatus.PENDING:
            return []
        return ["approve", "reject"] if permit.status in EXTENDABLE else ["reject"]

    return decisions


def handover_candidates(permit: Permit) -> list[User]:
    """Who may take the permit over: the project's request pool less those the handover rule refuses."""
    return [u for u in pool_members(permit.project, Capability.REQUEST) if not handover_incoming_missing(u, permit)]


def readiness(user: User, permit: Permit) -> dict[str, Any]:
    """For every action whether the caller may take it now and what is missing; the same for the records a
    competency guards (gas test, isolation), and the certificates the permit relies on that expire soon.

    The permit's people need not be read (`permit_get(..., people=False)`): the guards judge them by id, a named
    verifier is read when there is one, and the people are read here, in one query, when their certificates are
    weighed."""
    now = timezone.now()
    ctx = GuardContext(permit=permit, permit_type=permit.permit_type.effective(permit.project_id), now=now, actor=user)
    actions = {}
    for action in USER_ACTIONS:
        missing = permit_evaluate(permit, user, action, now, ctx)
        actions[action] = {
            "allowed": not missing,
            "relevant": not status_missing(permit, action),
            "missing": [m.as_dict() for m in missing],
        }
    records = {}
    for record in RECORD_GUARDS:
        missing = record_evaluate(ctx, record)
        records[record] = {
            "allowed": not missing,
            "relevant": not record_status_missing(permit, record),
            "missing": [m.as_dict() for m in missing],
        }
    ptype = ctx.permit_type
    ended = permit.status in TERMINAL  # relies on no certificate any more
    if ptype.required_competencies and not ended and not Permit.requester.is_cached(permit):
        people_read([permit], PERSON_COLUMNS)
    return {
        "permit_id": permit.id,
        "status": permit.status,
        "version": permit.version,
        "actions": actions,
        "can_verify": actions[Action.VERIFY]["allowed"],
        "can_approve": actions[Action.APPROVE]["allowed"],
        "can_activate": actions[Action.ACTIVATE]["allowed"],
        "can_hand_back": actions[Action.HAND_BACK]["allowed"],
        "can_complete": actions[Action.COMPLETE]["allowed"],
        "requires": {
            "gas_test": ptype.requires_gas_test,
            "isolation": ptype.requires_isolation,
            "toolbox_talk": ptype.requires_toolbox_talk,
            "closeout": ptype.requires_closeout,
            "deisolation": ptype.requires_isolation,
            "fire_watch": ptype.requires_fire_watch,
        },
        "records": records,
        "warnings": [] if ended else [w.as_dict() for w in competency_warnings(ctx)],
    }


def permit_events(permit_id: int) -> QuerySet[PermitEvent]:
    return PermitEvent.objects.filter(permit_id=permit_id).select_related("actor").order_by("seq")


def permit_chain(permit: Permit) -> dict[str, Any]:
    """Whether the permit's timeline is intact now, and if not, the first event where it breaks and why."""
    report = chain_verify(permit.id)
    broken_at = None
    if not report.valid:
        broken_at = {"seq": report.broken_at, "event_id": report.event_id, "reason": report.reason}
    return {
        "permit_id": permit.id,
        "intact": report.valid,
        "events": report.events,
        "checked_at": timezone.now(),
        "broken_at": broken_at,
    }


def gas_tests_of(permit: Permit) -> QuerySet[GasTest]:
    return GasTest.objects.filter(permit=permit).select_related("tested_by").order_by("-tested_at", "-id")


# The library list's `status` filter (`LibraryStatus`), as the rows it keeps.
LIBRARY_STATUS: dict[str, Q] = {
    LibraryStatus.ALL: Q(),
    LibraryStatus.ACTIVE: Q(is_active=True),
    LibraryStatus.RETIRED: Q(is_active=False),
}


def isolation_points_of(project_id: int, *, status: str = "all", search: str = "") -> QuerySet[IsolationPoint]:
    """The project's library in code order; `search` matches code, name or asset tag."""
    points = IsolationPoint.objects.filter(LIBRARY_STATUS[status], project_id=project_id)
    if search:
        points = points.filter(Q(code__icontains=search) | Q(name__icontains=search) | Q(asset_tag__icontains=search))
    return points.order_by("code")


def isolation_point_get(user: User, point_id: int) -> IsolationPoint:
    """A library point of one of the caller's projects, else 404."""
    point = IsolationPoint.objects.filter(pk=point_id, project__in=projects_for(user)).first()
    if point is None:
        raise NotFound()
    return point


def isolations_of(permit: Permit) -> QuerySet[PermitIsolation]:
    return PermitIsolation.objects.filter(permit=permit).select_related(
        "point", "isolated_by", "verified_by", "deisolated_by"
    )


def isolation_steps_for(user: User, permit: Permit) -> Callable[[PermitIsolation], list[str]]:
    """What the caller may do next to each of the permit's isolations: the services' own rules, the closeout
    read once for all of them."""
    work_stopped: list[bool] = []

    def steps(isolation: PermitIsolation) -> list[str]:
        allowed = []
        for step, sources in ISOLATION_STEP_FROM.items():
            if isolation.status not in sources or isolation_actor_missing(user, permit, step, isolation):
                continue
            if step == "deisolate":
                if not work_stopped:
                    work_stopped.append(deisolation_open(permit.status, closeout_work_finished(permit)))
                if not work_stopped[0]:
                    continue
            if step == "reinstate" and permit.status in TERMINAL:
                continue
            if step in ISOLATION_RECORDS and record_status_missing(permit, ISOLATION_RECORDS[step]):
                continue  # a permit that has ended has its isolations removed, never applied or verified
            allowed.append(step)
        return allowed

    return steps


def in_visible_projects(user: User) -> Q:
    """A row that carries its permit's project (`project` foreign key) in the caller's scope: the scope of
    `permits_visible_to` read from the row itself, so an index holding the project answers it without the permits."""
    return Q(project_id__in=visible_project_ids(user), project__tenant_id=user.tenant_id)


def live_isolations(user: User, project_id: int | None) -> QuerySet[PermitIsolation]:
    """The isolation register: applied or verified isolations on the caller's permits, by project, name and id.

    Reads of the permit only what a row shows and of each person their id and name; within one project the
    page and its count are one walk of the register's own index (`isolation_register`: project, name, id over
    the applied isolations), however many permits the project has had.
    """
    scope = in_visible_projects(user)
    order: tuple[str, ...] = ("project_id", "name", "id")
    if project_id is not None:
        scope &= Q(project_id=project_id)
        order = ("name", "id")
    people = ("isolated_by", "verified_by", "deisolated_by")
    return (
        PermitIsolation.objects.filter(scope, status__in=ISOLATION_APPLIED)
        .select_related("permit", "point", *people)
        .only(
            *(field.name for field in PermitIsolation._meta.concrete_fields),
            *(f"permit__{name}" for name in ("id", "project_id", "permit_number", "title", "status")),
            *(f"point__{field.name}" for field in IsolationPoint._meta.concrete_fields),
            *(f"{who}__{name}" for who in people for name in ("id", "name")),
        )
        .order_by(*order)
    )


def tasks_for(user: User) -> QuerySet[PermitTask]:
    """Waiting for me: the caller's open tasks on permits they may see, newest first (one walk of the partial
    index `task_open_for_assignee`: assignee, created_at, id over open tasks, with the project to scope and count
    from the index alone)."""
    return (
        PermitTask.objects.filter(in_visible_projects(user), assignee=user, state=TaskState.OPEN)
        .select_related("permit")
        .only(
            *(field.name for field in PermitTask._meta.concrete_fields),
            *(f"permit__{name}" for name in ("id", "permit_number", "title", "status", "project_id")),
        )
        .order_by("-created_at", "-id")
    )


def days_q(projects: Iterable[Project], field: str, first: date | None, last: date | None) -> Q:
    """`field` within whole days [first, last] in each of `projects`' own time zone, and of one of them (none:
    nothing)."""
    clauses = Q()
    for project in projects:
        clauses |= Q(project_id=project.id) & _bounds(project, field, first, last)
    return clauses if clauses else Q(pk__in=[])


def _bounds(project: Project, field: str, first: date | None, last: date | None) -> Q:
    q = Q()
    if first:
        q &= Q(**{f"{field}__gte": datetime.combine(first, time.min, tzinfo=project.tz)})
    if last:
        q &= Q(**{f"{field}__lt": datetime.combine(last + timedelta(days=1), time.min, tzinfo=project.tz)})
    return q


def workers_of(permit: Permit) -> QuerySet[PermitWorker]:
    """The crew with each one's sign-on, without its image and statement (those are in the sign-on's own read)."""
    return (
        PermitWorker.objects.filter(permit=permit)
        .select_related("added_by", "acknowledged_by", "sign_on", "sign_on__taken_by")
        .defer("sign_on__data", "sign_on__statement", "sign_on__user_agent")
        .order_by("id")
    )


def sign_on_of(permit: Permit, worker_id: int) -> PermitWorkerSignOn:
    """A worker's whole sign-on record; 404 when the worker is not on this permit or has not signed on."""
    sign_on = (
        PermitWorkerSignOn.objects.filter(worker__permit=permit, worker_id=worker_id)
        .select_related("worker", "taken_by")
        .first()
    )
    if sign_on is None:
        raise NotFound()
    return sign_on


def link_resolve(user: User, token: str) -> Permit:
    """The permit a QR token opens, for someone who may see it; revoked or foreign tokens do not exist."""
    link = PermitLink.objects.filter(token=token, revoked_at__isnull=True).first()
    if link is None:
        raise NotFound()
    permit = permits_visible_to(user).filter(pk=link.permit_id).first()
    if permit is None:
        raise NotFound()
    return permit


def locations_of(project_id: int) -> QuerySet[LocationNode]:
    """A project's location nodes with the ancestors their path names; the plot plans' bytes are left unread."""
    return (
        LocationNode.objects.filter(project_id=project_id)
        .select_related("area", "unit")
        .defer(*plot_plans_unread())
        .order_by("code", "id")
    )


def location_get(user: User, node_id: int) -> LocationNode:
    """A node of one of the caller's projects, else 404."""
    node = (
        LocationNode.objects.filter(pk=node_id, project__in=projects_for(user))
        .select_related("area", "unit")
        .defer(*plot_plans_unread())
        .first()
    )
    if node is None:
        raise NotFound()
    return node


def plot_plan_of(user: User, node_id: int) -> tuple[bytes, str, int]:
    """An area's plot plan (bytes, content type, its version) in the caller's scope, else 404."""
    row = (
        LocationNode.objects.filter(pk=node_id, project__in=projects_for(user), plot_plan__isnull=False)
        .values_list("plot_plan", "plot_plan_type", "plot_plan_version")
        .first()
    )
    if row is None:
        raise NotFound()
    return bytes(row[0] or b""), row[1], row[2]


def location_tree_version(project_id: int) -> int:
    """A version of the whole tree for its ETag: the sum of the nodes' versions and their count."""
    rows = LocationNode.objects.filter(project_id=project_id).values_list("version", flat=True)
    versions = list(rows)
    return sum(versions) * 100_000 + len(versions)


def permit_conflicts(permit: Permit) -> list[Found]:
    """The permit's conflicts now, as if live in its planned window."""
    return conflicts_of(subject_of(permit))


def board(
    project: Project, day: date, *, area_id: int | None, permit_type_id: int | None, statuses: list[str]
) -> dict[str, Any]:
    """The site board of one day (in the project's time zone): the live permits whose planned window meets the day,
    by area, the unplaced ones, and the conflicts among them. A constant number of queries."""
    day_start = datetime.combine(day, time.min, tzinfo=project.tz)
    day_end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=project.tz)
    rows = Permit.objects.filter(
        window_meets(project.id, day_start, day_end), live_status(LIVE.intersection(statuses) if statuses else LIVE)
    )
    if permit_type_id is not None:
        rows = rows.filter(permit_type_id=permit_type_id)
    if area_id is not None:
        rows = rows.filter(location_node__area_id=area_id)
    permits = board_permits(rows.order_by("planned_start", "id"))
    areas = list(
        LocationNode.objects.filter(project_id=project.id, kind=LocationKind.AREA, is_active=True)
        .filter(**({"pk": area_id} if area_id is not None else {}))
        .only("id", "code", "name", "kind", "plot_plan_version")
        .order_by("code", "id")
    )
    placed: dict[int, list[BoardPermit]] = {a.id: [] for a in areas}
    unplaced = []
    for permit in permits:
        node = permit.location_node
        if node is not None and node.area_id in placed:
            placed[node.area_id].append(permit)
        else:
            unplaced.append(permit)
    pairs = pairs_among(permits, rules_current(project.id).rules) if permits else []
    return {
        "project": project.id,
        "date": day,
        "day_start": day_start,
        "day_end": day_end,
        "areas": [{"area": a, "permits": placed[a.id]} for a in areas],
        "unplaced": unplaced,
        "conflicts": pairs,
    }


def area_suspensions_of(user: User, project_id: int | None = None) -> QuerySet[AreaSuspension]:
    """The area suspensions of the caller's projects (of one, if named), newest first."""
    rows = AreaSuspension.objects.filter(project_id__in=visible_project_ids(user), project__tenant_id=user.tenant_id)
    if project_id is not None:
        rows = rows.filter(project_id=project_id)
    return (
        rows.select_related("by", "permit_type", "location_node__area", "location_node__unit")
        .defer(*plot_plans_unread("location_node__"))
        .order_by("-at", "-id")
    )


def area_suspension_get(user: User, suspension_id: int) -> AreaSuspension:
    """One area suspension in the caller's scope with the permits it selected (else NotFound)."""
    found = area_suspensions_of(user).filter(pk=suspension_id).prefetch_related("permits").first()
    if found is None:
        raise NotFound()
    return found


# The most permits one audit export of a date range takes (more: narrow the range).
AUDIT_EXPORT_MAX_PERMITS = 1000


def audit_export_permits(project: Project, first: date, last: date) -> QuerySet[Permit]:
    """The project's permits whose planned window overlaps the whole days [first, last] in its time zone."""
    start = datetime.combine(first, time.min, tzinfo=project.tz)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=project.tz)
    return (
        Permit.objects.filter(project=project, planned_start__lt=end, planned_end__gte=start)
        .select_related("project")
        .prefetch_related(*permit_related(brief=False))
        .order_by("permit_number", "id")
    )


def sign_ons_of(permit: Permit) -> QuerySet[PermitWorkerSignOn]:
    """Every whole sign-on of the permit's crew (signature and statement included), in the order taken."""
    return PermitWorkerSignOn.objects.filter(worker__permit=permit).select_related("worker", "taken_by").order_by("id")


def competency_kinds(user: User) -> QuerySet[CompetencyKind]:
    return CompetencyKind.objects.filter(tenant_id=user.tenant_id, is_active=True).order_by("name")


def _id_param(params: dict[str, str], name: str) -> int | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    value = whole_number(str(raw), low=1)
    if value is None:
        raise InvalidInput(fields={name: ["Must be a positive whole number."]})
    return value


def competency_workers(user: User, params: dict[str, str]) -> QuerySet[Worker]:
    """Workers of the register the caller may pick: `q` (name, company or ID number contains), `project`."""
    rows = workers_visible_to(user)
    if (project := _id_param(params, "project")) is not None:
        rows = rows.filter(project_id=project)
    q = (params.get("q") or "").strip()
    if len(q) > 100:
        raise InvalidInput(fields={"q": ["At most 100 characters."]})
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(company__icontains=q) | Q(id_number__icontains=q))
    return rows.order_by("name", "id")


def certificates_list(user: User, params: dict[str, str]) -> QuerySet[Certificate]:
    """The register: current certificates (`history=true`: renewed ones too) filtered by `project`,
    `holder_user`, `holder_worker`, `kind` (code) and `expiring` (valid and expiring within that many days, or
    already expired), soonest expiry first."""
    rows = certificates_visible_to(user).select_related(
        "kind", "project", "holder_user__company", "holder_worker", "recorded_by"
    )
    for name, column in (
        ("project", "project_id"),
        ("holder_user", "holder_user_id"),
        ("holder_worker", "holder_worker_id"),
    ):
        if (value := _id_param(params, name)) is not None:
            rows = rows.filter(**{column: value})
    if kind := (params.get("kind") or "").strip():
        rows = rows.filter(kind__code=kind[:40])
    history = (params.get("history") or "").strip().lower()
    if history not in ("", "true", "false"):
        raise InvalidInput(fields={"history": ["Must be true or false."]})
    if history != "true":
        rows = rows.filter(superseded_by__isnull=True)
    raw = params.get("expiring")
    if raw not in (None, ""):
        days = whole_number(str(raw), low=0, high=3650)
        if days is None:
            raise InvalidInput(fields={"expiring": ["Must be a number of days (0 to 3650)."]})
        rows = rows.filter(revoked_at__isnull=True, expires_on__lte=timezone.now().date() + timedelta(days=days))
    return rows.order_by("expires_on", "id")


def certificate_get(user: User, certificate_id: int) -> Certificate:
    """One certificate in the caller's scope (else 404), with what its read shows."""
    cert = (
        certificates_visible_to(user)
        .select_related("kind", "project", "holder_user__company", "holder_worker", "recorded_by")
        .filter(pk=certificate_id)
        .first()
    )
    if cert is None:
        raise NotFound()
    return cert


def competency_worker_get(user: User, worker_id: int) -> Worker:
    """One worker of the register in the caller's scope (else 404)."""
    worker = workers_visible_to(user).filter(pk=worker_id).first()
    if worker is None:
        raise NotFound()
    return worker
