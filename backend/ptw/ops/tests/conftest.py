"""Fixtures shared with the permits and webhooks tests: the world on committed data and the webhook receiver."""

from ptw.webhooks.tests.conftest import receiver, tworld  # noqa: F401
