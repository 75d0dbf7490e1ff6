from django.urls import path

from ptw.reports.api import views

urlpatterns = [
    path("reports_summary/", views.ReportSummaryView.as_view(), name="reports-summary"),
    path("reports_exceptions/", views.ReportExceptionsView.as_view(), name="reports-exceptions"),
    path("export/", views.PermitExportView.as_view(), name="permits-export"),
]
