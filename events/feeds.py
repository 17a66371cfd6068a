from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.calendars import uid
from core.timezones import current_minute
from events.filters import EventFilter
from events.models import Event

FEED_SIZE = 50


class UpcomingEventsFeed(Feed):
    """RSS 2.0: the next published events, with the list's filters (?country=ES)."""

    description = _("Upcoming events of Europe's digital social innovation community.")

    def get_object(self, request, *args, **kwargs):
        return request

    def title(self):
        return f"{_('Events')} · {settings.SITE_NAME}"

    def link(self):
        return reverse("events:list")

    def items(self, request):
        now = current_minute()
        events = Event.objects.published().upcoming(now)
        chosen = EventFilter(request.GET, queryset=events, request=request, scope=("feed", now))
        return chosen.qs.for_calendar()[:FEED_SIZE]

    def item_title(self, item):
        when = formats.date_format(item.local_start, "j M Y")
        return f"{when} · {item.name}"

    def item_description(self, item):
        # Plain text: the feed escapes it, so nothing in it can run in a reader.
        return " · ".join(part for part in (item.card_text, item.location) if part)

    def item_guid(self, item):
        return uid("event", item.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
