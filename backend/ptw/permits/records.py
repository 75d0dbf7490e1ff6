"""A permit's records as people read them: signatures (still valid or void), toolbox talk, closeout, and
everything the printed permit shows. Pure reads below services and selectors: the API shows them, and the
completing transition freezes the printed permit from the same read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ptw.accounts.models import User
from ptw.permits.choices import RISK_NOT_ASSESSED
from ptw.permits.gas import describe
from ptw.permits.guards import fire_watch_ends_at
from ptw.permits.models import (
    ExtensionStatus,
    FireWatch,
    GasTest,
    Permit,
    PermitAttachment,
    PermitCloseout,
    PermitExtension,
    PermitIsolation,
    PermitSignature,
    PermitWorker,
    SimopsAcknowledgement,
    ToolboxTalk,
)
from ptw.permits.policies import fire_watch_record_missing, fire_watch_sign_off_missing
from ptw.permits.signing import permit_content_hash
from ptw.permits.workflow import CLOSEOUT_OPEN, FIRE_WATCH_SIGN_OFF_OPEN, TRANSITIONS


def attachments_of(permit: Permit) -> QuerySet[PermitAttachment]:
    """The permit's attachments, superseded ones included, oldest first, with who uploaded each."""
    return PermitAttachment.objects.filter(permit=permit).select_related("uploaded_by").order_by("uploaded_at", "id")


def attachment_of(permit: Permit, attachment_id: int) -> PermitAttachment | None:
    return PermitAttachment.objects.filter(permit=permit, pk=attachment_id).first()


