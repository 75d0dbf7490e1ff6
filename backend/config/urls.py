from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from ptw.accounts.api.urls import auth_urlpatterns, project_urlpatterns
from ptw.core.exceptions import api_not_found_view
from ptw.ops.spa import spa_index

api_v1 = [
    path("", include("ptw.ops.api.urls")),
    path("auth/", include(auth_urlpatterns)),
    path("projects/", include(project_urlpatterns)),
    path("ptw/webhooks/", include("ptw.webhooks.api.urls")),
    path("notifications/", include("ptw.notifications.api.urls")),
    path("ptw/permits/", include("ptw.reports.api.urls")),
    path("ptw/", include("ptw.permits.api.urls")),
]

urlpatterns = [
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file, so the page runs under script-src 'self'.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    # Whatever else is under api/ answers in the error envelope, never the SPA or an HTML page.
    re_path(r"^api/", api_not_found_view),
    re_path(r"^(?!api/|static/).*$", spa_index, name="spa"),
]

handler400 = "ptw.core.exceptions.bad_request_view"
handler404 = "ptw.core.exceptions.not_found_view"
handler500 = "ptw.core.exceptions.server_error_view"
