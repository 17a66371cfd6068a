from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from core.calendars import calendar_response, new_calendar
from core.http import conditional_on
from core.listing import render_directory
from core.text import web_url
from core.timezones import current_minute
from funding.calendar import deadline
from funding.filters import OpportunityFilter
from funding.models import Opportunity

CALENDAR_LIMIT = 1000
VERSIONS = ("funding", "tags", "organisations")


def listing(request, scope):
    """Open calls (closing soonest first) or the closed ones (the latest first)."""
    now = current_minute()
    calls = Opportunity.objects.published()
    calls = calls.open(now) if scope == "open" else calls.closed(now)
    directory = OpportunityFilter(
        request.GET, queryset=calls, request=request, scope=(scope, now.isoformat())
    )
    return render_directory(request, "funding/list.html", directory, scope=scope, now=now)


@require_safe
@vary_on_headers("HX-Request")  # htmx gets the results alone
@conditional_on(*VERSIONS, per_minute=True)
def opportunity_list(request):
    return listing(request, "open")


@require_safe
@vary_on_headers("HX-Request")
@conditional_on(*VERSIONS, per_minute=True)
def closed_list(request):
    return listing(request, "closed")


@require_safe
@conditional_on(*VERSIONS, per_minute=True)
def opportunity_detail(request, slug):
    opportunity = get_object_or_404(
        Opportunity.objects.visible_to(request.user).for_page(), slug=slug
    )
    now = current_minute()
    context = {
        "opportunity": opportunity,
        "can_edit": opportunity.can_edit(request.user),
        "now": now,
        "opportunity_json_ld": schema_org(opportunity, request),
    }
    return render(request, "funding/detail.html", context)


@require_safe
@conditional_on(*VERSIONS)
def deadlines(request):
    """The closing moments of open calls, with the list's filters: a calendar to subscribe to."""
    calls = Opportunity.objects.published().open(current_minute())
    chosen = OpportunityFilter(request.GET, queryset=calls, request=request, scope=("calendar",))
    calendar = new_calendar(
        f"{gettext('Funding deadlines')} · {settings.SITE_NAME}",
        gettext("Closing dates of open funding calls for digital social innovation."),
    )
    for opportunity in chosen.qs.for_calendar()[:CALENDAR_LIMIT]:
        calendar.add_component(deadline(opportunity))
    return calendar_response(calendar, "funding-deadlines.ics")


def schema_org(opportunity, request):
    """The call as a schema.org Grant (MonetaryGrant for a grant), with its funder."""
    data = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant" if opportunity.kind.slug == "grant" else "Grant",
        "name": opportunity.name,
        "url": request.build_absolute_uri(opportunity.get_absolute_url()),
    }
    if opportunity.card_text:
        data["description"] = opportunity.card_text
    funder = {"@type": "Organization", "name": opportunity.funder_name}
    if opportunity.funder_id and opportunity.funder.is_published:
        funder["url"] = request.build_absolute_uri(opportunity.funder.get_absolute_url())
    elif web_url(opportunity.funder_website):
        funder["url"] = web_url(opportunity.funder_website)
    data["funder"] = funder
    if opportunity.amount:
        data["disambiguatingDescription"] = opportunity.amount
    tags = [t.name for t in opportunity.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return data
