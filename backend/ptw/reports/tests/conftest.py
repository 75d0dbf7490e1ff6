from ptw.permits.tests.conftest import World, permit_in, world  # noqa: F401 — fixtures shared with the permits tests

SUMMARY = "/api/v1/ptw/permits/reports_summary/"
EXCEPTIONS = "/api/v1/ptw/permits/reports_exceptions/"
EXPORT = "/api/v1/ptw/permits/export/"
