from django.urls import path

from projects import views
from projects.forms import ProjectForm
from projects.models import Project
from submissions.urls import submission_urls

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    *submission_urls(
        Project,
        ProjectForm,
        lede="Tell the community what you make and the difference it makes.",
    ),
    path("<slug:slug>/", views.project_detail, name="detail"),
]
