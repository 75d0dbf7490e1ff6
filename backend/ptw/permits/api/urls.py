from django.urls import path

from ptw.permits.api import gas_views, type_views, views

urlpatterns = [
    path("permits/", views.PermitListView.as_view(), name="permit-list"),
    path("permits/<int:permit_id>/", views.PermitDetailView.as_view(), name="permit-detail"),
    path("permits/<int:permit_id>/readiness/", views.PermitReadinessView.as_view(), name="permit-readiness"),
    path("permits/<int:permit_id>/events/", views.PermitEventListView.as_view(), name="permit-events"),
    path("permits/<int:permit_id>/signatures/", views.PermitSignatureListView.as_view(), name="permit-signatures"),
    path("permits/<int:permit_id>/gas-tests/", gas_views.GasTestListView.as_view(), name="permit-gas-tests"),
    path("permits/<int:permit_id>/<str:action>/", views.PermitActionView.as_view(), name="permit-action"),
    path("tasks/", views.TaskListView.as_view(), name="task-list"),
    path("permit-types/", type_views.PermitTypeListView.as_view(), name="permit-type-list"),
    path("permit-types/<int:type_id>/", type_views.PermitTypeDetailView.as_view(), name="permit-type-detail"),
]
