from django.urls import path

from ptw.accounts.api import views

auth_urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("me/", views.MeView.as_view(), name="me"),
    path("tokens/", views.TokenListView.as_view(), name="token-list"),
    path("tokens/<int:token_id>/", views.TokenDetailView.as_view(), name="token-detail"),
]

project_urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project-list"),
    path("<int:project_id>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("<int:project_id>/members/", views.MemberListView.as_view(), name="project-members"),
    path("<int:project_id>/members/invite/", views.MemberInviteView.as_view(), name="project-member-invite"),
    path("<int:project_id>/companies/", views.CompanyListView.as_view(), name="project-companies"),
    path("<int:project_id>/policy-preview/", views.PolicyPreviewView.as_view(), name="project-policy-preview"),
    path("<int:project_id>/history/", views.AdminHistoryView.as_view(), name="project-history"),
    path("<int:project_id>/candidates/", views.CandidateListView.as_view(), name="project-candidates"),
]
