from django.urls import path

from ptw.notifications.api import views

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification-list"),
    path("unread/", views.NotificationUnreadView.as_view(), name="notification-unread"),
    path("read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("preferences/", views.NotificationPreferencesView.as_view(), name="notification-preferences"),
    path("<int:notification_id>/read/", views.NotificationReadView.as_view(), name="notification-read"),
]
