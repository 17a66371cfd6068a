"""/events/, /events/past/ and /events/<slug>/: order, pages of 24, filters with counts, the
event's own time zone, schema.org data, the organiser's profile, query counts, bad input."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import ModerationStatus
from events.models import Attendance
from tests.events.factories import EventFactory
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("events:list")
PAST = reverse("events:past")
HTMX = {"HX-Request": "true"}


def titles(response):
    return [event.name for event in response.context["page"].object_list]


def test_upcoming_soonest_first_with_events_in_progress_and_past_apart(client):
    now = timezone.now()
    EventFactory(name="Next month", days=30)
    EventFactory(name="Tomorrow", days=1)
    EventFactory(
        name="Under way",
        starts_at=now - datetime.timedelta(hours=2),
        ends_at=now + datetime.timedelta(hours=2),
    )
    EventFactory(name="Last week", days=-7)
    EventFactory(name="Last year", days=-365)
    EventFactory(name="Pending", days=2, status=ModerationStatus.PENDING)
    response = client.get(LIST)
    assert titles(response) == ["Under way", "Tomorrow", "Next month"]
    assert "Happening now" in response.content.decode()
    assert titles(client.get(PAST)) == ["Last week", "Last year"]


def test_24_a_page(client):
    for n in range(26):
        EventFactory(days=n + 1)
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 24
    assert "26 events, page 1 of 2" in first.content.decode()
    assert len(client.get(LIST, {"page": "2"}).context["page"].object_list) == 2


def test_filters_with_counts_kept_in_the_address(client):
    EventFactory(name="Madrid meetup", country="ES", region="Madrid", tags=["open data"])
    EventFactory(name="Webinar", attendance=Attendance.ONLINE, country="", region="")
    EventFactory(name="Hybrid", attendance=Attendance.BOTH, country="ES", tags=["open data"])
    EventFactory(name="Rome", country="IT")
    assert titles(client.get(LIST, {"country": "ES"})) == ["Madrid meetup", "Hybrid"]
    assert titles(client.get(LIST, {"online": "online"})) == ["Webinar", "Hybrid"]
    assert titles(client.get(LIST, {"online": "in-person"})) == ["Madrid meetup", "Hybrid", "Rome"]
    assert titles(client.get(LIST, {"tag": "open-data", "country": "ES"})) == [
        "Madrid meetup",
        "Hybrid",
    ]
    response = client.get(LIST, {"country": "ES"})
    facets = response.context["facets"]
    assert ("ES", "Spain", 2) in facets["country"] and ("IT", "Italy", 1) in facets["country"]
    assert ("online", "Online (or both)", 1) in facets["online"]  # counted within Spain
    content = response.content.decode()
    assert '<option value="ES" selected>Spain (2)</option>' in content
    # The list links to its calendar and feed with the same filters.
    assert 'href="/events/calendar.ics?country=ES"' in content
    assert 'href="/events/feed/?country=ES"' in content


def test_the_month_filter(client):
    rome = ZoneInfo("Europe/Rome")
    start = timezone.now().astimezone(rome) + datetime.timedelta(days=40)
    month = start.strftime("%Y-%m")
    EventFactory(name="In that month", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    EventFactory(name="Sooner", days=1)
    response = client.get(LIST, {"month": month})
    assert titles(response) == ["In that month"]
    assert month in [value for value, _label, _n in response.context["facets"]["month"]]


@pytest.mark.parametrize(
    "query",
    [
        {"month": "2026-13"},
        {"month": "garbage"},
        {"month": "0000-01"},
        {"month": "2026-1"},
        {"month": "9999-12"},
        {"country": "ZZ"},
        {"online": "maybe"},
        {"tag": "x" * 500},
        {"page": "-1"},
    ],
)
def test_malformed_filters_give_the_normal_page(client, query):
    EventFactory(name="Still listed")
    response = client.get(LIST, query)
    assert response.status_code == 200
    if "tag" not in query:
        assert titles(response) == ["Still listed"]
        assert response.context["filters"] == {}


def test_htmx_gets_the_results_alone(client):
    EventFactory()
    response = client.get(LIST, headers=HTMX)
    content = response.content.decode()
    assert "<html" not in content and 'id="directory"' in content
    assert "HX-Request" in response["Vary"]


def test_the_page_shows_times_in_the_events_own_time_zone(client):
    tokyo = ZoneInfo("Asia/Tokyo")
    start = datetime.datetime(2030, 4, 2, 19, 0, tzinfo=tokyo)
    event = EventFactory(
        name="Tokyo evening",
        time_zone="Asia/Tokyo",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        region="Tokyo",
        country="JP",
    )
    content = client.get(event.get_absolute_url()).content.decode()
    # 19:00 in Tokyo, not 12:00 in Brussels (the site's zone).
    assert "Tue 2 Apr 2030, 19:00 – 21:00" in re.sub(r"<[^>]+>", "", content)
    assert "Asia/Tokyo" in content
    assert 'datetime="2030-04-02T19:00:00+09:00"' in content
    assert f'href="{event.get_ics_url()}"' in content


def test_an_all_day_event_shows_its_days(client):
    rome = ZoneInfo("Europe/Rome")
    event = EventFactory(
        all_day=True,
        starts_at=datetime.datetime(2030, 5, 10, tzinfo=rome),
        ends_at=datetime.datetime(2030, 5, 13, tzinfo=rome),
    )
    content = client.get(event.get_absolute_url()).content.decode()
    assert "Fri 10 May 2030</time> – <time" in content and "Sun 12 May 2030" in content
    assert "all day" in content


def json_ld(content):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)[1]
    )


def test_schema_org_event_and_the_organisers_profile_linked(client):
    organiser = OrganisationFactory(name="Polifactory", slug="polifactory")
    rome = ZoneInfo("Europe/Rome")
    start = datetime.datetime(2030, 6, 1, 18, 30, tzinfo=rome)
    event = EventFactory(
        name="Open night",
        organiser=organiser,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        attendance=Attendance.BOTH,
        registration_url="https://example.org/register",
        price="Free",
        tags=["open hardware"],
    )
    content = client.get(event.get_absolute_url()).content.decode()
    data = json_ld(content)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2030-06-01T18:30:00+02:00"
    assert data["endDate"] == "2030-06-01T21:30:00+02:00"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"][0]["address"]["addressLocality"] == "Rome"
    assert data["location"][1]["@type"] == "VirtualLocation"
    assert data["organizer"]["url"].endswith("/organisations/polifactory/")
    assert data["offers"]["price"] == "0"
    assert 'href="/organisations/polifactory/"' in content
    # The organiser's profile lists its upcoming events, not its past ones.
    EventFactory(name="Long over", organiser=organiser, days=-30)
    profile = client.get(organiser.get_absolute_url()).content.decode()
    assert "Upcoming events by Polifactory" in profile
    assert f'href="{event.get_absolute_url()}"' in profile and "Long over" not in profile


def test_a_script_in_an_event_is_harmless(client):
    from tests.html import assert_no_live_script

    hostile = "<script>alert(1)</script>"
    event = EventFactory(
        name=f"Evil {hostile}", summary=hostile, venue=hostile, description=f"<p>x</p>{hostile}"
    )
    for url in (event.get_absolute_url(), LIST):
        assert_no_live_script(client.get(url).content)
    assert "</script><script" not in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_an_unpublished_event_is_not_found(client, status):
    event = EventFactory(status=status)
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(event.get_ics_url()).status_code == 404


def test_query_counts_are_fixed(client, django_assert_max_num_queries):
    organiser = OrganisationFactory()
    for n in range(30):
        EventFactory(days=n + 1, organiser=organiser, tags=[f"tag {n}", "common"])
        EventFactory(days=-n - 1, tags=["old"])
    event = EventFactory(organiser=organiser, tags=[f"t{n}" for n in range(10)])
    # Versions, the count and four facets, the page's rows and their tags.
    for url in (LIST, PAST, f"{LIST}?country=IT&tag=common", f"{LIST}?page=2", f"{PAST}?page=2"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(3):  # counts and facets cached: versions, rows, tags
        client.get(LIST)
    with django_assert_max_num_queries(4):  # versions, the event and organiser, its tags
        client.get(event.get_absolute_url())
    for url in (event.get_ics_url(), reverse("events:calendar"), reverse("events:feed")):
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200


def test_an_empty_list_blames_the_filters_only_when_there_are_some(client):
    from django.urls import reverse

    bare = client.get(reverse("events:list")).content.decode()
    assert "Nobody has added an upcoming event yet." in bare
    assert "Nothing matches these filters" not in bare
    filtered = client.get(reverse("events:list"), {"country": "IT"}).content.decode()
    assert "Nothing matches these filters" in filtered
    assert "clear all filters" in filtered
