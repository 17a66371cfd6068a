from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.http import conditional_on
from events import feeds, views
from events.forms import EventForm
from events.models import Event
from submissions.urls import submission_urls

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("past/", views.past_list, name="past"),
    path("calendar.ics", views.calendar_feed, name="calendar"),
    path(
        "feed/",
        conditional_on(*views.VERSIONS, per_minute=True)(feeds.UpcomingEventsFeed()),
        name="feed",
    ),
    *submission_urls(
        Event,
        EventForm,
        lede=_("Tell the community about your meet-up, workshop, hackathon or conference."),
    ),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="ics"),
]
