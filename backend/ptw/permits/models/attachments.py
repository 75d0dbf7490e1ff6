"""Files attached to a permit: JSA, method statement, drawings, photos. Append-only once the permit is submitted."""

from __future__ import annotations

from django.db import models

from ptw.accounts.models import User
from ptw.core.storage import NamedStorage
from ptw.permits.choices import AttachmentKind
from ptw.permits.models.permit import Permit

# settings.STORAGES["attachments"]: local disk under the var directory, or S3-compatible object storage.
ATTACHMENT_STORAGE = NamedStorage("attachments")


class PermitAttachment(models.Model):
    """One file as stored: images re-encoded (metadata stripped unless kept), PDFs as sent; judged by content."""

    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(storage=ATTACHMENT_STORAGE, upload_to="permits", max_length=300)
    thumbnail = models.FileField(storage=ATTACHMENT_STORAGE, upload_to="permits", max_length=300, blank=True)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=60)  # as judged from the content, never the client's word
    size = models.PositiveIntegerField()  # bytes stored
    sha256 = models.CharField(max_length=64)  # of the bytes stored
    # The uploader kept the photo's location (EXIF GPS); otherwise it was stripped.
    keep_location = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()
    superseded_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["permit", "kind"], name="attachment_permit_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
