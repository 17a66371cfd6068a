from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.generic import TemplateView

from dsi_directory import views as site_views
from dsi_directory.sitemaps import SITEMAPS

urlpatterns = [
    path("", site_views.home, name="home"),
    path("organisations/", include("organisations.urls")),
    path("projects/", include("projects.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("blog/", include("blog.urls")),
    path("search/", include("search.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("", include("dsi4eu.urls")),  # digitalsocial.eu's old addresses
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = "DSI Directory administration"
admin.site.site_title = "DSI Directory admin"
