from django.db import models


class Side(models.TextChoices):
    CLIENT = "client", "Client (asset owner)"
    EPC = "epc", "EPC contractor"
    CONTRACTOR = "contractor", "Contractor"


class Grade(models.TextChoices):
    A = "A", "A — site in-charge"
    B = "B", "B — team leader / manager"
    C = "C", "C — engineer / supervisor"


class MembershipRole(models.TextChoices):
    MEMBER = "member", "Member"
    PROJECT_ADMIN = "project_admin", "Project admin"
    VIEWER = "viewer", "Viewer / auditor"


class Capability(models.TextChoices):
    """The pool capabilities of the policy table; the relationship rules live in policies.py."""

    REQUEST = "request", "Request permits"
    VERIFY = "verify", "Verify permits"
    APPROVE = "approve", "Approve / issue permits"
