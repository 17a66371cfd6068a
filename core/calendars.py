"""iCalendar (RFC 5545) as the site writes it, with the icalendar package: calendars that a
calendar app subscribes to (events, funding deadlines) and single-event files. Every entry keeps
one UID for good, so a calendar updates it in place instead of adding it twice."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar

PRODUCT_ID = "-//DSI Directory//Calendars//EN"


def uid(kind, pk):
    """Stable for the life of the row: its kind and id, at the site's domain."""
    domain = urlsplit(settings.SITE_URL).hostname or "dsi-directory"
    return f"{kind}-{pk}@{domain}"


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def new_calendar(name, description):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    # How often a subscribed calendar should look again.
    calendar.add("x-published-ttl", "PT1H")
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    return calendar


def calendar_response(calendar, filename, first_date=None):
    """The calendar as text/calendar, with a VTIMEZONE for every zone its entries use, its
    changes written out from `first_date` (a year ago by default) for ten years."""
    today = datetime.date.today()
    first_date = min(first_date or today, today - datetime.timedelta(days=366))
    calendar.add_missing_timezones(first_date, today.replace(year=today.year + 10))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
