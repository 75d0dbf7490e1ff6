"""WSGI entry point; the start-up guard runs before the application is handed to the server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from ptw.ops.guard import enforce_startup_guard  # noqa: E402  (needs the app registry loaded)

enforce_startup_guard("web server")
