from django.urls import path

from ptw.webhooks.api import views

urlpatterns = [
    path("", views.WebhookListView.as_view(), name="webhook-list"),
    path("<int:endpoint_id>/", views.WebhookDetailView.as_view(), name="webhook-detail"),
    path("<int:endpoint_id>/test/", views.WebhookTestView.as_view(), name="webhook-test"),
    path("<int:endpoint_id>/rotate-secret/", views.WebhookRotateSecretView.as_view(), name="webhook-rotate-secret"),
    path("<int:endpoint_id>/deliveries/", views.WebhookDeliveryListView.as_view(), name="webhook-deliveries"),
    path(
        "<int:endpoint_id>/deliveries/<int:delivery_id>/redeliver/",
        views.WebhookRedeliverView.as_view(),
        name="webhook-redeliver",
    ),
]
