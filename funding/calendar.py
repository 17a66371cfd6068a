"""Closing dates of funding calls as iCalendar entries (core/calendars.py writes the calendar)."""

from django.utils.translation import gettext as _
from icalendar import Event as VEvent

from core.calendars import absolute, uid
from core.text import plain_text, web_url


def deadline(opportunity):
    """A VEVENT at the moment a call closes, in its own time zone. It has no DTEND: an entry
    whose DTSTART is a time and has no end lasts no time at all (RFC 5545, 3.6.1)."""
    entry = VEvent()
    entry.add("uid", uid("funding-deadline", opportunity.pk))
    entry.add("dtstamp", opportunity.updated_at)
    entry.add("created", opportunity.created_at)
    entry.add("last-modified", opportunity.updated_at)
    entry.add("dtstart", opportunity.local_closes_at)
    entry.add("summary", _("Deadline: %(name)s") % {"name": opportunity.name})
    url = absolute(opportunity.get_absolute_url())
    entry.add("url", url)
    text = opportunity.summary or plain_text(opportunity.description)
    parts = [text, opportunity.funder_name, opportunity.amount, web_url(opportunity.apply_url), url]
    entry.add("description", "\n\n".join(p for p in parts if p))
    entry.add("transp", "TRANSPARENT")
    return entry
