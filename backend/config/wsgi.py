"""WSGI entry point; the start-up guard runs before the application is handed to the server.

Once the application is loaded, every view is imported (the URL configuration) and what is loaded is frozen out
of the cyclic garbage collector's sight (`gc.freeze`): those ~170,000 objects live as long as the process, and
each full collection walked all of them, pausing a request for 70-100 ms on this machine class. A collection now
walks only what requests left behind.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from django.urls import get_resolver  # noqa: E402  (needs the settings configured)

from ptw.ops.guard import enforce_startup_guard  # noqa: E402  (needs the app registry loaded)

enforce_startup_guard("web server")

get_resolver().url_patterns  # noqa: B018  (imports every view, serializer and schema now, not on the first request)
gc.collect()
gc.freeze()
