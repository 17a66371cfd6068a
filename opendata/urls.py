from django.urls import path, re_path

from opendata import views

app_name = "opendata"

urlpatterns = [
    re_path(
        r"^export/(?P<dataset>organisations|projects)\.(?P<fmt>json|csv|xml)$",
        views.export,
        name="export",
    ),
    path(
        "export/organisations/<slug:slug>/murmurations.json",
        views.murmurations_profile,
        name="murmurations",
    ),
    path("open-data/", views.open_data, name="page"),
]
