import datetime
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.models import ModerationStatus
from events.models import Attendance, Event


class EventFactory(DjangoModelFactory):
    """A published evening event in Rome, starting `days` days from now."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    class Params:
        days = 10

    name = factory.Sequence(lambda n: f"Event {n:04d}")
    slug = factory.Sequence(lambda n: f"event-{n:04d}")
    status = ModerationStatus.PUBLISHED
    summary = factory.Sequence(lambda n: f"Summary of event {n}.")
    description = factory.Sequence(lambda n: f"<p>About event number {n}.</p>")
    time_zone = "Europe/Rome"
    starts_at = factory.LazyAttribute(
        lambda o: (
            (timezone.now() + datetime.timedelta(days=o.days))
            .astimezone(ZoneInfo(o.time_zone))
            .replace(hour=18, minute=30, second=0, microsecond=0)
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    attendance = Attendance.IN_PERSON
    venue = "Sala Grande"
    region = "Rome"
    country = "IT"
    price = "Free"

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
