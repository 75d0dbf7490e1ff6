from ptw.accounts.models.audit import AdminChange, AdminSubject
from ptw.accounts.models.logins import LoginFailure, LoginLock
from ptw.accounts.models.organisation import Company, Membership, Project, Tenant
from ptw.accounts.models.tokens import ApiToken
from ptw.accounts.models.users import User

__all__ = [
    "AdminChange",
    "AdminSubject",
    "ApiToken",
    "Company",
    "LoginFailure",
    "LoginLock",
    "Membership",
    "Project",
    "Tenant",
    "User",
]
