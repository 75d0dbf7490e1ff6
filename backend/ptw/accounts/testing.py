"""Builders of tenants, companies, projects and people — for tests and the demo data alike."""

from __future__ import annotations

from dataclasses import dataclass, field

from ptw.accounts.choices import Grade, MembershipRole, Side
from ptw.accounts.models import Company, Membership, Project, Tenant, User

PERSONAS: tuple[tuple[str, str, str, str, str], ...] = (
    # key, name, side, grade, membership role
    ("requester", "Ravi Contractor", Side.CONTRACTOR, Grade.C, MembershipRole.MEMBER),
    ("verifier", "Vera EPC", Side.EPC, Grade.B, MembershipRole.MEMBER),
    ("verifier2", "Victor EPC", Side.EPC, Grade.A, MembershipRole.MEMBER),
    ("issuer", "Iris Client", Side.CLIENT, Grade.A, MembershipRole.MEMBER),
    ("issuer2", "Ian Client", Side.CLIENT, Grade.B, MembershipRole.MEMBER),
    ("admin", "Ada Admin", Side.CLIENT, Grade.C, MembershipRole.PROJECT_ADMIN),
    ("viewer", "Vic Viewer", Side.CLIENT, Grade.C, MembershipRole.VIEWER),
)


@dataclass
class Site:
    tenant: Tenant
    project: Project
    companies: dict[str, Company]
    people: dict[str, User] = field(default_factory=dict)


def site_build(
    tenant_name: str,
    project_name: str,
    domain: str,
    *,
    password: str | None = None,
    time_zone: str = "UTC",
    names: dict[str, str] | None = None,
) -> Site:
    """A tenant with one project, one company per side and the seven personas as members."""
    slug = tenant_name.lower().replace(" ", "-")
    tenant = Tenant.objects.create(name=tenant_name, slug=slug)
    project = Project.objects.create(
        tenant=tenant, name=project_name, code=project_name.lower().replace(" ", "-"), time_zone=time_zone
    )
    companies: dict[str, Company] = {
        Side.CLIENT: Company.objects.create(tenant=tenant, name=f"{tenant_name} Operations", side=Side.CLIENT),
        Side.EPC: Company.objects.create(tenant=tenant, name=f"{tenant_name} EPC Engineering", side=Side.EPC),
        Side.CONTRACTOR: Company.objects.create(
            tenant=tenant, name=f"{tenant_name} Site Services", side=Side.CONTRACTOR
        ),
    }
    site = Site(tenant, project, companies)
    for key, name, side, grade, role in PERSONAS:
        user = User.objects.create_user(
            f"{key}@{domain}",
            password,
            name=(names or {}).get(key, name),
            tenant=tenant,
            company=companies[side],
            grade=grade,
            is_tenant_admin=False,
        )
        Membership.objects.create(user=user, project=project, role=role)
        site.people[key] = user
    return site
