from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from core.calendars import uid
from core.timezones import current_minute
from funding.filters import OpportunityFilter
from funding.models import Opportunity

FEED_SIZE = 50


class OpenCallsFeed(Feed):
    """RSS 2.0: open funding calls, the newest first, with the list's filters (?type=grant)."""

    description = _("Open funding calls for digital social innovation in Europe.")

    def get_object(self, request, *args, **kwargs):
        return request

    def title(self):
        return f"{_('Funding')} · {settings.SITE_NAME}"

    def link(self):
        return reverse("funding:list")

    def items(self, request):
        now = current_minute()
        calls = Opportunity.objects.published().open(now).order_by("-created_at", "-id")
        chosen = OpportunityFilter(request.GET, queryset=calls, request=request, scope=("feed",))
        return chosen.qs.for_calendar()[:FEED_SIZE]

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        closes = formats.date_format(item.local_closes_at, "j F Y, H:i")
        parts = [item.card_text, item.funder_name, item.amount, _("Closes %s") % closes]
        return " · ".join(str(p) for p in parts if p)

    def item_guid(self, item):
        return uid("funding", item.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
