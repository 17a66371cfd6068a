from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from dsi_directory import views as site_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("organisations/", include("organisations.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = "DSI Directory administration"
admin.site.site_title = "DSI Directory admin"
