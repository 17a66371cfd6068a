"""/events/calendar.ics, each event's .ics and /events/feed/, read back as a calendar app and a
feed reader would: icalendar parses the calendars, ElementTree the RSS."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from core.models import ModerationStatus
from events.models import Attendance, Event
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

CALENDAR = reverse("events:calendar")
FEED = reverse("events:feed")
ROME = ZoneInfo("Europe/Rome")
NEW_YORK = ZoneInfo("America/New_York")


def rss(content):
    return ET.fromstring(content)  # noqa: S314 - our own response


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


def test_every_entry_has_what_calendars_need_and_keeps_its_uid(client):
    start = datetime.datetime(2030, 4, 1, 18, 30, tzinfo=ROME)  # the day after clocks change
    event = EventFactory(
        name="Open night",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        venue="Polifactory",
        address="Via Durando 10",
        region="Milan",
    )
    first = entries(client.get(CALENDAR))["Open night"]
    for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL", "LOCATION"):
        assert name in first, name
    assert first["dtstart"].dt == start and first["dtstart"].params["TZID"] == "Europe/Rome"
    assert first["dtstart"].dt.utcoffset() == datetime.timedelta(hours=2)  # summer time
    assert first["dtend"].dt == start + datetime.timedelta(hours=3)
    assert str(first["url"]).endswith(event.get_absolute_url())
    assert str(first["location"]) == "Polifactory, Via Durando 10, Milan, Italy"
    # The same UID on every request, and after an edit: a calendar updates the entry in place.
    later = event.updated_at + datetime.timedelta(minutes=5)
    Event.objects.filter(pk=event.pk).update(summary="Changed", updated_at=later)
    again = entries(client.get(CALENDAR))["Open night"]
    assert again["uid"] == first["uid"] and again["dtstamp"].dt > first["dtstamp"].dt
    assert "Changed" in str(again["description"])
    single = entries(client.get(event.get_ics_url()))["Open night"]
    assert single["uid"] == first["uid"]
    calendar = Calendar.from_ical(client.get(CALENDAR).content)
    assert {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")} == {"Europe/Rome"}


def test_times_are_right_in_each_zone_and_whole_days_are_dates(client):
    start = datetime.datetime(2030, 11, 3, 9, 0, tzinfo=NEW_YORK)  # clocks go back that night
    EventFactory(
        name="New York",
        time_zone="America/New_York",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
    )
    EventFactory(
        name="Fair",
        all_day=True,
        starts_at=datetime.datetime(2030, 7, 10, tzinfo=ROME),
        ends_at=datetime.datetime(2030, 7, 12, tzinfo=ROME),
    )
    found = entries(client.get(CALENDAR))
    assert found["New York"]["dtstart"].dt.astimezone(datetime.UTC).hour == 14
    assert found["New York"]["dtstart"].params["TZID"] == "America/New_York"
    assert found["Fair"]["dtstart"].dt == datetime.date(2030, 7, 10)
    assert found["Fair"]["dtend"].dt == datetime.date(2030, 7, 12)  # exclusive: two days


def test_the_calendar_follows_the_list_filters(client):
    EventFactory(name="Madrid", country="ES", tags=["open data"])
    EventFactory(name="Rome", country="IT", tags=["open data"])
    EventFactory(name="Webinar", attendance=Attendance.ONLINE, country="")
    EventFactory(name="Pending", country="ES", status=ModerationStatus.PENDING)
    EventFactory(name="Long over", country="ES", days=-200)
    EventFactory(name="Lately", country="ES", days=-10)  # kept a while, so calendars keep it
    assert set(entries(client.get(CALENDAR, {"country": "ES"}))) == {"Madrid", "Lately"}
    assert set(entries(client.get(CALENDAR, {"online": "online"}))) == {"Webinar"}
    assert set(entries(client.get(CALENDAR, {"tag": "open-data"}))) == {"Madrid", "Rome"}
    # Garbage in a filter is no filter.
    assert len(entries(client.get(CALENDAR, {"country": "ZZ", "month": "x"}))) == 4


def test_the_rss_feed_lists_upcoming_events_with_the_filters(client):
    EventFactory(name="Madrid", country="ES", days=3)
    EventFactory(name="Rome", country="IT", days=2)
    EventFactory(name="Over", country="ES", days=-3)
    response = client.get(FEED, {"country": "ES"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = rss(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title").split(" · ")[1] for item in items] == ["Madrid"]
    assert items[0].findtext("guid").startswith("event-")
    everything = rss(client.get(FEED).content).find("channel").findall("item")
    assert [item.findtext("title").split(" · ")[1] for item in everything] == ["Rome", "Madrid"]


def test_a_script_in_a_title_stays_text_in_the_feeds(client):
    EventFactory(name="<script>alert(1)</script>")
    feed = client.get(FEED).content
    assert b"<script>" not in feed
    assert rss(feed).find("channel/item/title").text.endswith("<script>alert(1)</script>")
    calendar = client.get(CALENDAR)
    assert "<script>alert(1)</script>" in entries(calendar)


def test_the_lists_link_to_their_calendar_and_feed(client):
    content = client.get(reverse("events:list")).content.decode()
    assert f'href="{CALENDAR}' in content and f'href="{FEED}' in content
    assert 'type="application/rss+xml"' in content
