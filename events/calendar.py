"""Events as iCalendar entries (core/calendars.py writes the calendar around them)."""

import datetime

from icalendar import Event as VEvent

from core.calendars import absolute, uid
from core.text import plain_text, web_url


def vevent(event):
    """The VEVENT of an event: its times in its own time zone, whole days as dates."""
    entry = VEvent()
    entry.add("uid", uid("event", event.pk))
    entry.add("dtstamp", event.updated_at)
    entry.add("created", event.created_at)
    entry.add("last-modified", event.updated_at)
    if event.all_day:
        entry.add("dtstart", event.first_day)
        entry.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        entry.add("dtstart", event.local_start)
        entry.add("dtend", event.local_end)
    entry.add("summary", event.name)
    url = absolute(event.get_absolute_url())
    entry.add("url", url)
    text = event.summary or plain_text(event.description)
    entry.add(
        "description", "\n\n".join(p for p in (text, web_url(event.registration_url), url) if p)
    )
    if event.location:
        entry.add("location", event.location)
    return entry
