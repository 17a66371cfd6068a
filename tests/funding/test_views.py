"""/funding/, /funding/closed/, /funding/<slug>/, the RSS feed and the deadlines calendar: open
calls by closing date with "closes in N days", filters with counts, query counts."""

import datetime
import xml.etree.ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from core.models import ModerationStatus
from funding.models import Opportunity
from tests.funding.factories import OpportunityFactory, kind
from tests.html import assert_no_live_script
from tests.organisations.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("funding:list")
CLOSED = reverse("funding:closed")
DEADLINES = reverse("funding:deadlines")
FEED = reverse("funding:feed")
BRUSSELS = ZoneInfo("Europe/Brussels")


def titles(response):
    return [call.name for call in response.context["page"].object_list]


def text(response):
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_open_calls_closing_soonest_first_and_the_closed_apart(client):
    OpportunityFactory(name="In a month", days=30)
    OpportunityFactory(name="Next week", days=7)
    OpportunityFactory(name="Closed yesterday", days=-1)
    OpportunityFactory(name="Closed last year", days=-365)
    OpportunityFactory(name="Pending", days=3, status=ModerationStatus.PENDING)
    assert titles(client.get(LIST)) == ["Next week", "In a month"]
    assert titles(client.get(CLOSED)) == ["Closed yesterday", "Closed last year"]
    now = timezone.now()
    split = Opportunity.objects.published()
    assert [c.name for c in split.open(now + datetime.timedelta(days=8))] == ["In a month"]


def test_closes_in_n_days_on_the_calls_own_calendar(client):
    now = timezone.now().astimezone(BRUSSELS)
    at_noon = now.replace(hour=12, minute=0, second=0, microsecond=0)
    OpportunityFactory(name="Twelve", closes_at=at_noon + datetime.timedelta(days=12))
    OpportunityFactory(name="Tomorrow", closes_at=at_noon + datetime.timedelta(days=1))
    OpportunityFactory(
        name="Tonight", closes_at=now.replace(hour=23, minute=59, second=0, microsecond=0)
    )
    page = text(client.get(LIST))
    assert "Closes in 12 days" in page and "Closes tomorrow" in page
    if now.hour < 23:  # the test may run in the last minutes of a day
        assert "Closes today" in page
    closed = OpportunityFactory(name="Gone", days=-3)
    assert "Closed" in text(client.get(closed.get_absolute_url()))


def test_filters_with_counts(client):
    OpportunityFactory(name="Anyone", eligible_countries=[], tags=["health"])
    OpportunityFactory(name="Spain only", eligible_countries=["ES"], kind=kind("prize"))
    OpportunityFactory(
        name="Italy, academia",
        eligible_countries=["IT"],
        eligible_organisation_types=["academia"],
        tags=["health"],
    )
    # Open to every country counts for every country.
    assert titles(client.get(LIST, {"country": "ES"})) == ["Anyone", "Spain only"]
    assert titles(client.get(LIST, {"country": "FR"})) == ["Anyone"]
    assert titles(client.get(LIST, {"type": "prize"})) == ["Spain only"]
    assert titles(client.get(LIST, {"org_type": "academia"})) == [
        "Anyone",
        "Spain only",
        "Italy, academia",
    ]
    assert titles(client.get(LIST, {"org_type": "for-profit"})) == ["Anyone", "Spain only"]
    assert titles(client.get(LIST, {"tag": "health"})) == ["Anyone", "Italy, academia"]
    response = client.get(LIST, {"type": "grant"})
    facets = response.context["facets"]
    assert ("ES", "Spain", 1) in facets["country"] and ("IT", "Italy", 2) in facets["country"]
    assert ("FR", "France", 1) in facets["country"]
    assert ("grant", "Grant", 2) in facets["type"] and ("prize", "Prize", 1) in facets["type"]
    content = response.content.decode()
    assert '<option value="grant" selected>Grant (2)</option>' in content
    assert 'href="/funding/deadlines.ics?type=grant"' in content
    assert 'href="/funding/feed/?type=grant"' in content


@pytest.mark.parametrize(
    "query",
    [{"type": "x" * 300}, {"country": "ZZ"}, {"org_type": "aliens"}, {"page": "abc"}],
)
def test_malformed_filters_give_the_normal_page(client, query):
    OpportunityFactory(name="Listed")
    response = client.get(LIST, query)
    assert response.status_code == 200
    if "type" not in query:
        assert titles(response) == ["Listed"]


