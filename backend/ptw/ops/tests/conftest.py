"""Fixtures shared with the permits and webhooks tests: the two-tenant world (also on committed data) and the
webhook receiver."""

from ptw.webhooks.tests.conftest import receiver, tworld, world  # noqa: F401
