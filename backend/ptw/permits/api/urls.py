from django.urls import path

from ptw.permits.api import (
    closeout_views,
    comment_views,
    document_views,
    fire_watch_views,
    gas_views,
    isolation_views,
    timeframe_views,
    type_views,
    views,
    worker_views,
)

urlpatterns = [
    path("permits/", views.PermitListView.as_view(), name="permit-list"),
    path("permits/<int:permit_id>/", views.PermitDetailView.as_view(), name="permit-detail"),
    path("permits/<int:permit_id>/readiness/", views.PermitReadinessView.as_view(), name="permit-readiness"),
    path("permits/<int:permit_id>/events/", views.PermitEventListView.as_view(), name="permit-events"),
    path("permits/<int:permit_id>/events/verify/", views.PermitChainView.as_view(), name="permit-events-verify"),
    path("permits/<int:permit_id>/comments/", comment_views.PermitCommentView.as_view(), name="permit-comments"),
    path("permits/<int:permit_id>/signatures/", views.PermitSignatureListView.as_view(), name="permit-signatures"),
    path("permits/<int:permit_id>/gas-tests/", gas_views.GasTestListView.as_view(), name="permit-gas-tests"),
    path("permits/<int:permit_id>/closeout/", closeout_views.PermitCloseoutView.as_view(), name="permit-closeout"),
    path(
        "permits/<int:permit_id>/fire-watch/", fire_watch_views.PermitFireWatchView.as_view(), name="permit-fire-watch"
    ),
    path(
        "permits/<int:permit_id>/fire-watch/sign-off/",
        fire_watch_views.PermitFireWatchSignOffView.as_view(),
        name="permit-fire-watch-sign-off",
    ),
    path("permits/<int:permit_id>/workers/", worker_views.PermitWorkerListView.as_view(), name="permit-workers"),
    path(
        "permits/<int:permit_id>/workers/<int:worker_id>/sign-on/",
        worker_views.PermitWorkerSignOnView.as_view(),
        name="permit-worker-sign-on",
    ),
    path("permits/<int:permit_id>/toolbox-talk/", worker_views.ToolboxTalkView.as_view(), name="permit-toolbox-talk"),
    path(
        "permits/<int:permit_id>/isolations/",
        isolation_views.PermitIsolationListView.as_view(),
        name="permit-isolations",
    ),
    path(
        "permits/<int:permit_id>/isolations/<int:isolation_id>/<str:step>/",
        isolation_views.PermitIsolationStepView.as_view(),
        name="permit-isolation-step",
    ),
    path("permits/<int:permit_id>/renumber/", views.PermitRenumberView.as_view(), name="permit-renumber"),
    path("permits/<int:permit_id>/document/", document_views.PermitDocumentView.as_view(), name="permit-document"),
    path("permits/<int:permit_id>/qr/", document_views.PermitQrView.as_view(), name="permit-qr"),
    path("permits/<int:permit_id>/qr/revoke/", document_views.PermitQrRevokeView.as_view(), name="permit-qr-revoke"),
    path("qr/<str:token>/", document_views.QrResolveView.as_view(), name="qr-resolve"),
    path(
        "permits/<int:permit_id>/extensions/",
        timeframe_views.PermitExtensionListView.as_view(),
        name="permit-extensions",
    ),
    path(
        "permits/<int:permit_id>/extensions/<int:extension_id>/<str:decision>/",
        timeframe_views.PermitExtensionDecisionView.as_view(),
        name="permit-extension-decision",
    ),
    path(
        "permits/<int:permit_id>/handovers/",
        timeframe_views.PermitHandoverListView.as_view(),
        name="permit-handovers",
    ),
    path(
        "permits/<int:permit_id>/handover-candidates/",
        timeframe_views.PermitHandoverCandidateListView.as_view(),
        name="permit-handover-candidates",
    ),
    path(
        "permits/<int:permit_id>/handovers/<int:handover_id>/acknowledge/",
        timeframe_views.PermitHandoverAcknowledgeView.as_view(),
        name="permit-handover-acknowledge",
    ),
    path("permits/<int:permit_id>/<str:action>/", views.PermitActionView.as_view(), name="permit-action"),
    path("isolations/", isolation_views.IsolationRegisterView.as_view(), name="isolation-register"),
    path("isolation-points/", isolation_views.IsolationPointListView.as_view(), name="isolation-point-list"),
    path(
        "isolation-points/<int:point_id>/",
        isolation_views.IsolationPointDetailView.as_view(),
        name="isolation-point-detail",
    ),
    path("tasks/", views.TaskListView.as_view(), name="task-list"),
    path("permit-types/", type_views.PermitTypeListView.as_view(), name="permit-type-list"),
    path("permit-types/<int:type_id>/", type_views.PermitTypeDetailView.as_view(), name="permit-type-detail"),
]
