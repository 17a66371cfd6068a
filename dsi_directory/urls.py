from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView, TemplateView

from core import views as core_views
from dsi_directory import sitemaps
from dsi_directory import views as site_views
from dsi_directory.sitemaps import SITEMAPS
from opendata.api import api

# The admin signs in through allauth: its rate limits, its second factor, one sign-in page.
# (Before admin.site.urls is read below, which binds the login view.)
admin.site.login = secure_admin_login(admin.site.login)

# Pages people read, in each language: English at today's addresses, the others under /de/…
urlpatterns = i18n_patterns(
    path("", site_views.home, name="home"),
    path("organisations/", include("organisations.urls")),
    path("projects/", include("projects.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("blog/", include("blog.urls")),
    path("events/", include("events.urls")),
    path("funding/", include("funding.urls")),
    path("search/", include("search.urls")),
    path("", include("atlas.urls")),  # /map/ and /network/
    path("newsletter/", include("newsletter.urls")),
    path("alerts/", include("alerts.urls")),
    path("accounts/", include("accounts.urls")),
    path("invitations/", include("submissions.urls")),
    path("claims/", include("claims.urls")),
    path("report/", include("curation.urls")),
    # Where invitations pointed before they had a room of their own; sent emails keep working.
    path(
        "accounts/invitations/<uuid:token>/",
        RedirectView.as_view(pattern_name="submissions:invitation", permanent=True),
    ),
    path("accounts/", include("allauth.urls")),
    path("", include("opendata.urls")),  # /export/…, /open-data/
    prefix_default_language=False,
)

# One language only: the admin, machines' files and the old platform's addresses.
urlpatterns += [
    path("admin/", admin.site.urls),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    # Browsers ask for /favicon.ico where a page names no icon (the admin's): the site's icon.
    path("favicon.ico", site_views.favicon, name="favicon"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("api/", api.urls),
    path("", include("dsi4eu.urls")),  # digitalsocial.eu's old addresses
]

if settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage"):
    # Uploads on this machine's disk: served by the site (with DEBUG off too), unless a
    # proxy in front takes MEDIA_URL over. On S3-compatible storage they are served from there.
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.+)$", core_views.media, name="media")
    )

if settings.BENCH_HEADERS:  # `make bench` only: the yardstick of its throughput table
    urlpatterns.append(path("bench/baseline/", site_views.benchmark_baseline))

admin.site.site_header = "DSI Directory administration"
admin.site.site_title = "DSI Directory admin"

# allauth answers its rate limits with this view.
handler429 = "accounts.views.too_many_attempts"