def _size_text(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{max(1, round(size / 1024))} kB"


def _printed_attachments(permit: Permit) -> list[list[str]]:
    return [
        [
            a.get_kind_display(),
            a.original_name + (" (superseded)" if a.superseded_by_id else ""),
            _size_text(a.size),
            a.sha256[:12],
            _name(a.uploaded_by),
            _local(a.uploaded_at, permit),
        ]
        for a in attachments_of(permit)
    ]


def closeout_work_finished(permit: Permit) -> bool:
    """Has the closeout recorded that the work on this permit has finished (and energy may be restored)?"""
    return PermitCloseout.objects.filter(permit_id=permit.id, work_finished=True).exists()


def extension_counts(permit: Permit) -> tuple[int, int]:
    """How many extensions of the permit were approved, and how many wait for a decision (one read)."""
    counts = PermitExtension.objects.filter(permit_id=permit.id).aggregate(
        granted=Count("id", filter=Q(status=ExtensionStatus.APPROVED)),
        waiting=Count("id", filter=Q(status=ExtensionStatus.PENDING)),
    )
    return counts["granted"], counts["waiting"]


def signatures_of(permit: Permit) -> list[dict[str, Any]]:
    """Each signature with whether it still vouches for the permit's current content, and why not."""
    current = permit_content_hash(permit)
    rows = []
    for sig in PermitSignature.objects.filter(permit=permit).select_related("signer"):
        reason = sig.void_reason or ("" if sig.content_hash == current else "permit content changed after signing")
        rows.append(
            {
                "id": sig.id,
                "action": sig.action,
                "signer": {"id": sig.signer.id, "name": sig.signer.name},
                "role": sig.role,
                "method": sig.method,
                "data": sig.data,
                "signed_at": sig.signed_at,
                "content_hash": sig.content_hash,
                "valid": not reason,
                "voided_at": sig.voided_at,
                "void_reason": reason,
            }
        )
    return rows


def person(user: User | None) -> dict[str, Any] | None:
    return {"id": user.id, "name": user.name} if user is not None else None


def sign_on_statement(permit: Permit, talk: ToolboxTalk | None) -> str:
    """What every worker reads before signing on: the talk and its topics, the permit's hazards and precautions.

    Empty while no talk is recorded. Built from what is stored now, so the text shown is the text kept.
    """
    if talk is None:
        return ""
    held = talk.held_at.astimezone(permit.project.tz)
    lines = [
        f"Toolbox talk held {held.day} {held:%b %Y, %H:%M} by {talk.held_by.name}.",
        "Topics: " + "; ".join(talk.topics) + ".",
        f"Hazards: {permit.hazards.strip() or 'none recorded'}",
        f"Control measures: {permit.control_measures.strip() or 'none recorded'}",
        f"PPE: {', '.join(permit.ppe) or 'none recorded'}",
    ]
    if permit.special_instructions.strip():
        lines.append(f"Special instructions: {permit.special_instructions.strip()}")
    return "\n".join(lines)


def sign_on_declaration(worker: PermitWorker) -> str:
    """The sentence a worker signs under the statement."""
    return (
        f"I, {worker.name} of {worker.company}, attended the toolbox talk "
        "and understood the hazards and precautions above."
    )


def toolbox_talk_of(permit: Permit) -> dict[str, Any]:
    """The permit's toolbox talk (`held` false and version 1 before it is recorded), the statement workers
    sign on to, and its crew's tally (older acknowledgements count as signed on)."""
    talk = ToolboxTalk.objects.filter(permit=permit).select_related("held_by", "updated_by").first()
    tally = PermitWorker.objects.filter(permit=permit).aggregate(
        workers=Count("id"),
        signed_on=Count("id", filter=Q(acknowledged_at__isnull=False) | Q(sign_on__isnull=False)),
    )
    return {
        "permit_id": permit.id,
        "held": talk is not None,
        "held_by": person(talk.held_by) if talk else None,
        "held_at": talk.held_at if talk else None,
        "topics": list(talk.topics) if talk else [],
        "notes": talk.notes if talk else "",
        "updated_by": person(talk.updated_by) if talk else None,
        "updated_at": talk.updated_at if talk else None,
        "sign_on_statement": sign_on_statement(permit, talk),
        "workers": tally["workers"],
        "signed_on": tally["signed_on"],
        "version": talk.version if talk else 1,
    }


def closeout_of(permit: Permit) -> dict[str, Any]:
    """The type's closeout checklist merged with the permit's answers (version 1 before the first write)."""
    ptype = permit.permit_type.effective(permit.project_id)
    row = PermitCloseout.objects.filter(permit=permit).select_related("work_finished_by", "updated_by").first()
    answers: dict[str, dict[str, Any]] = row.answers if row else {}
    people = {u.id: u for u in User.objects.filter(pk__in={a.get("answered_by") for a in answers.values()})}
    items = []
    for item in ptype.closeout_checklist:
        answer = answers.get(item["key"]) or {}
        at = answer.get("answered_at")
        items.append(
            {
                "key": item["key"],
                "label": item["label"],
                "required": bool(item.get("required")),
                "done": bool(answer.get("done")),
                "comment": answer.get("comment", ""),
                "answered_by": person(people.get(answer.get("answered_by", 0))),
                "answered_at": datetime.fromisoformat(at) if at else None,
            }
        )
    return {
        "permit_id": permit.id,
        "required": bool(ptype.requires_closeout),
        "items": items,
        "complete": all(item["done"] for item in items if item["required"]),
        "remarks": row.remarks if row else "",
        "work_finished": bool(row and row.work_finished),
        "work_finished_at": row.work_finished_at if row else None,
        "work_finished_by": person(row.work_finished_by) if row else None,
        "updated_by": person(row.updated_by) if row else None,
        "updated_at": row.updated_at if row else None,
        "version": row.version if row else 1,
    }


def fire_watch_of(permit: Permit, user: User | None = None, now: datetime | None = None) -> dict[str, Any]:
    """The permit's fire watch: whether its type keeps one and for how long, the recorded end of the hot work, the
    keeper, when the watch may end and its sign-off; with what `user` may do with it now."""
    ptype = permit.permit_type.effective(permit.project_id)
    minutes = int(ptype.fire_watch_minutes)
    watch = FireWatch.objects.filter(permit=permit).select_related("keeper", "recorded_by").first()
    ends_at = fire_watch_ends_at(watch, minutes) if watch else None
    can_record = bool(
        user is not None
        and ptype.requires_fire_watch
        and permit.status in CLOSEOUT_OPEN
        and not fire_watch_record_missing(user, permit, None)
    )
    can_sign_off = bool(
        user is not None
        and watch is not None
        and ends_at is not None
        and watch.signed_off_at is None
        and permit.status in FIRE_WATCH_SIGN_OFF_OPEN
        and (now or timezone.now()) >= ends_at
        and not fire_watch_sign_off_missing(user, permit, watch.keeper_id)
    )
    return {
        "permit_id": permit.id,
        "required": bool(ptype.requires_fire_watch),
        "minutes": minutes,
        "hot_work_ended_at": watch.hot_work_ended_at if watch else None,
        "keeper": person(watch.keeper) if watch else None,
        "ends_at": ends_at,
        "recorded_by": person(watch.recorded_by) if watch else None,
        "recorded_at": watch.recorded_at if watch else None,
        "signed_off_at": watch.signed_off_at if watch else None,
        "sign_off_remarks": watch.sign_off_remarks if watch else "",
        "can_record": can_record,
        "can_sign_off": can_sign_off,
        "version": watch.version if watch else 1,
    }


def link_url(token: str) -> str:
    return f"{settings.PTW_PUBLIC_URL}/qr/{token}"


def _local(moment: datetime | None, permit: Permit) -> str:
    return moment.astimezone(permit.project.tz).strftime("%d %b %Y %H:%M") if moment else "-"


def _signed_as(action: str, role: str) -> str:
    """How a signature is printed: as its action's table row says, else by the signer's role."""
    transition = TRANSITIONS.get(action)
    return transition.signed_as if transition is not None and transition.signed_as else role


def _name(person: Any) -> str:
    """A user's name, or a `{id, name}` person's, or "-"."""
    if person is None:
        return "-"
    return str(person["name"] if isinstance(person, dict) else person.name)


def workers_signed_on(permit: Permit) -> list[PermitWorker]:
    """The crew with each worker's whole sign-on record (signature and statement included)."""
    return list(
        PermitWorker.objects.filter(permit=permit).select_related("sign_on", "sign_on__taken_by").order_by("id")
    )


def _printed_worker(worker: PermitWorker, permit: Permit) -> list[Any]:
    """A crew row of the printed permit: the sign-on's time and who hosted it, then the typed name or the
    drawn image (a PNG data URL the document draws small); an older acknowledgement prints as such."""
    sign_on = getattr(worker, "sign_on", None)
    if sign_on is not None:
        signed = f"{_local(sign_on.signed_on_at, permit)} (taken by {sign_on.taken_by.name})"
        return [worker.name, worker.company, worker.trade, signed, sign_on.data]
    if worker.acknowledged_at is not None:
        acknowledged = f"{_local(worker.acknowledged_at, permit)} (acknowledged)"
        return [worker.name, worker.company, worker.trade, acknowledged, ""]
    return [worker.name, worker.company, worker.trade, "-", ""]


def _answer(value: Any) -> str:
    """A template field's answer as printed: yes/no, a list joined, "-" when not given."""
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def risk_text(permit: Permit) -> str:
    """The permit's risk as printed: "High (12)", or "Not assessed" before probability and severity are chosen."""
    if permit.risk_level is None:
        return RISK_NOT_ASSESSED
    return f"{permit.get_risk_level_display()} ({permit.risk_score})"


def _node_path(permit: Permit) -> str:
    node = permit.location_node
    if node is None:
        return ""
    return f"{node.path} ({node.code})"


def permit_document_data(permit: Permit, printed_at: datetime, link: str) -> dict[str, Any]:
    """Everything the printed permit shows, as text, times in the project's time zone; `link` is its QR link."""
    ptype = permit.permit_type.effective(permit.project_id)
    labels = {item["key"]: item["label"] for item in ptype.checklist}
    talk = toolbox_talk_of(permit)
    closeout = closeout_of(permit)
    return {
        "number": permit.permit_number,
        "title": permit.title,
        "type": permit.permit_type.name,
        "status": permit.get_status_display(),
        "risk": risk_text(permit),
        "printed_at": _local(printed_at, permit),
        "link": link,
        "work": [
            ("Location", " — ".join(part for part in (_node_path(permit), permit.location) if part)),
            ("Depends on", ", ".join(p.permit_number for p in permit.depends_on.order_by("id"))),
            ("Plant / work order", permit.work_order),
            ("Scope", permit.description),
            ("Planned", f"{_local(permit.planned_start, permit)} to {_local(permit.planned_end, permit)}"),
            ("Actual", f"{_local(permit.actual_start, permit)} to {_local(permit.actual_end, permit)}"),
            ("Requester", _name(permit.requester)),
            ("Verifier", _name(permit.verifier)),
            ("Issuer", _name(permit.issuer)),
            ("Time zone", permit.project.time_zone),
        ],
        # The type's own fields (its template), by their labels, in the template's order.
        "fields": [
            (field["label"], _answer((permit.parameters or {}).get(field["key"]))) for field in ptype.form_fields
        ],
        "precautions": [
            ("Hazards", permit.hazards),
            ("Control measures", permit.control_measures),
            ("PPE", ", ".join(permit.ppe)),
            ("Special instructions", permit.special_instructions),
        ],
        "checklist": [[labels.get(key, key), "Yes" if done else "No"] for key, done in permit.checklist.items()],
        "gas_tests": [
            [
                _local(t.tested_at, permit),
                t.gas,
                f"{t.value} {t.unit}",
                describe(t.limit),
                t.result.upper(),
                f"{t.instrument_id} (cal. {t.calibrated_on})",
                _name(t.tested_by),
            ]
            for t in GasTest.objects.filter(permit=permit).select_related("tested_by").order_by("tested_at", "id")
        ],
        "isolations": [
            [
                i.name,
                i.energy_type,
                ", ".join(i.lock_numbers) or "-",
                i.get_status_display(),
                _name(i.isolated_by),
                _name(i.verified_by),
                _name(i.deisolated_by),
            ]
            for i in PermitIsolation.objects.filter(permit=permit).select_related(
                "isolated_by", "verified_by", "deisolated_by"
            )
        ],
        "toolbox_talk": [
            (
                "Toolbox talk",
                f"{_local(talk['held_at'], permit)} by {talk['held_by']['name']}" if talk["held"] else "-",
            ),
            ("Topics", ", ".join(talk["topics"])),
        ],
        "workers": [_printed_worker(w, permit) for w in workers_signed_on(permit)],
        "extensions": [
            [
                _local(e.requested_at, permit),
                _local(e.previous_end, permit),
                _local(e.new_end, permit),
                e.reason,
                f"{e.get_status_display()} {_name(e.decided_by) if e.decided_by else ''}".strip(),
            ]
            for e in PermitExtension.objects.filter(permit=permit).select_related("decided_by")
        ],
        "attachments": _printed_attachments(permit),
        "simops": [
            [
                _local(a.at, permit),
                (a.other if a.permit_id == permit.id else a.permit).permit_number,
                a.reason,
                _name(a.by),
                a.comment,
            ]
            for a in SimopsAcknowledgement.objects.filter(Q(permit=permit) | Q(other=permit))
            .select_related("by", "permit", "other")
            .order_by("at", "id")
        ],
        "signatures": [
            [
                s["action"],
                _signed_as(s["action"], s["role"]),
                s["signer"]["name"],
                _local(s["signed_at"], permit),
                s["method"],
                "valid" if s["valid"] else f"void: {s['void_reason']}",
            ]
            for s in signatures_of(permit)
        ],
        "closeout": [[item["label"], "Yes" if item["done"] else "No", item["comment"]] for item in closeout["items"]],
        "closeout_notes": [
            ("Remarks", closeout["remarks"]),
            ("Work finished", _local(closeout["work_finished_at"], permit) if closeout["work_finished"] else "No"),
            *_printed_fire_watch(permit),
            *_printed_reinstatements(permit),
        ],
    }


def _printed_fire_watch(permit: Permit) -> list[tuple[str, str]]:
    watch = fire_watch_of(permit)
    if not watch["required"]:
        return []
    if watch["hot_work_ended_at"] is None:
        return [("Fire watch", "not recorded")]
    kept = (
        f"hot work ended {_local(watch['hot_work_ended_at'], permit)}, kept by {watch['keeper']['name']} "
        f"for {watch['minutes']} min"
    )
    signed = watch["signed_off_at"]
    return [("Fire watch", f"{kept}; signed off {_local(signed, permit)}" if signed else f"{kept}; not signed off")]


def _printed_reinstatement(isolation: PermitIsolation) -> str:
    outcome = "tested" if isolation.reinstatement_tested else f"not tested: {isolation.reinstatement_note}"
    return f"{isolation.name} by {_name(isolation.reinstated_by)} ({outcome})"


def _printed_reinstatements(permit: Permit) -> list[tuple[str, str]]:
    done = PermitIsolation.objects.filter(permit=permit, reinstated_at__isnull=False).select_related("reinstated_by")
    return [("Reinstated", "; ".join(_printed_reinstatement(i) for i in done))] if done else []
