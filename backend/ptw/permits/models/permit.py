"""The permit and its per-project, per-year number counter."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.accounts.models import Project
from ptw.permits.choices import Priority, RiskLevel, Status, WorkNature
from ptw.permits.models.locations import LocationNode
from ptw.permits.models.permit_type import PermitType

# The fields a person fills in or chooses: what an edit may change and a signature vouches for.
PERMIT_CONTENT_FIELDS = (
    "title",
    "description",
    "location",
    "latitude",
    "longitude",
    "work_order",
    "work_nature",
    "priority",
    "probability",
    "severity",
    "hazards",
    "control_measures",
    "ppe",
    "checklist",
    "parameters",
    "special_instructions",
    "planned_start",
    "planned_end",
)

# The orderings the permit list offers (`ordering=`); each has its index below.
LIST_ORDERINGS = (
    "created_at",
    "updated_at",
    "planned_start",
    "planned_end",
    "permit_number",
    "title",
    "status",
    "risk_score",
    "priority",
)

# The filters of the list's UI that get an index of their own (with the default order). The people too: one person
# holds a role on permits of many projects, and their own index (of the whole tenant) made a project's count read
# all of them (an issuer's 54,000 permits over 20 projects for the 2,700 of one: 23 ms).
LIST_FILTER_INDEXED = ("status", "risk_level", "permit_type", "requester", "verifier", "issuer")
# The statuses the clock-bound report exceptions are about (overdue, expiring, isolation and closeout pending): the
# live ones (workflow.LIVE, which models may not import; a test holds them equal) and expired, a small share of a
# project's history.
CLOCKED_STATUSES = tuple(
    sorted(
        (
            Status.SUBMITTED,
            Status.UNDER_REVIEW,
            Status.APPROVED,
            Status.ACTIVE,
            Status.SUSPENDED,
            Status.HANDBACK_PENDING,
            Status.EXPIRED,
        )
    )
)


class PermitCounter(models.Model):
    """The last permit number issued per project and year; locked while a permit is created."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "year"], name="permit_counter_unique")]


class Permit(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="permits")
    permit_type = models.ForeignKey(PermitType, on_delete=models.PROTECT, related_name="permits")
    permit_number = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    description = models.TextField(max_length=5000)
    location = models.CharField(max_length=200, blank=True, default="")
    # Where the work is in the project's location tree (SIMOPS scope); `location` stays the free-text detail.
    location_node = models.ForeignKey(
        LocationNode, on_delete=models.PROTECT, null=True, blank=True, related_name="permits"
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    work_order = models.CharField(max_length=60, blank=True)
    work_nature = models.CharField(max_length=8, choices=WorkNature.choices, default=WorkNature.DAY)
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    # The risk assessment: empty until the requester chooses both (a draft may wait; submitting needs them).
    probability = models.PositiveSmallIntegerField(null=True, blank=True)
    severity = models.PositiveSmallIntegerField(null=True, blank=True)
    risk_score = models.PositiveSmallIntegerField(null=True, blank=True)
    # Null like the score, not "": the API, filters and reports treat "not assessed" as one absent value.
    risk_level = models.CharField(max_length=8, choices=RiskLevel.choices, null=True, blank=True)  # noqa: DJ001
    hazards = models.TextField(max_length=5000, blank=True)
    control_measures = models.TextField(max_length=5000, blank=True)
    ppe = models.JSONField(default=list, blank=True)
    checklist = models.JSONField(default=dict, blank=True)
    parameters = models.JSONField(default=dict, blank=True)
    special_instructions = models.TextField(max_length=5000, blank=True)
    planned_start = models.DateTimeField()
    planned_end = models.DateTimeField()
    actual_start = models.DateTimeField(null=True, blank=True)
    actual_end = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=1)
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    issuer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Cross-references: the permits this one depends on (e.g. hot work on the isolation permit of its line).
    depends_on = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="dependents")
    # While handed back: the status the permit was handed back from, where a refused hand-back returns it.
    handed_back_from = models.CharField(max_length=16, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "permit_number"], name="permit_unique_number_per_project"),
            models.CheckConstraint(
                condition=models.Q(planned_end__gt=models.F("planned_start")), name="permit_end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(probability__isnull=True) | models.Q(probability__range=(1, 5)),
                name="permit_probability_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(severity__isnull=True) | models.Q(severity__range=(1, 5)),
                name="permit_severity_1_to_5",
            ),
        ]
        indexes = [
            # One per ordering the list offers, the id as tiebreaker: a page is an index walk in either
            # direction, whatever the project's size (permits/tests/test_list_scale.py reads the list's choices).
            *(models.Index(fields=["project", field, "id"], name=f"permit_list_{field}") for field in LIST_ORDERINGS),
            # The filters the list's UI offers, each with the default order (and a count from the index alone).
            *(
                models.Index(fields=["project", field, "planned_start", "id"], name=f"permit_filter_{field}")
                for field in LIST_FILTER_INDEXED
            ),
            models.Index(fields=["planned_start"]),
            # The site board and conflict detection read a GiST index of the live permits' windows on PostgreSQL
            # (migration 0025, `simops.window_meets`).
            # The clock-bound report exceptions: the window's live or expired permits counted from the index alone
            # (with what each exception compares), and an exception's permits listed by planned end.
            models.Index(
                fields=["project", "created_at"],
                include=["id", "status", "submitted_at", "verified_at", "planned_end"],
                condition=models.Q(status__in=CLOCKED_STATUSES),
                name="permit_clocked_window",
            ),
            models.Index(
                fields=["project", "planned_end", "id"],
                condition=models.Q(status__in=CLOCKED_STATUSES),
                name="permit_clocked_by_end",
            ),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.permit_number} {self.title}"
