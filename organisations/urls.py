from django.urls import path

from organisations import submission_views, views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", submission_views.organisation_create, name="create"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/edit/", submission_views.organisation_edit, name="edit"),
    path("<slug:slug>/invite/", submission_views.organisation_invite, name="invite"),
]
