"""Where work happens: the project's location tree (area → unit → equipment), its SIMOPS conflict rules, the
acknowledgements of warned conflicts, and the audit of changes to that configuration."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ptw.accounts.models import Project


class LocationKind(models.TextChoices):
    AREA = "area"
    UNIT = "unit"
    EQUIPMENT = "equipment"


class LocationNode(models.Model):
    """One node of a project's location tree. `area` and `unit` are the node's ancestors of those kinds (an area is
    its own area, a unit its own unit), kept on the row so scope checks and the board read no tree walks."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="location_nodes")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    kind = models.CharField(max_length=12, choices=LocationKind.choices)
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=120)
    area = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    unit = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The node's position on its area's plot plan, as fractions of the image's width and height.
    plan_x = models.FloatField(null=True, blank=True)
    plan_y = models.FloatField(null=True, blank=True)
    # An area's plot plan (PNG or JPEG), stored in the database like the frozen permit PDF.
    plot_plan = models.BinaryField(null=True, blank=True)
    plot_plan_type = models.CharField(max_length=16, blank=True)
    plot_plan_version = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="location_unique_code_per_project"),
            models.CheckConstraint(
                condition=models.Q(plan_x__isnull=True) | models.Q(plan_x__gte=0, plan_x__lte=1),
                name="location_plan_x_0_to_1",
            ),
            models.CheckConstraint(
                condition=models.Q(plan_y__isnull=True) | models.Q(plan_y__gte=0, plan_y__lte=1),
                name="location_plan_y_0_to_1",
            ),
        ]
        indexes = [models.Index(fields=["project", "is_active", "kind", "code"], name="location_tree")]
        ordering = ["code", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def path(self) -> str:
        """The names from the area down ("Tank farm / T-3 / Pump P-301"); reads `area` and `unit` (select them)."""
        names = []
        if self.area_id and self.area_id != self.id and self.area is not None:
            names.append(self.area.name)
        if self.unit_id and self.unit_id != self.id and self.unit is not None:
            names.append(self.unit.name)
        return " / ".join([*names, self.name])


def plot_plans_unread(to_node: str = "") -> tuple[str, ...]:
    """The plot plans' bytes of a node read with its area and unit (`to_node`: the path to the node, as
    `"location_node__"`), to `defer`: an area's image is read by its own endpoint, never with the nodes and permits
    placed on it."""
    return tuple(f"{to_node}{name}" for name in ("plot_plan", "area__plot_plan", "unit__plot_plan"))


class SimopsRuleSet(models.Model):
    """A project's conflict rules (see `permits/simops.py`); without a row the project uses the defaults."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="simops_rules")
    rules = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)


class SimopsAcknowledgement(models.Model):
    """An issuer's acknowledgement, when approving `permit`, of its warned conflict with `other`."""

    permit = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("permits.Permit", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    comment = models.TextField(max_length=2000)

    class Meta:
        indexes = [models.Index(fields=["permit", "other"]), models.Index(fields=["other", "permit"])]
        ordering = ["id"]


class ConfigChange(models.Model):
    """The audit of a change to a project's site configuration (location tree, conflict rules, isolation library):
    who, when, what."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=24)  # "location" | "simops_rules" | "isolation_point"
    subject_id = models.PositiveIntegerField(null=True, blank=True)
    # create | update | deactivate | plot_plan | replace; the library also: retire | restore | import
    action = models.CharField(max_length=24)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    changes = models.JSONField(default=dict)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["project", "subject", "at"])]
        ordering = ["id"]
