from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.models import Post


class LatestPostsFeed(Feed):
    """RSS 2.0: the latest published News & blogs whose time has come."""

    description = _("News and blog posts from Europe's digital social innovation community.")

    def title(self):
        return f"{_('News & blogs')} · {settings.SITE_NAME}"

    def link(self):
        return reverse("blog:list")

    def items(self):
        return Post.objects.published().for_listing()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text: the feed escapes it, so nothing in it can run in a reader.
        return item.description

    def item_pubdate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.byline or None

    def item_categories(self, item):
        return [item.get_category_display()]
