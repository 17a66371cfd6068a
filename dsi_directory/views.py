"""Pages that bring several apps together: glue, so it lives in the project package."""

from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from blog.models import Post
from casestudies.models import CaseStudy
from core.http import conditional_on
from core.listing import cached
from core.versions import data_versions
from organisations.models import Organisation
from projects.models import Project

FEATURED_CASE_STUDIES = 3
LATEST_POSTS = 3


def community_counts(request):
    """The home page's counters. Counting reads every row, so the numbers are cached until the
    organisations or projects change (core/versions.py)."""
    return cached(
        ("home:community-counts",),
        data_versions("organisations", "projects", request=request),
        lambda: {
            "organisation_count": Organisation.objects.published().count(),
            "project_count": Project.objects.published().count(),
        },
    )


@conditional_on("organisations", "projects", "casestudies", "posts", "tags", per_minute=True)
def home(request):
    organisations = Organisation.objects.published()
    context = {
        **community_counts(request),
        "featured_case_studies": CaseStudy.objects.featured().for_listing()[:FEATURED_CASE_STUDIES],
        "latest_posts": Post.objects.published().for_listing()[:LATEST_POSTS],
        "latest_organisations": organisations.for_listing().order_by("-created_at", "-id")[:6],
    }
    return render(request, "home.html", context)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (the admin's): the site's."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
