"""sitemap.xml: every published page of every type, one section per type."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.urls import reverse

from blog.models import Post
from casestudies.models import CaseStudy
from events.models import Event
from funding.models import Opportunity
from organisations.models import Organisation
from projects.models import Project


class SiteSitemap(Sitemap):
    """Addresses on SITE_URL, whatever host the sitemap was asked by (as the canonical links);
    each page once per language, with its alternates and the English as x-default."""

    i18n = True
    alternates = True
    x_default = True

    @property
    def protocol(self):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc or super().get_domain(site)


def index(request, sitemaps):
    """Django's sitemap index with its sections on SITE_URL too (Django builds their addresses
    from the host that asked, which behind a proxy or on a second domain is not ours)."""
    response = sitemap_views.index(request, sitemaps)
    site = urlsplit(settings.SITE_URL)
    for item in response.context_data["sitemaps"]:
        parts = urlsplit(item.location)
        scheme, host = site.scheme or parts.scheme, site.netloc or parts.netloc
        item.location = urlunsplit((scheme, host, parts.path, parts.query, ""))
    return response


class PagesSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        items = ["home", "organisations:list", "projects:list", "casestudies:list", "blog:list"]
        items += ["events:list", "events:past", "funding:list", "funding:closed"]
        return items

    def location(self, item):
        return reverse(item)


class PublishedSitemap(SiteSitemap):
    """Published rows of one model, by id so that the pages stay stable as rows are added."""

    model = None
    # Six addresses a row: a sitemap holds at most 50,000.
    limit = 50_000 // 6

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # One aggregate for the index (Django's default reads every row).
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class OrganisationSitemap(PublishedSitemap):
    model = Organisation


class ProjectSitemap(PublishedSitemap):
    model = Project


class CaseStudySitemap(PublishedSitemap):
    model = CaseStudy


class PostSitemap(PublishedSitemap):
    model = Post


class EventSitemap(PublishedSitemap):
    model = Event


class OpportunitySitemap(PublishedSitemap):
    model = Opportunity


SITEMAPS = {
    "pages": PagesSitemap,
    "organisations": OrganisationSitemap,
    "projects": ProjectSitemap,
    "case-studies": CaseStudySitemap,
    "blog": PostSitemap,
    "events": EventSitemap,
    "funding": OpportunitySitemap,
}