def test_the_page_shows_the_funder_eligibility_and_deadline(client):
    funder = OrganisationFactory(name="Nesta", slug="nesta")
    closes = datetime.datetime(2031, 1, 20, 17, 0, tzinfo=ZoneInfo("Europe/London"))
    call = OpportunityFactory(
        name="Voting prize",
        funder=funder,
        funder_name="Nesta",
        kind=kind("prize"),
        time_zone="Europe/London",
        closes_at=closes,
        eligible_countries=["GB", "IE"],
        eligible_organisation_types=["non-profit"],
        apply_url="https://example.org/apply",
    )
    page = text(client.get(call.get_absolute_url()))
    assert "Mon 20 Jan 2031, 17:00" in page and "Europe/London" in page
    assert "United Kingdom, Ireland" in page
    assert "Social enterprise, charity, foundation or other non-profit" in page
    content = client.get(call.get_absolute_url()).content.decode()
    assert (
        'href="/organisations/nesta/"' in content and 'href="https://example.org/apply"' in content
    )
    assert '"@type": "Grant"' in content


def test_deadlines_calendar_is_read_back_with_filters(client):
    closes = datetime.datetime(2031, 4, 1, 17, 0, tzinfo=ZoneInfo("Europe/Rome"))
    call = OpportunityFactory(
        name="Rome call", time_zone="Europe/Rome", closes_at=closes, eligible_countries=["IT"]
    )
    OpportunityFactory(name="Spanish call", eligible_countries=["ES"])
    OpportunityFactory(name="Closed call", days=-2)
    response = client.get(DEADLINES, {"country": "IT"})
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(found) == {"Deadline: Rome call"}
    entry = found["Deadline: Rome call"]
    assert entry["dtstart"].dt == closes and entry["dtstart"].params["TZID"] == "Europe/Rome"
    assert "DTEND" not in entry  # a moment, not a span
    assert str(entry["url"]).endswith(call.get_absolute_url())
    again = Calendar.from_ical(client.get(DEADLINES).content).walk("VEVENT")
    assert entry["uid"] in {e["uid"] for e in again} and len(again) == 2


def test_rss_feed_of_open_calls(client):
    OpportunityFactory(name="Open one", tags=["health"])
    OpportunityFactory(name="Other", kind=kind("prize"))
    OpportunityFactory(name="Closed one", days=-1)
    channel = ET.fromstring(client.get(FEED).content).find("channel")  # noqa: S314 - ours
    assert sorted(i.findtext("title") for i in channel.findall("item")) == ["Open one", "Other"]
    filtered = ET.fromstring(client.get(FEED, {"type": "prize"}).content)  # noqa: S314 - ours
    assert [i.findtext("title") for i in filtered.find("channel").findall("item")] == ["Other"]


def test_the_database_refuses_a_close_before_the_opening():
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        OpportunityFactory(opens_at=now, closes_at=now - datetime.timedelta(days=1))


def test_a_script_in_a_call_is_harmless(client):
    hostile = "<script>alert(1)</script>"
    call = OpportunityFactory(name=hostile, summary=hostile, funder_name=hostile, amount=hostile)
    for url in (call.get_absolute_url(), LIST, FEED):
        assert_no_live_script(client.get(url).content)


def test_query_counts_are_fixed(client, django_assert_max_num_queries):
    for n in range(30):
        OpportunityFactory(days=n + 1, tags=[f"t{n}", "common"], eligible_countries=["IT", "ES"])
        OpportunityFactory(days=-n - 1, tags=["old"])
    call = OpportunityFactory(tags=[f"x{n}" for n in range(10)])
    for url in (LIST, CLOSED, f"{LIST}?country=IT&tag=common", f"{LIST}?page=2"):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(3):
        client.get(LIST)
    with django_assert_max_num_queries(4):
        client.get(call.get_absolute_url())
    for url in (DEADLINES, FEED):
        with django_assert_max_num_queries(3):
            assert client.get(url).status_code == 200


def test_no_call_takes_the_archives_address(client):
    call = OpportunityFactory(name="Closed", slug="")
    assert call.slug != "closed"
    assert client.get(CLOSED).status_code == 200
