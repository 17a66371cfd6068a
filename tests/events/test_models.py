"""What is upcoming and what is past, around "now": events in progress, all-day events in their
own time zone, times across a summer-time change; and the rules the database keeps."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import ModerationStatus
from events.models import Event, all_day_span
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

ROME = ZoneInfo("Europe/Rome")
NOW = datetime.datetime(2026, 3, 28, 12, 0, tzinfo=datetime.UTC)


def at(*args, tz=ROME):
    return datetime.datetime(*args, tzinfo=tz)


def names(queryset):
    return [event.name for event in queryset]


def test_upcoming_is_soonest_first_and_includes_events_in_progress():
    EventFactory(
        name="Later",
        starts_at=NOW + datetime.timedelta(days=3),
        ends_at=NOW + datetime.timedelta(days=3, hours=2),
    )
    EventFactory(
        name="Soon",
        starts_at=NOW + datetime.timedelta(hours=1),
        ends_at=NOW + datetime.timedelta(hours=3),
    )
    EventFactory(
        name="Under way",
        starts_at=NOW - datetime.timedelta(hours=1),
        ends_at=NOW + datetime.timedelta(hours=1),
    )
    EventFactory(name="Just over", starts_at=NOW - datetime.timedelta(hours=2), ends_at=NOW)
    EventFactory(
        name="Long ago",
        starts_at=NOW - datetime.timedelta(days=30),
        ends_at=NOW - datetime.timedelta(days=29),
    )
    EventFactory(
        name="Draft",
        status=ModerationStatus.DRAFT,
        starts_at=NOW + datetime.timedelta(hours=2),
        ends_at=NOW + datetime.timedelta(hours=4),
    )
    published = Event.objects.published()
    assert names(published.upcoming(NOW)) == ["Under way", "Soon", "Later"]
    # An event ending exactly now is over; the archive is the latest first.
    assert names(published.past(NOW)) == ["Just over", "Long ago"]
    under_way = Event.objects.get(name="Under way")
    assert under_way.in_progress(NOW) and not Event.objects.get(name="Soon").in_progress(NOW)


def test_an_exhibition_that_began_months_ago_is_upcoming_until_it_closes(
    django_assert_num_queries,
):
    """upcoming() starts its scan at now less the longest event: a long one moves that bound
    back, however short the others are; the longest may be a draft."""
    EventFactory(name="Evening", starts_at=NOW + datetime.timedelta(hours=2))
    EventFactory(
        name="Exhibition",
        starts_at=NOW - datetime.timedelta(days=120),
        ends_at=NOW + datetime.timedelta(days=5),
    )
    EventFactory(
        name="Earlier talk",
        starts_at=NOW - datetime.timedelta(days=100),
        ends_at=NOW - datetime.timedelta(days=100) + datetime.timedelta(hours=2),
    )
    published = Event.objects.published()
    with django_assert_num_queries(1):
        assert names(published.upcoming(NOW)) == ["Exhibition", "Evening"]
    assert names(published.past(NOW)) == ["Earlier talk"]
    assert names(published.upcoming(NOW + datetime.timedelta(days=6))) == []
    Event.objects.filter(name="Exhibition").update(status=ModerationStatus.DRAFT)
    assert names(published.upcoming(NOW)) == ["Evening"]


def test_an_all_day_event_lasts_until_midnight_where_it_happens():
    start, end = all_day_span(datetime.date(2026, 7, 10), datetime.date(2026, 7, 11), ROME)
    assert start == at(2026, 7, 10, 0, 0) and end == at(2026, 7, 12, 0, 0)
    event = EventFactory(name="Fair", all_day=True, starts_at=start, ends_at=end)
    assert (event.first_day, event.last_day, event.is_multi_day) == (
        datetime.date(2026, 7, 10),
        datetime.date(2026, 7, 11),
        True,
    )
    # 23:30 in Rome on its last day (21:30 UTC): still on; half an hour later: over.
    last_evening = at(2026, 7, 11, 23, 30)
    assert names(Event.objects.published().upcoming(last_evening)) == ["Fair"]
    assert names(Event.objects.published().past(at(2026, 7, 12, 0, 0))) == ["Fair"]
    # In London it is only 22:30 then, but the event's own zone decides.
    one_day = EventFactory(
        name="One day",
        all_day=True,
        time_zone="Europe/Rome",
        starts_at=at(2026, 7, 10, 0, 0),
        ends_at=at(2026, 7, 11, 0, 0),
    )
    assert one_day.last_day == one_day.first_day and not one_day.is_multi_day


def test_times_stay_as_given_across_the_summer_time_change():
    # Europe/Rome moves its clocks forward on 29 March 2026: 18:30 is 17:30 UTC before, 16:30 after.
    before = EventFactory(
        name="Before", starts_at=at(2026, 3, 28, 18, 30), ends_at=at(2026, 3, 28, 20, 0)
    )
    after = EventFactory(
        name="After", starts_at=at(2026, 3, 30, 18, 30), ends_at=at(2026, 3, 30, 20, 0)
    )
    before.refresh_from_db()
    after.refresh_from_db()
    assert before.starts_at.astimezone(datetime.UTC).hour == 17
    assert after.starts_at.astimezone(datetime.UTC).hour == 16
    assert before.local_start.strftime("%H:%M %Z") == "18:30 CET"
    assert after.local_start.strftime("%H:%M %Z") == "18:30 CEST"
    # A weekend event spanning the change lasts 47 hours, and ends at midnight local time.
    start, end = all_day_span(datetime.date(2026, 3, 28), datetime.date(2026, 3, 29), ROME)
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=47
    )
    assert end.astimezone(ROME).hour == 0


def test_the_database_refuses_an_end_before_the_start():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(starts_at=NOW, ends_at=NOW - datetime.timedelta(hours=1))
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(starts_at=NOW, ends_at=NOW)
    event = EventFactory.build(starts_at=NOW, ends_at=NOW - datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError) as refused:
        event.full_clean(exclude=["slug", "organiser"])
    assert "The end must be after the start." in str(refused.value)


def test_an_unknown_time_zone_is_refused_by_validation():
    event = EventFactory.build()
    event.time_zone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as refused:
        event.full_clean(exclude=["slug", "organiser"])
    assert "time_zone" in refused.value.message_dict


def test_slugs_never_take_the_lists_own_addresses():
    for title in ("Past", "New", "Feed", "Edit"):
        event = EventFactory(name=title, slug="")
        assert event.slug not in {"past", "new", "feed", "edit"}
