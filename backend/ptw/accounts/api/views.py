"""Accounts API: session log-in, the current user, API tokens, projects and their members."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import login, logout
from django.middleware.csrf import get_token
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ptw.accounts.api.serializers import (
    AdminChangeOut,
    CandidateOut,
    CompanyOut,
    LoginErrorOut,
    LoginIn,
    MemberIn,
    MemberInvitedOut,
    MemberInviteIn,
    MemberOut,
    MemberUpdateIn,
    MeOut,
    PolicyPreviewIn,
    PolicyPreviewOut,
    ProjectOut,
    ProjectUpdateIn,
    SecurityNoticeOut,
    TokenCreatedOut,
    TokenIn,
    TokenOut,
)
from ptw.accounts.authentication import AuthenticatedRequest
from ptw.accounts.choices import Capability
from ptw.accounts.defaults import default_settings, default_shifts
from ptw.accounts.models import AdminChange, AdminSubject, Project, User
from ptw.accounts.policies import POOL_CAPABILITIES, capabilities_in, memberships_of, pool_members, role_in
from ptw.accounts.selectors import (
    admin_history,
    policy_preview,
    project_administered,
    project_get,
    project_members,
    projects_of,
    tenant_companies,
)
from ptw.accounts.services.logins import login_attempt
from ptw.accounts.services.memberships import member_invite, membership_add, membership_update
from ptw.accounts.services.projects import project_update
from ptw.accounts.services.tokens import token_create, token_revoke
from ptw.core.errors import InvalidInput, NotFound
from ptw.core.http import client_address, conflict_shows, with_etag
from ptw.core.idempotency import idempotent
from ptw.core.versioning import expected_version

# The notice given at log-in, kept so /auth/me/ repeats it for the rest of that session.
SECURITY_NOTICE_SESSION_KEY = "ptw_security_notice"


def me_data(user: User, security_notice: dict[str, Any] | None = None) -> dict[str, Any]:
    projects = projects_of(user)
    return dict(
        MeOut(
            {
                "id": user.id,
                "email": user.email,
                "name": user.name,
                "grade": user.grade,
                "is_tenant_admin": user.is_tenant_admin,
                "company": user.company,
                "memberships": [
                    {"project": p, "role": role_in(user, p.id), "capabilities": capabilities_in(user, p)}
                    for p in projects
                ],
                "security_notice": security_notice,
            }
        ).data
    )


@method_decorator(ensure_csrf_cookie, name="dispatch")
class LoginView(APIView):
    """Session log-in. Failed log-ins are counted per e-mail and per client address; too many lock the e-mail."""

    permission_classes = [AllowAny]

    @extend_schema(
        request=LoginIn,
        responses={
            200: MeOut,
            400: OpenApiResponse(LoginErrorOut, description="`login_failed`, or `invalid` with the fields."),
            429: OpenApiResponse(
                LoginErrorOut,
                description="`account_locked`: too many failures for this e-mail, every log-in is refused until "
                "the lock ends; `too_many_failures`: too many failures from this address (a right password "
                "still logs in).",
            ),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After",
                int,
                OpenApiParameter.HEADER,
                response=[429],
                description="Seconds until a log-in is answered again.",
            )
        ],
    )
    def post(self, request: Request) -> Response:
        data = LoginIn(data=request.data)
        data.is_valid(raise_exception=True)
        user, notice = login_attempt(
            email=data.validated_data["email"],
            password=data.validated_data["password"],
            address=client_address(request),
        )
        login(request._request, user)
        get_token(request._request)
        notice_data = dict(SecurityNoticeOut(notice).data) if notice is not None else None
        request.session[SECURITY_NOTICE_SESSION_KEY] = notice_data
        return Response(me_data(User.objects.select_related("company").get(pk=user.pk), notice_data))


class LogoutView(APIView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request: AuthenticatedRequest) -> Response:
        logout(request._request)
        return Response(status=204)


@method_decorator(ensure_csrf_cookie, name="dispatch")
class MeView(APIView):
    @extend_schema(responses=MeOut)
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response(me_data(request.user, request.session.get(SECURITY_NOTICE_SESSION_KEY)))


class TokenListView(APIView):
    @extend_schema(responses=TokenOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        return Response(TokenOut(request.user.api_tokens.all(), many=True).data)

    @extend_schema(request=TokenIn, responses={201: TokenCreatedOut})
    @idempotent(secret_fields=("token",))
    def post(self, request: AuthenticatedRequest) -> Response:
        data = TokenIn(data=request.data)
        data.is_valid(raise_exception=True)
        token, raw = token_create(user=request.user, name=data.validated_data["name"])
        token.token = raw  # type: ignore[attr-defined]
        return Response(TokenCreatedOut(token).data, status=201)


class TokenDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: AuthenticatedRequest, token_id: int) -> Response:
        if not token_revoke(user=request.user, token_id=token_id):
            raise NotFound()
        return Response(status=204)


def project_data(user: User, project: Project) -> dict[str, Any]:
    return dict(
        ProjectOut(
            {
                **{f: getattr(project, f) for f in ("id", "name", "code", "time_zone", "version")},
                "shifts": {**default_shifts(), **project.shifts},
                "ptw_settings": {**default_settings(), **project.ptw_settings},
                "policy": {cap: project.policy.get(cap, []) for cap in POOL_CAPABILITIES},
                "role": role_in(user, project.id),
                "capabilities": capabilities_in(user, project),
            }
        ).data
    )


class ProjectListView(APIView):
    @extend_schema(responses=ProjectOut(many=True))
    def get(self, request: AuthenticatedRequest) -> Response:
        memberships_of(request.user)
        return Response([project_data(request.user, p) for p in projects_of(request.user)])


class ProjectDetailView(APIView):
    @extend_schema(responses=ProjectOut)
    def get(self, request: AuthenticatedRequest, project_id: int) -> Response:
        return with_etag(project_data(request.user, project_get(request.user, project_id)))

    @extend_schema(request=ProjectUpdateIn, responses=ProjectOut)
    def patch(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_get(request.user, project_id)
        data = ProjectUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = {k: v for k, v in data.validated_data.items() if k != "version"}
        with conflict_shows(lambda p: project_data(request.user, p)):
            saved = project_update(
                actor=request.user, project_id=project.id, expected_version=expected_version(request), data=values
            )
        return with_etag(project_data(request.user, saved))


class MemberListView(APIView):
    @extend_schema(responses=MemberOut(many=True))
    def get(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_get(request.user, project_id)
        return Response(MemberOut(project_members(project), many=True).data)

    @extend_schema(request=MemberIn, responses={201: MemberOut})
    @idempotent
    def post(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_get(request.user, project_id)
        data = MemberIn(data=request.data)
        data.is_valid(raise_exception=True)
        membership = membership_add(actor=request.user, project=project, **data.validated_data)
        return Response(MemberOut(membership).data, status=201)

    @extend_schema(request=MemberUpdateIn, responses=MemberOut)
    def patch(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_get(request.user, project_id)
        data = MemberUpdateIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        with conflict_shows(lambda m: dict(MemberOut(m).data)):
            membership = membership_update(
                actor=request.user,
                project=project,
                membership_id=values["id"],
                expected_version=expected_version(request),
                role=values.get("role"),
                is_active=values.get("is_active"),
                grade=values.get("grade"),
                company_id=values.get("company_id"),
            )
        return with_etag(dict(MemberOut(membership).data))


class MemberInviteView(APIView):
    """A new person on the project: their account (with a one-time initial password), company, grade and role."""

    @extend_schema(request=MemberInviteIn, responses={201: MemberInvitedOut})
    @idempotent(secret_fields=("initial_password",))
    def post(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_get(request.user, project_id)
        data = MemberInviteIn(data=request.data)
        data.is_valid(raise_exception=True)
        membership, password = member_invite(actor=request.user, project=project, **data.validated_data)
        return Response(MemberInvitedOut({"member": membership, "initial_password": password}).data, status=201)


class CompanyListView(APIView):
    """The tenant's companies, for an admin placing a member."""

    @extend_schema(responses=CompanyOut(many=True))
    def get(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_administered(request.user, project_id)
        return Response(CompanyOut(tenant_companies(project), many=True).data)


class PolicyPreviewView(APIView):
    """Who would hold each capability under a candidate policy table (nothing is saved)."""

    @extend_schema(request=PolicyPreviewIn, responses=PolicyPreviewOut)
    def post(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_administered(request.user, project_id)
        data = PolicyPreviewIn(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(PolicyPreviewOut(policy_preview(project, data.validated_data["policy"])).data)


class AdminHistoryView(GenericAPIView):
    """The project's administration changes, newest first: who, when, what changed."""

    request: AuthenticatedRequest
    serializer_class = AdminChangeOut
    queryset = AdminChange.objects.none()  # the schema's model; the rows come from `admin_history`

    @extend_schema(
        parameters=[OpenApiParameter("subject", str, enum=AdminSubject.values, required=False)],
        responses=AdminChangeOut(many=True),
    )
    def get(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_administered(request.user, project_id)
        subject = request.query_params.get("subject") or None
        if subject is not None and subject not in AdminSubject.values:
            raise InvalidInput(fields={"subject": [f"One of: {', '.join(AdminSubject.values)}."]})
        page = self.paginate_queryset(admin_history(project, subject))
        return self.get_paginated_response(AdminChangeOut(page, many=True).data)


class CandidateListView(APIView):
    """People the policy table puts in a pool on this project: who may be named for a step."""

    @extend_schema(
        parameters=[OpenApiParameter("capability", str, enum=["request", "verify", "approve"], required=True)],
        responses=CandidateOut(many=True),
    )
    def get(self, request: AuthenticatedRequest, project_id: int) -> Response:
        project = project_get(request.user, project_id)
        capability = request.query_params.get("capability", "")
        if capability not in Capability.values:
            raise InvalidInput(fields={"capability": ["One of: request, verify, approve."]})
        people = [u for u in pool_members(project, capability) if u.id != request.user.id]
        return Response(CandidateOut(people, many=True).data)
