import datetime

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
from events.calendar import vevent
from events.filters import EventFilter
from events.models import Attendance, Event

# How long an event stays in the subscribed calendar after it is over.
CALENDAR_KEEPS_DAYS = 90
CALENDAR_LIMIT = 1000
VERSIONS = ("events", "tags", "organisations")


def listing(request, scope):
    """The upcoming events (in progress included, soonest first) or the past ones."""
    now = current_minute()
    events = Event.objects.published()
    events = events.upcoming(now) if scope == "upcoming" else events.past(now)
    directory = EventFilter(
        request.GET, queryset=events, request=request, scope=(scope, now.isoformat())
    )
    return render_directory(request, "events/list.html", directory, scope=scope, now=now)


@require_safe
@vary_on_headers("HX-Request")  # htmx gets the results alone
@conditional_on(*VERSIONS, per_minute=True)
def event_list(request):
    return listing(request, "upcoming")


@require_safe
@vary_on_headers("HX-Request")
@conditional_on(*VERSIONS, per_minute=True)
def past_list(request):
    return listing(request, "past")


def visible_event(request, slug):
    return get_object_or_404(Event.objects.visible_to(request.user).for_page(), slug=slug)


@require_safe
@conditional_on(*VERSIONS, per_minute=True)
def event_detail(request, slug):
    event = visible_event(request, slug)
    context = {
        "event": event,
        "can_edit": event.can_edit(request.user),
        "is_over": event.ends_at <= current_minute(),
        "in_progress": event.in_progress(current_minute()),
        "event_json_ld": schema_org(event, request),
    }
    return render(request, "events/detail.html", context)


@require_safe
@conditional_on(*VERSIONS)
def event_ics(request, slug):
    """One event as a calendar file: "add to my calendar"."""
    event = visible_event(request, slug)
    calendar = new_calendar(event.name, event.summary or event.name)
    calendar.add_component(vevent(event))
    return calendar_response(calendar, f"{event.slug}.ics", first_date=event.first_day)


@require_safe
@conditional_on(*VERSIONS)
def calendar_feed(request):
    """Every published event not long over, with the list's filters (?country=ES): the
    calendar people subscribe to."""
    since = current_minute() - datetime.timedelta(days=CALENDAR_KEEPS_DAYS)
    events = Event.objects.published().filter(ends_at__gt=since).order_by("starts_at", "id")
    chosen = EventFilter(request.GET, queryset=events, request=request, scope=("calendar",))
    calendar = new_calendar(
        f"{gettext('Events')} · {settings.SITE_NAME}",
        gettext("Events of Europe's digital social innovation community."),
    )
    for event in chosen.qs.for_calendar()[:CALENDAR_LIMIT]:
        calendar.add_component(vevent(event))
    return calendar_response(calendar, "events.ics")


ATTENDANCE_MODES = {
    Attendance.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Attendance.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Attendance.BOTH: "https://schema.org/MixedEventAttendanceMode",
}


def schema_org(event, request):
    """The event as a schema.org Event, for search engines and link previews."""
    url = request.build_absolute_uri(event.get_absolute_url())
    if event.all_day:
        start, end = event.first_day.isoformat(), event.last_day.isoformat()
    else:
        start, end = event.local_start.isoformat(), event.local_end.isoformat()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.name,
        "url": url,
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(event.attendance),
    }
    if event.card_text:
        data["description"] = event.card_text
    locations = []
    if event.is_in_person:
        place = {"@type": "Place", "name": event.venue or event.region or event.name}
        address = {"@type": "PostalAddress"}
        if event.address:
            address["streetAddress"] = " ".join(event.address.split())
        if event.region:
            address["addressLocality"] = event.region
        if event.country:
            address["addressCountry"] = event.country.code
        place["address"] = address
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        locations.append(place)
    if event.is_online:
        locations.append(
            {"@type": "VirtualLocation", "url": web_url(event.registration_url) or url}
        )
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.organiser_id and event.organiser.is_published:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.organiser.name,
            "url": request.build_absolute_uri(event.organiser.get_absolute_url()),
        }
    registration = web_url(event.registration_url)
    if registration or event.price:
        offer = {"@type": "Offer"}
        if registration:
            offer["url"] = registration
        if event.price.strip().lower() in {"free", "0"}:
            offer |= {"price": "0", "priceCurrency": "EUR"}
        elif event.price:
            offer["description"] = event.price
        data["offers"] = offer
    tags = [t.name for t in event.tags.all()]
    if tags:
        data["keywords"] = ", ".join(tags)
    return data
