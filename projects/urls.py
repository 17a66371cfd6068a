from django.urls import path
from django.utils.translation import gettext_lazy as _

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
        lede=_("Tell the community what you make and the difference it makes."),
    ),
    path("<slug:slug>/", views.project_detail, name="detail"),
]
