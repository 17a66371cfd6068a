"""RSS 2.0 of the newest matches of any filtered list, for people who would rather not get email:
/alerts/feed/organisations/?country=IT gives what an alert on those filters would tell."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from alerts.kinds import KINDS, clean_filters, describe

ITEMS = 20
RECENT = 1000


class NewestMatchesFeed(Feed):
    def get_object(self, request, kind):
        if kind not in KINDS:
            raise Http404("No such list")
        list_kind = KINDS[kind]
        filters, _dropped = clean_filters(list_kind, request.GET)
        return list_kind, filters

    def title(self, obj):
        kind, filters = obj
        described = describe(kind, filters)
        what = _("New %(many)s") % {"many": kind.many}
        if described:
            what = f"{what} {', '.join(described)}"
        return f"{what} · {settings.SITE_NAME}"

    def link(self, obj):
        kind, filters = obj
        return kind.list_path(filters)

    def feed_url(self, obj):
        kind, filters = obj
        path = reverse("alerts:feed", args=[kind.name])
        return f"{path}?{urlencode(filters)}" if filters else path

    def description(self, obj):
        kind, _filters = obj
        return _("The newest %(many)s of the directory that match these filters.") % {
            "many": kind.many
        }

    def items(self, obj):
        """The newest ITEMS matches: looked for among the latest publications first (one index
        scan, whatever the size of the directory), among all of them only for filters that
        few records match."""
        kind, filters = obj
        fields = ("slug", "name", "short_description", "description", "country", "region")
        items = list(kind.newest(filters, latest=RECENT).only(*fields)[:ITEMS])
        if len(items) < ITEMS:
            items = list(kind.newest(filters).only(*fields)[:ITEMS])
        return items

    def item_title(self, item):
        return item.name

    def item_description(self, item):
        # Plain text: the feed escapes it, so nothing in it can run in a reader.
        place = ", ".join(p for p in [item.region, item.country.name if item.country else ""] if p)
        return " · ".join(p for p in [item.summary, place] if p)

    def item_pubdate(self, item):
        return item.published_at
