from django.urls import re_path

from dsi4eu import views

app_name = "dsi4eu"

# digitalsocial.eu's addresses: /org/368/polifactory, /project/251/campusinwatch
urlpatterns = [
    re_path(
        r"^org/(?P<legacy_id>[0-9]{1,9})(?:/.*)?$",
        views.legacy_organisation,
        name="legacy-organisation",
    ),
    re_path(
        r"^project/(?P<legacy_id>[0-9]{1,9})(?:/.*)?$", views.legacy_project, name="legacy-project"
    ),
]
