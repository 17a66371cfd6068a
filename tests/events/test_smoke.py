import pytest

from tests.events.factories import EventFactory
from tests.funding.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


def test_pages(client):
    e = EventFactory(tags=["open data"])
    EventFactory(days=-5)
    o = OpportunityFactory(tags=["health"], eligible_countries=["IT"])
    for url in [
        "/events/",
        "/events/past/",
        e.get_absolute_url(),
        e.get_ics_url(),
        "/events/calendar.ics",
        "/events/feed/",
        "/funding/",
        "/funding/closed/",
        o.get_absolute_url(),
        "/funding/feed/",
        "/funding/deadlines.ics",
        "/events/new/",
        "/funding/new/",
    ]:
        r = client.get(url)
        assert r.status_code in (200, 302), (url, r.status_code)
    print(client.get("/events/calendar.ics").content.decode())
