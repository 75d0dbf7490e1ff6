"""What a notification says: title, body, link and e-mail, filled from the event's payload (never from permits)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import Any

from django.conf import settings

from ptw.accounts.models import Project
from ptw.notifications.rules import Rule

MISSING = "—"


@dataclass(frozen=True)
class Content:
    title: str
    body: str
    link: str
    permit: dict[str, Any] | None
    deadline: datetime | None

    def permit_field(self, name: str) -> str:
        return str((self.permit or {}).get(name) or "")


def permit_of(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The permit snapshot an event carries: the payload itself (status changes) or under `permit`."""
    nested = payload.get("permit")
    if isinstance(nested, dict):
        return nested
    return payload if "permit_number" in payload else None


def _when(value: Any, project: Project) -> str:
    if not value:
        return MISSING
    moment = datetime.fromisoformat(str(value))
    return moment.astimezone(project.tz).strftime("%Y-%m-%d %H:%M %Z")


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return MISSING


def content_of(rule: Rule, payload: dict[str, Any], project: Project) -> Content:
    permit = permit_of(payload)
    fields = _Defaults(
        number=str((permit or {}).get("permit_number", "")),
        title=str((permit or {}).get("title", "")),
        reason=str(payload.get("reason") or (permit or {}).get("reason") or MISSING),
        reading=str(payload.get("reading", "")),
        stage=str(payload.get("stage", "")),
        sla_hours=str(payload.get("sla_hours", "")),
        url=str(payload.get("url", "")),
        since=_when(payload.get("since"), project),
        planned_end=_when(payload.get("planned_end") or (permit or {}).get("planned_end"), project),
        grace_until=_when(payload.get("grace_until"), project),
        new_end=_when(payload.get("new_end"), project),
        other=str(payload.get("other", "")),
        ends_at=_when(payload.get("ends_at"), project),
        holder=str(payload.get("holder", "")),
        kind=str(payload.get("kind", "")),
        certificate_number=str(payload.get("certificate_number", "")),
        expires_on=str(payload.get("expires_on", "")),
    )
    if permit:
        link = f"/permits/{permit['id']}?project={project.id}"
    elif rule.topic == "competency.expiring":
        link = f"/competency?project={project.id}"
    elif rule.topic == "webhook.disabled":
        link = f"/webhooks/{payload.get('endpoint')}/deliveries?project={project.id}"
    else:
        link = f"/permits?project={project.id}"
    deadline = payload.get("deadline")
    return Content(
        title=rule.title.format_map(fields)[:300],
        body=rule.body.format_map(fields),
        link=link,
        permit=permit,
        deadline=datetime.fromisoformat(str(deadline)) if deadline else None,
    )


def _time_left(deadline: datetime | None, now: datetime) -> str:
    if deadline is None:
        return ""
    minutes = int((deadline - now).total_seconds() // 60)
    if minutes <= 0:
        return "none: the time has passed"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def email_of(content: Content, project: Project, now: datetime) -> tuple[str, str, str]:
    """Subject, plain text and HTML: short, naming the permit and linking to it; nothing the payload did not carry."""
    url = f"{settings.PTW_PUBLIC_URL}{content.link}"
    lines: list[tuple[str, str]] = [("Project", project.name)]
    if content.permit:
        lines += [
            ("Permit", f"{content.permit_field('permit_number')} — {content.permit_field('title')}"),
            ("Location", content.permit_field("location") or MISSING),
        ]
    if left := _time_left(content.deadline, now):
        lines.append(("Time left", left))
    text = "\n".join([content.body, "", *(f"{label}: {value}" for label, value in lines), "", f"Open: {url}", ""])
    rows = "".join(f"<tr><th align='left'>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in lines)
    html = (
        f"<p>{escape(content.body)}</p><table>{rows}</table><p><a href='{escape(url, quote=True)}'>Open in PTW</a></p>"
    )
    return f"[PTW] {content.title}", text, html
