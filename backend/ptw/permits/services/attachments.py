"""Files on a permit: attached (judged by content), superseded by a newer file, deleted only from a draft."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from ptw.accounts.models import User
from ptw.core.errors import Conflict, Forbidden, InvalidInput, NotFound, PayloadTooLarge
from ptw.permits.missing import Missing
from ptw.permits.models import Permit, PermitAttachment
from ptw.permits.models.attachments import ATTACHMENT_STORAGE
from ptw.permits.policies import NOT_PERMITTED, attachment_add_missing, attachment_delete_missing
from ptw.permits.services.events import event_note
from ptw.permits.services.locking import permit_locked
from ptw.permits.uploads import Judged, judge


def _refused(missing: list[Missing]) -> Forbidden | Conflict:
    first = missing[0]
    if first.code == NOT_PERMITTED:
        return Forbidden(first.message)
    return Conflict(first.message, code=first.code)


def attachment_read(upload: UploadedFile, *, keep_location: bool) -> Judged:
    """The upload judged by its content: over the size limit 413 (checked before reading), not an image or PDF 400."""
    limit = int(settings.PTW_ATTACHMENT_MAX_BYTES)
    if upload.size is None or upload.size > limit:
        raise PayloadTooLarge(f"The file is larger than {limit // (1024 * 1024)} MB.", extra={"limit": limit})
    return judge(upload.read(), keep_location=keep_location)


def _stored(permit: Permit, judged: Judged) -> tuple[str, str]:
    """Write the file and its thumbnail under unguessable names; the storage's names of both."""
    stem = f"{permit.id}/{uuid.uuid4().hex}"
    name = ATTACHMENT_STORAGE.save(f"permits/{stem}{judged.extension}", ContentFile(judged.data))
    thumb = ""
    if judged.thumbnail is not None:
        thumb = ATTACHMENT_STORAGE.save(f"permits/{stem}-thumb.jpg", ContentFile(judged.thumbnail))
    return name, thumb


def _discard_on_commit(names: list[str | None]) -> None:
    for name in [n for n in names if n]:
        transaction.on_commit(lambda name=name: ATTACHMENT_STORAGE.delete(name))  # type: ignore[misc]


def attachment_add(
    *, actor: User, permit_id: int, data: dict[str, Any], client_ip: str | None = None
) -> PermitAttachment:
    """Attach one file to the permit, or a newer file superseding one of its current attachments.

    1. Judge the file by its content: over 10 MB 413; not an image or a PDF 400; an image re-encoded (orientation
       applied, location metadata stripped unless the uploader keeps it) with a thumbnail; a PDF kept as sent.
    2. Lock the permit; viewers and ended permits take no files; a superseded file is a current one of this permit.
    3. Store the file and its thumbnail under unguessable names; record them with the SHA-256 of the stored bytes.
    4. Mark the file it supersedes, and note the upload on the timeline.
    5. Were the transaction to fail, the stored files are removed again.
    """
    upload: UploadedFile = data["file"]
    judged = attachment_read(upload, keep_location=data.get("keep_location", False))
    now = timezone.now()
    names: tuple[str, str] = ("", "")
    try:
        with transaction.atomic():
            permit = permit_locked(actor, permit_id)
            missing = attachment_add_missing(actor, permit)
            if missing:
                raise _refused(missing)
            old = _superseded(permit, data.get("supersedes"))
            names = _stored(permit, judged)
            attachment = PermitAttachment.objects.create(
                permit=permit,
                kind=data.get("kind") or (old.kind if old else ""),
                file=names[0],
                thumbnail=names[1],
                original_name=(upload.name or "file")[-255:],
                content_type=judged.content_type,
                size=len(judged.data),
                sha256=hashlib.sha256(judged.data).hexdigest(),
                keep_location=data.get("keep_location", False),
                uploaded_by=actor,
                uploaded_at=now,
            )
            if old is not None:
                old.superseded_by, old.superseded_at = attachment, now
                old.save(update_fields=["superseded_by", "superseded_at"])
            event_note(
                permit,
                action="attachment_superseded" if old else "attachment_added",
                actor=actor,
                at=now,
                comment=f"{attachment.get_kind_display()}: {attachment.original_name}"
                + (f" (supersedes {old.original_name})" if old else ""),
                changes={"attachment": [old.id if old else None, attachment.id], "sha256": [None, attachment.sha256]},
                client_ip=client_ip,
            )
            return attachment
    except BaseException:
        for name in names:
            if name:
                ATTACHMENT_STORAGE.delete(name)
        raise


def _superseded(permit: Permit, attachment_id: int | None) -> PermitAttachment | None:
    if attachment_id is None:
        return None
    old = PermitAttachment.objects.select_for_update().filter(pk=attachment_id, permit=permit).first()
    if old is None:
        raise InvalidInput(fields={"supersedes": ["No such attachment on this permit."]})
    if old.superseded_by_id is not None:
        raise InvalidInput(fields={"supersedes": ["This attachment is already superseded by a newer file."]})
    return old


def attachment_delete(*, actor: User, permit_id: int, attachment_id: int, client_ip: str | None = None) -> None:
    """Delete an attachment of a draft (its requester only); after submission attachments are append-only.

    1. Lock the permit; the attachment is one of its own (404 otherwise).
    2. Only the requester, only while the permit is a draft (403 / 409 otherwise).
    3. The file it had superseded becomes current again; the row goes, its files go once committed.
    4. Note the deletion on the timeline.
    """
    with transaction.atomic():
        permit = permit_locked(actor, permit_id)
        attachment = PermitAttachment.objects.filter(pk=attachment_id, permit=permit).first()
        if attachment is None:
            raise NotFound()
        missing = attachment_delete_missing(actor, permit)
        if missing:
            raise _refused(missing)
        PermitAttachment.objects.filter(superseded_by=attachment).update(superseded_by=None, superseded_at=None)
        _discard_on_commit([attachment.file.name, attachment.thumbnail.name])
        attachment.delete()
        event_note(
            permit,
            action="attachment_deleted",
            actor=actor,
            at=timezone.now(),
            comment=f"{attachment.get_kind_display()}: {attachment.original_name}",
            changes={"attachment": [attachment_id, None]},
            client_ip=client_ip,
        )


def attachment_files_discard(permit: Permit) -> None:
    """The stored files of a permit about to be deleted (a draft) go once the deletion commits."""
    for file, thumbnail in PermitAttachment.objects.filter(permit=permit).values_list("file", "thumbnail"):
        _discard_on_commit([file, thumbnail])
