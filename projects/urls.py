from django.urls import path

from projects import submission_views, views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", submission_views.project_create, name="create"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:slug>/edit/", submission_views.project_edit, name="edit"),
    path("<slug:slug>/invite/", submission_views.project_invite, name="invite"),
]
