from django.urls import path
from django.utils.translation import gettext_lazy as _

from organisations import views
from organisations.forms import OrganisationForm
from organisations.models import Organisation
from submissions.urls import submission_urls

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    *submission_urls(Organisation, OrganisationForm, lede=_("Tell the community who you are.")),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
]
