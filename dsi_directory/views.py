"""Pages that bring several apps together: glue, so it lives in the project package."""

from django.db import connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import Context, Template
from django.templatetags.static import static
from django.views.decorators.http import require_GET, require_safe

from blog.models import Post
from casestudies.models import CaseStudy
from core.http import conditional_on
from core.listing import cached, ids_sql
from core.timezones import current_minute
from core.versions import data_versions
from events.models import Event
from funding.models import Opportunity
from organisations.models import Organisation
from projects.models import Project

FEATURED_CASE_STUDIES = 3
LATEST_POSTS = 3
NEXT_EVENTS = 3
CLOSING_CALLS = 3


def community_counts(request):
    """The home page's counters. Counting reads every row, so the numbers are cached until the
    organisations or projects change (core/versions.py)."""
    return cached(
        ("home:community-counts",),
        data_versions("organisations", "projects", request=request),
        count_published,
    )


def count_published():
    """Both counters in one query."""
    organisations_sql, organisations_params = ids_sql(Organisation.objects.published())
    projects_sql, projects_params = ids_sql(Project.objects.published())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM ({organisations_sql}) o),"  # noqa: S608 - compiled
            f" (SELECT count(*) FROM ({projects_sql}) p)",  # querysets, values are parameters
            [*organisations_params, *projects_params],
        )
        organisations, projects = cursor.fetchone()
    return {"organisation_count": organisations, "project_count": projects}


@conditional_on(
    "organisations", "projects", "casestudies", "posts", "events", "funding", "tags",
    per_minute=True,
)  # fmt: skip
def home(request):
    organisations = Organisation.objects.published()
    now = current_minute()
    context = {
        "now": now,
        # Cards without their tag chips: one query each.
        "next_events": Event.objects.published()
        .upcoming(now)
        .for_listing()
        .prefetch_related(None)[:NEXT_EVENTS],
        "closing_calls": Opportunity.objects.published()
        .open(now)
        .for_listing()
        .prefetch_related(None)[:CLOSING_CALLS],
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


BASELINE_PAGE = Template(
    "<!doctype html><title>{{ first.name }}</title><ul>{% for o in rows %}<li>{{ o.name }}</li>"
    "{% endfor %}</ul><p>{{ versions }}</p>"
)


@require_safe
def benchmark_baseline(request):
    """The yardstick of `make bench`'s throughput (served only with DJANGO_BENCH_HEADERS on): a
    plain Django page through the same middleware, with three small queries and a tiny template,
    so the directory's pages are measured against what Django itself costs on this machine."""
    rows = list(Organisation.objects.published().only("name").order_by("pk")[:5])
    first = Organisation.objects.only("name").order_by("-pk").first()
    versions = data_versions("organisations", request=request)
    return HttpResponse(
        BASELINE_PAGE.render(Context({"rows": rows, "first": first, "versions": versions}))
    )
