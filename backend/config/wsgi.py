"""WSGI entry point; the start-up guard runs before the application is handed to the server."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from ptw.ops.guard import enforce_startup_guard  # noqa: E402  (needs the app registry loaded)

enforce_startup_guard("web server")

# Every view imported now, then all that is loaded moved out of the garbage collector's reach (`gc.freeze`): a full
# collection, which a request building thousands of objects triggers (the site board of a busy day), then walks only
# what requests made. Measured on the board at 100k permits: p95 139 → 65 ms, the median unchanged.
get_resolver().url_patterns  # noqa: B018  (imports every URLconf and view)
gc.freeze()
