"""Who belongs where: project scope, membership roles and the policy table's pools.

One module answers these questions for listing candidates, naming people and acting alike.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ptw.accounts.choices import MembershipRole
from ptw.accounts.models import Membership, Project, User

POOL_CAPABILITIES: tuple[str, ...] = ("request", "verify", "approve")


def memberships_of(user: User) -> dict[int, str]:
    """project id → role for the user's active memberships (cached on the user object)."""
    cached: dict[int, str] | None = getattr(user, "_ptw_memberships", None)
    if cached is None:
        memberships = Membership.objects.filter(user=user, is_active=True, project__is_active=True)
        cached = dict(memberships.order_by().values_list("project_id", "role"))  # a map: no order to write
        if user.is_tenant_admin:
            for project_id in Project.objects.filter(tenant_id=user.tenant_id).values_list("id", flat=True):
                cached.setdefault(project_id, MembershipRole.PROJECT_ADMIN)
        user._ptw_memberships = cached  # type: ignore[attr-defined]
    return cached


def visible_project_ids(user: User) -> list[int]:
    return list(memberships_of(user))


def projects_for(user: User) -> QuerySet[Project]:
    """Projects in the caller's scope: everything else is 404."""
    return Project.objects.filter(id__in=visible_project_ids(user), tenant_id=user.tenant_id)


def role_in(user: User, project_id: int) -> str | None:
    return memberships_of(user).get(project_id)


def is_project_admin(user: User, project_id: int) -> bool:
    return user.is_tenant_admin or role_in(user, project_id) == MembershipRole.PROJECT_ADMIN


def _matches(user: User, rules: list[dict[str, Any]]) -> bool:
    side = user.side
    return any(rule.get("side") == side and user.grade in rule.get("grades", []) for rule in rules)


def in_pool(user: User, project: Project, capability: str) -> bool:
    """Does the policy table give `capability` to this user on this project?

    Viewers never act; a pool is defined by company side and grade of active members.
    """
    role = role_in(user, project.id)
    if role is None or role == MembershipRole.VIEWER or not user.is_active:
        return False
    return _matches(user, project.policy.get(capability, []))


def _pool_candidates(project: Project) -> list[User]:
    """The project's active, non-viewer members: the only people a pool may hold."""
    memberships = (
        Membership.objects.filter(project=project, is_active=True, user__is_active=True)
        .exclude(role=MembershipRole.VIEWER)
        .select_related("user__company")
    )
    return [m.user for m in memberships]


def pool_members(project: Project, capability: str) -> list[User]:
    """Every active, non-viewer member of the project whose side and grade the policy table lists."""
    rules = project.policy.get(capability, [])
    return [user for user in _pool_candidates(project) if _matches(user, rules)]


def pools_under(project: Project, policy: dict[str, list[dict[str, Any]]]) -> dict[str, list[User]]:
    """Who would hold each pool capability under `policy` (the project's own table for a capability it omits),
    from one read of the members: the preview of a policy change, and the check that none is left empty."""
    candidates = _pool_candidates(project)
    return {
        cap: [user for user in candidates if _matches(user, policy.get(cap, project.policy.get(cap, [])))]
        for cap in POOL_CAPABILITIES
    }


def capabilities_in(user: User, project: Project) -> list[str]:
    caps = [cap for cap in POOL_CAPABILITIES if in_pool(user, project, cap)]
    if is_project_admin(user, project.id):
        caps.append("admin")
    return caps
