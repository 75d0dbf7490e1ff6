"""WSGI entry point; the start-up guard runs before the application is handed to the server.

Once the application is loaded, every view is imported (the URL configuration) and what is loaded is frozen out
of the cyclic garbage collector's sight (`gc.freeze`): those ~170,000 objects live as long as the process, and
each full collection walked all of them, pausing a request for 70-100 ms on this machine class. A collection now
walks only what requests left behind.

The youngest generation is collected every 5,000 allocations, not every 700: a request leaves a few hundred
objects behind (the query cache's, the connection's), each young collection walks what is alive at that moment,
and at 700 every ninth request also paid a 2-3 ms middle-generation collection (on the tail the budgets are set
on). At 5,000 one request in five pays about 1 ms and the middle generation is collected once in 200 requests
(measured on the permit list at 100k permits: docs/benchmarks.md).
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
gc.set_threshold(5_000, 20, 20)
