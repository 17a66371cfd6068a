from urllib.parse import urlencode

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext
from django.views.decorators.vary import vary_on_headers

from core.http import conditional_on
from core.listing import render_directory
from core.models import ModerationStatus
from core.schema import absolute, place
from core.text import web_url
from organisations.filters import LETTERS, OrganisationFilter
from organisations.models import Organisation


@vary_on_headers("HX-Request")  # htmx gets the results alone
@conditional_on("organisations", "tags")
def organisation_list(request):
    directory = OrganisationFilter(
        request.GET, queryset=Organisation.objects.published(), request=request
    )
    return render_directory(
        request,
        "organisations/list.html",
        directory,
        gettext("Organisations"),
        letters=letter_links(directory),
    )


def letter_links(directory):
    """[(letter, its address: these filters with that first letter, page 1)]: built here once,
    not by 27 × 2 {% querystring %} tags."""
    base = directory.query_without("letter")  # "?" or "?country=IT…", without letter and page
    joiner = "" if base == "?" else "&"
    return [(letter, f"{base}{joiner}{urlencode({'letter': letter})}") for letter in LETTERS]


@conditional_on("organisations", "projects", "events", "tags", per_minute=True)
def organisation_detail(request, slug):
    organisation = (
        Organisation.objects.visible_to(request.user)
        .for_profile()
        .annotate(upcoming_events=upcoming_events_subquery())
        .filter(slug=slug)
        .first()
    )
    if organisation is None or organisation.status == ModerationStatus.MERGED:
        # A record merged into another: its address leads there.
        survivor = Organisation.objects.merged_target(slug=slug)
        if survivor is None:
            raise Http404
        return redirect(survivor, permanent=True)
    # One query each, however many projects and partners there are.
    # Each project with the ids of its published organisations (a subquery in the same
    # query): the partners it shares, for the neighbourhood drawing (atlas's neighbourhood_map).
    involved = Organisation.objects.published().filter(projects=OuterRef("pk")).order_by()
    projects = (
        organisation.published_projects()
        .only("slug", "name", "short_description", "country", "region")
        .annotate(organisation_ids=ArraySubquery(involved.values("pk")))
        .order_by("name", "id")
    )
    partners = organisation.partners().only(
        "slug", "name", "short_description", "country", "region"
    )
    context = {
        "organisation": organisation,
        "upcoming_events": upcoming_events(organisation),
        "can_edit": organisation.can_edit(request.user),
        "projects": list(projects),
        "partners": list(partners),
        "organisation_json_ld": schema_org(organisation, request),
    }
    return render(request, "organisations/detail.html", context)


EVENT_FIELDS = ("slug", "name", "starts_at", "ends_at", "all_day", "time_zone")


def upcoming_events_subquery():
    """Its next ten events as an array of JSON objects, read in the organisation's own query.
    The relation is the one the events app declares: organisations never import events."""
    event_model = Organisation._meta.get_field("events").related_model
    rows = (
        event_model.objects.published()
        .upcoming()
        .filter(organiser=OuterRef("pk"))
        .values(row=JSONObject(**{name: name for name in EVENT_FIELDS}))[:10]
    )
    return ArraySubquery(rows)


def upcoming_events(organisation):
    """The events of upcoming_events_subquery() as (unsaved) rows the templates can show."""
    event_model = Organisation._meta.get_field("events").related_model
    events = []
    for row in getattr(organisation, "upcoming_events", None) or []:
        row = dict(row)
        row["starts_at"] = parse_datetime(row["starts_at"])
        row["ends_at"] = parse_datetime(row["ends_at"])
        events.append(event_model(**row))
    return events


def schema_org(organisation, request):
    """The profile as a schema.org Organization, for search engines and link previews."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute(organisation.get_absolute_url()),
    }
    if organisation.summary:
        data["description"] = organisation.summary
    same_as = [
        web_url(u) for u in [organisation.website, *(x.url for x in organisation.links.all())]
    ]
    if any(same_as):
        data["sameAs"] = [url for url in same_as if url]
    if organisation.logo:
        data["logo"] = absolute(organisation.logo.url)
    data |= place(organisation)
    if organisation.start_date:
        data["foundingDate"] = organisation.start_date.isoformat()
    return data
