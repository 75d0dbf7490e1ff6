"""Demo data: two tenants with one project each, seven people, about 30 permits in every status.

Every permit is taken through the real services at believable past times, so its timeline,
tasks and numbers are exactly what the product itself would have recorded.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw, ImageFont

from ptw.accounts.models import Tenant, User
from ptw.accounts.testing import Site, site_build
from ptw.ops.demo.content import LOCATION_NODES, NAMES, REASONS, TREE, WORK
from ptw.permits.choices import AttachmentKind, Status
from ptw.permits.models import LocationNode, Permit, PermitType
from ptw.permits.seed import permit_types_seed
from ptw.permits.services.attachments import attachment_add
from ptw.permits.services.competency import certificate_record
from ptw.permits.services.locations import location_create, plot_plan_set
from ptw.permits.services.permits import permit_create
from ptw.permits.services.transitions import expire_due, permit_transition
from ptw.permits.workflow import SIGNED_ACTIONS

ACKNOWLEDGEMENT = "Crews kept apart by barriers; both supervisors briefed on the other work."
PASSWORD = "demo-password"  # noqa: S105  (published demo credential)
SITES = (
    ("Acme", "North Plant", "acme.example", "Europe/London"),
    ("Globex", "South Refinery", "globex.example", "America/Chicago"),
)

_STEPS = {
    Status.DRAFT: [],
    Status.SUBMITTED: ["submit"],
    Status.UNDER_REVIEW: ["submit", "verify"],
    Status.APPROVED: ["submit", "verify", "approve"],
    Status.ACTIVE: ["submit", "verify", "approve", "activate"],
    Status.SUSPENDED: ["submit", "verify", "approve", "activate", "suspend"],
    Status.HANDBACK_PENDING: ["submit", "verify", "approve", "activate", "hand_back"],
    Status.COMPLETED: ["submit", "verify", "approve", "activate", "hand_back", "complete"],
    Status.CANCELLED: ["submit", "cancel"],
    Status.REJECTED: ["submit", "reject"],
    "rejected_at_issue": ["submit", "verify", "reject"],
    Status.EXPIRED: ["submit", "verify", "approve", "activate"],
}
_ACTOR = {
    "submit": "requester",
    "verify": "verifier",
    "approve": "issuer",
    "activate": "requester",
    "suspend": "issuer",
    "hand_back": "requester",
    "complete": "issuer",
    "cancel": "issuer",
    "reject": "issuer",
}

# (status, type code, planned start relative to now in hours, duration hours)
PLAN: list[tuple[str, str, float, float]] = [
    (Status.DRAFT, "general", 20, 6),
    (Status.DRAFT, "hot-work", 26, 6),
    (Status.DRAFT, "confined-space", 44, 6),
    (Status.DRAFT, "electrical", 30, 6),
    (Status.SUBMITTED, "general", 4, 8),
    (Status.SUBMITTED, "hot-work", 6, 6),
    (Status.SUBMITTED, "lifting", 20, 8),
    (Status.SUBMITTED, "excavation", 18, 8),
    (Status.UNDER_REVIEW, "general", 3, 8),
    (Status.UNDER_REVIEW, "work-at-height", 22, 8),
    (Status.UNDER_REVIEW, "electrical", 24, 6),
    (Status.UNDER_REVIEW, "lifting", 26, 8),
    (Status.APPROVED, "general", 2, 8),
    (Status.APPROVED, "work-at-height", 20, 8),
    (Status.APPROVED, "excavation", 5, 10),
    (Status.ACTIVE, "general", -3, 8),
    (Status.ACTIVE, "general", -1, 6),
    (Status.ACTIVE, "general", -5, 10),
    (Status.ACTIVE, "excavation", -2, 8),
    (Status.ACTIVE, "excavation", -6, 10),
    (Status.SUSPENDED, "general", -4, 9),
    (Status.SUSPENDED, "general", -2, 8),
    (Status.HANDBACK_PENDING, "general", -7, 6),
    (Status.COMPLETED, "general", -50, 6),
    (Status.COMPLETED, "general", -74, 8),
    (Status.COMPLETED, "general", -28, 5),
    (Status.COMPLETED, "general", -100, 7),
    (Status.CANCELLED, "hot-work", 10, 6),
    (Status.CANCELLED, "general", 30, 6),
    (Status.REJECTED, "general", 12, 6),
    ("rejected_at_issue", "lifting", 16, 8),
    (Status.EXPIRED, "general", -12, 6),
]


@contextmanager
def _at(moment: datetime) -> Iterator[None]:
    import time_machine

    with time_machine.travel(moment, tick=False):
        yield


def _step_times(status: str, start: datetime, count: int, now: datetime) -> list[datetime]:
    """When each step happened: paperwork before the window, work inside it, never in the future."""
    times = []
    paperwork = min(start, now) - timedelta(hours=4 + count)
    for index, action in enumerate(_STEPS[status]):
        if action in ("activate",):
            moment = start + timedelta(minutes=15)
        elif action in ("suspend", "hand_back"):
            moment = min(start + timedelta(hours=2), now - timedelta(minutes=20))
        elif action == "complete":
            moment = min(start + timedelta(hours=2, minutes=30), now - timedelta(minutes=10))
        else:
            moment = paperwork + timedelta(minutes=40 * (index + 1))
        times.append(min(moment, now - timedelta(minutes=5)))
    return times


def plot_plan_png(name: str, units: list[tuple[str, str, float | None, float | None, list[Any]]]) -> bytes:
    """A plain plot plan of an area: its outline, a grid, and each unit as a labelled block at its place."""
    width, height = 1200, 800
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=22)
    small = ImageFont.load_default(size=16)
    for gx in range(0, width, 100):
        draw.line([(gx, 0), (gx, height)], fill="#eef2f6")
    for gy in range(0, height, 100):
        draw.line([(0, gy), (width, gy)], fill="#eef2f6")
    draw.rectangle([20, 20, width - 20, height - 20], outline="#475569", width=4)
    draw.text((40, 36), f"{name} — plot plan (not to scale)", fill="#0f172a", font=font)
    for code, label, x, y, _children in units:
        cx, cy = int((x or 0.5) * width), int((y or 0.5) * height)
        draw.rectangle([cx - 90, cy - 45, cx + 90, cy + 45], outline="#1e40af", width=3, fill="#dbeafe")
        draw.text((cx - 80, cy - 35), code, fill="#1e3a8a", font=font)
        draw.text((cx - 80, cy + 2), label[:20], fill="#1e293b", font=small)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def demo_document_pdf(heading: str, title: str, hazards: str, controls: str) -> bytes:
    """A one-page document of a demo permit's work (its method statement, its JSA), made at load time."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("helvetica", "", 11)
    for label, text in (("Work", title), ("Hazards", hazards), ("Controls", controls)):
        pdf.set_font("helvetica", "B", 11)
        pdf.cell(0, 8, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("helvetica", "", 11)
        pdf.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def demo_tree(site: Site) -> dict[str, LocationNode]:
    """The plant's location tree through the admin services, with a plot plan per area; code → node."""
    admin, project_id = site.people["admin"], site.project.id
    nodes: dict[str, LocationNode] = {}

    def add(kind: str, spec: tuple[str, str, float | None, float | None, list[Any]], parent: int | None) -> None:
        code, name, x, y, children = spec
        data = {"kind": kind, "code": code, "name": name, "plan_x": x, "plan_y": y, "parent": parent}
        node = location_create(actor=admin, project_id=project_id, data=data)
        nodes[code] = node
        for child in children:
            add("unit" if kind == "area" else "equipment", child, node.id)

    for area in TREE:
        add("area", area, None)
        plot_plan_set(
            actor=admin, node_id=nodes[area[0]].id, project_id=project_id, raw=plot_plan_png(area[1], area[4])
        )
    return nodes


def demo_permit_content(
    types: dict[str, PermitType], index: int, plan: tuple[str, str, float, float], now: datetime
) -> tuple[PermitType, dict[str, Any], datetime, datetime]:
    """The plan's `index`th permit before its risk is assessed: its type, fields, planned start and creation time."""
    _status, code, start_h, hours = plan
    work = WORK[code][index % len(WORK[code])]
    ptype = types[code]
    start = (now + timedelta(hours=start_h)).replace(second=0, microsecond=0)
    created = min(start, now) - timedelta(hours=6)
    data: dict[str, Any] = {
        "title": work["title"],
        "description": f"{work['title']}. Scope per work order; see method statement.",
        "location": work["location"],
        "hazards": work["hazards"],
        "control_measures": work["controls"],
        "planned_start": start,
        "planned_end": start + timedelta(hours=hours),
        "work_order": f"WO-{48100 + index}",
        "priority": ("normal", "high", "normal", "low", "urgent")[index % 5],
        "ppe": list(ptype.mandatory_ppe),
        "checklist": {item["key"]: True for item in ptype.checklist},
        "parameters": work["parameters"],
    }
    return ptype, data, start, created


def demo_permit(
    site: Site,
    types: dict[str, PermitType],
    index: int,
    plan: tuple[str, str, float, float],
    now: datetime,
    nodes: dict[str, LocationNode] | None = None,
) -> Permit:
    status = plan[0]
    ptype, data, start, created = demo_permit_content(types, index, plan, now)
    code = LOCATION_NODES.get(data["location"], "")
    if nodes is not None and code in nodes:
        data["location_node"] = nodes[code].id
    # Every permit that left draft was assessed (submitting needs it); some drafts wait for their assessment.
    if not (status == Status.DRAFT and index % 2 == 0):
        data.update(probability=1 + index % 4, severity=2 + index % 3)
    with _at(created):
        permit = demo_permit_create(site, ptype, data)
    for action, moment in zip(_STEPS[status], _step_times(status, start, len(_STEPS[status]), now), strict=True):
        # A rejection comes from whoever holds the permit: the verifier before verification, else the issuer.
        actor = "verifier" if action == "reject" and status == Status.REJECTED else _ACTOR[action]
        with _at(moment):
            permit = demo_transition(permit.id, action, site.people[actor])
    return permit


def demo_permit_create(site: Site, ptype: PermitType, data: dict[str, Any]) -> Permit:
    """A demo permit raised by the site's requester, with the attachments its type requires (a lift: its method
    statement) uploaded as the requester would, so it can be submitted."""
    permit = permit_create(actor=site.people["requester"], project=site.project, permit_type=ptype, data=data)
    for kind in ptype.effective(site.project.id).required_attachments:
        heading = AttachmentKind(kind).label
        document = demo_document_pdf(heading, data["title"], data["hazards"], data["control_measures"])
        attachment_add(
            actor=site.people["requester"],
            permit_id=permit.id,
            data={"file": SimpleUploadedFile(f"{kind}-{permit.permit_number}.pdf", document), "kind": kind},
        )
    return permit


def demo_transition(permit_id: int, action: str, person: User) -> Permit:
    """One step of a demo permit by `person`: signed when the step is, with the demo's reason, and on approval
    the issuer weighs any warned SIMOPS conflict and says how the crews are kept apart."""
    signature = {"method": "typed", "data": person.name} if action in SIGNED_ACTIONS else None
    return permit_transition(
        permit_id=permit_id,
        action=action,
        actor=person,
        reason=REASONS.get(action, ""),
        signature=signature,
        comment=ACKNOWLEDGEMENT if action == "approve" else "",
        acknowledge_conflicts=action == "approve",
    )


# The demo's certificates: everyone is an authorised gas tester (the hot-work and confined-space types require it
# of whoever records a reading), one person's card runs out within the month (the warning), and one person's
# expired (the refusal).
EXPIRED_GAS_TESTER = "issuer2"
EXPIRING_GAS_TESTER = "verifier2"


def demo_certificates(site: Site, now: datetime) -> None:
    """Record the demo's certificates through the register's service, as the site's admin."""
    today = now.astimezone(site.project.tz).date()
    for index, (key, holder) in enumerate(sorted(site.people.items())):
        issued, expires = today - timedelta(days=200), today + timedelta(days=500)
        if key == EXPIRED_GAS_TESTER:
            issued, expires = today - timedelta(days=740), today - timedelta(days=10)
        elif key == EXPIRING_GAS_TESTER:
            issued, expires = today - timedelta(days=700), today + timedelta(days=21)
        certificate_record(
            actor=site.people["admin"],
            project_id=site.project.id,
            data={
                "holder_user": holder.id,
                "kind": "authorised-gas-tester",
                "number": f"AGT-{site.project.code[:4].upper()}-{index + 101}",
                "issued_on": issued,
                "expires_on": expires,
            },
        )


def demo_load() -> list[Site]:
    """Create the demo sites; raises if they exist (use `ptw_demo --once` to skip then)."""
    now = timezone.now()
    sites = []
    with transaction.atomic():
        for tenant_name, project_name, domain, tz in SITES:
            site = site_build(
                tenant_name, project_name, domain, password=PASSWORD, time_zone=tz, names=NAMES[tenant_name.lower()]
            )
            permit_types_seed(site.tenant)
            demo_certificates(site, now)
            types = {t.code: t for t in PermitType.objects.filter(tenant=site.tenant)}
            nodes = demo_tree(site)
            for index, plan in enumerate(PLAN):
                demo_permit(site, types, index, plan, now, nodes)
            sites.append(site)
    expire_due(now)
    return sites


def demo_present() -> bool:
    return Tenant.objects.filter(name__in=[name for name, *_ in SITES]).exists()
