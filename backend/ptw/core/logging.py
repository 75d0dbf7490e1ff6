"""Log record enrichment: every record carries the id of the request being served."""

from __future__ import annotations

import logging
from typing import Any

from ptw.core.request_context import get_request_id


def install_request_id_factory() -> None:
    """Stamp `request_id` on every record at creation ('-' outside a request), whatever the handler."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "ptw_request_id", False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = get_request_id()
        return record

    factory.ptw_request_id = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(factory)
