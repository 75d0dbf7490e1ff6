"""A real PTW web process that stops mid-request, for crash tests: `python -m … PORT STAGE SIGNAL_FILE`.

STAGE `work` pauses right after the permit was created, inside the request's transaction; STAGE
`response` pauses after the request's work was committed, before the response leaves. Either way the
process writes SIGNAL_FILE and waits to be killed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402

from ptw.permits.api import views  # noqa: E402


def _pause(signal_file: Path) -> None:
    signal_file.write_text(str(os.getpid()))
    time.sleep(300)


def main(port: int, stage: str, signal_file: Path) -> None:
    if stage == "work":
        create = views.permit_create

        def create_then_pause(**kwargs: Any) -> Any:
            permit = create(**kwargs)
            _pause(signal_file)
            return permit

        views.permit_create = create_then_pause  # type: ignore[assignment]
    else:
        finalize = views.PermitListView.finalize_response

        def finalize_after_pause(self: Any, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
            if response.status_code == 201:
                _pause(signal_file)
            return finalize(self, request, response, *args, **kwargs)

        views.PermitListView.finalize_response = finalize_after_pause  # type: ignore[method-assign]
    server = make_server("127.0.0.1", port, get_wsgi_application(), handler_class=WSGIRequestHandler)
    server.serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
