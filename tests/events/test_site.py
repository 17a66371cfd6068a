"""Events and funding calls everywhere else: the home page (within 8 queries), the header, the
search page and overlay, the sitemaps."""

import pytest
from django.urls import reverse

from core.models import ModerationStatus
from tests.events.factories import EventFactory
from tests.funding.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_home_shows_the_next_events_and_the_calls_closing_soonest(
    client, django_assert_max_num_queries
):
    for n in range(5):
        EventFactory(name=f"Event in {n + 1} days", days=n + 1, tags=["a", "b"])
        OpportunityFactory(name=f"Call closing in {n + 2} days", days=n + 2, tags=["c"])
    EventFactory(name="Over already", days=-2)
    OpportunityFactory(name="Closed already", days=-2)
    with django_assert_max_num_queries(8):
        response = client.get("/")
    content = response.content.decode()
    assert [e.name for e in response.context["next_events"]] == [
        "Event in 1 days",
        "Event in 2 days",
        "Event in 3 days",
    ]
    assert response.context["closing_calls"][0].name == "Call closing in 2 days"
    assert "Over already" not in content and "Closed already" not in content
    assert 'href="/events/"' in content and 'href="/funding/"' in content


def test_the_header_has_both_sections(client):
    content = client.get(reverse("events:list")).content.decode()
    assert '<a href="/events/" aria-current="page">Events</a>' in content
    assert '<a href="/funding/">Funding</a>' in content


def test_search_groups_events_and_funding(client):
    EventFactory(name="Kite festival", summary="Kites over the beach.")
    OpportunityFactory(name="Kite makers grant")
    EventFactory(name="Kite draft", status=ModerationStatus.DRAFT)
    response = client.get(reverse("search:results"), {"q": "kite"})
    groups = {g.kind.key: g for g in response.context["groups"]}
    assert groups["events"].count == 1 and groups["funding"].count == 1
    content = response.content.decode()
    assert '<h2 id="search-group-events">Events ' in content
    assert '<h2 id="search-group-funding">Funding ' in content
    assert "Kite draft" not in content
    overlay = client.get(reverse("search:overlay"), {"q": "zzqxw"}, headers={"HX-Request": "true"})
    assert "No events found" in overlay.content.decode()
    assert "No funding calls found" in overlay.content.decode()
    only = client.get(reverse("search:results"), {"q": "kite", "type": "events"})
    assert "<mark>Kite</mark> festival" in only.content.decode()


def test_sitemaps_list_both(client):
    event = EventFactory()
    call = OpportunityFactory()
    EventFactory(slug="hidden-event", status=ModerationStatus.PENDING)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-events.xml" in index and "sitemap-funding.xml" in index
    events = client.get("/sitemap-events.xml").content.decode()
    assert event.get_absolute_url() in events and "hidden-event" not in events
    assert call.get_absolute_url() in client.get("/sitemap-funding.xml").content.decode()
    assert "/events/" in client.get("/sitemap-pages.xml").content.decode()
