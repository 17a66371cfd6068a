from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.http import conditional_on
from funding import feeds, views
from funding.forms import OpportunityForm
from funding.models import Opportunity
from submissions.urls import submission_urls

app_name = "funding"

urlpatterns = [
    path("", views.opportunity_list, name="list"),
    path("closed/", views.closed_list, name="closed"),
    path("deadlines.ics", views.deadlines, name="deadlines"),
    path(
        "feed/",
        conditional_on(*views.VERSIONS, per_minute=True)(feeds.OpenCallsFeed()),
        name="feed",
    ),
    *submission_urls(
        Opportunity,
        OpportunityForm,
        lede=_("Tell the community about a grant, prize, investment or tender it can apply for."),
    ),
    path("<slug:slug>/", views.opportunity_detail, name="detail"),
]
