"""The competency register: kinds of competency, workers (people without an account) and the certificates users
and workers hold. A certificate counts wherever its holder works in the tenant; it is read on the project it was
recorded on (decision 0023)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from ptw.accounts.models import Project, Tenant
from ptw.permits.models.attachments import ATTACHMENT_STORAGE


class CompetencyKind(models.Model):
    """A kind of competency a certificate proves (authorised gas tester, confined space entrant …); per tenant."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="competency_kinds")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "code"], name="competency_kind_unique_code")]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Worker(models.Model):
    """A person on the crew who has no account: reused across permits, picked when adding a worker."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")  # recorded on
    name = models.CharField(max_length=120)
    company = models.CharField(max_length=120)
    id_number = models.CharField(max_length=60)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tenant", "company", "id_number"], name="worker_unique_id_per_company")
        ]
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})"


class Certificate(models.Model):
    """One certificate of one holder (a user or a worker, never both). Renewing records a new certificate that
    supersedes this one; revoking ends it. Neither is deleted: the register keeps what was held when."""

    tenant = models.ForeignKey(Tenant, on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")  # recorded on
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates", null=True, blank=True
    )
    holder_worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="certificates", null=True, blank=True
    )
    kind = models.ForeignKey(CompetencyKind, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(max_length=80)
    issued_on = models.DateField()
    expires_on = models.DateField()
    evidence = models.FileField(storage=ATTACHMENT_STORAGE, upload_to="certificates", max_length=300, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    evidence_type = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    superseded_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    revoked_reason = models.CharField(max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(holder_user__isnull=False, holder_worker__isnull=True)
                | Q(holder_user__isnull=True, holder_worker__isnull=False),
                name="certificate_one_holder",
            ),
            models.CheckConstraint(condition=Q(expires_on__gte=models.F("issued_on")), name="certificate_dates"),
        ]
        indexes = [
            models.Index(fields=["holder_user", "kind"], name="certificate_user_kind"),
            models.Index(fields=["holder_worker", "kind"], name="certificate_worker_kind"),
            models.Index(fields=["tenant", "expires_on"], name="certificate_expiry"),
        ]
        ordering = ["expires_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind_id} {self.number}"
