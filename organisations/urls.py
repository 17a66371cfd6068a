from django.urls import path

from organisations import views
from organisations.forms import OrganisationForm
from organisations.models import Organisation
from submissions.urls import submission_urls

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    *submission_urls(Organisation, OrganisationForm, lede="Tell the community who you are."),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
]
