import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.models import ModerationStatus
from funding.models import Opportunity, OpportunityType


def kind(slug="grant"):
    """A type of the migration's list (made again where a transactional test flushed it)."""
    found, _ = OpportunityType.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
    return found


class OpportunityFactory(DjangoModelFactory):
    """A published grant that closes `days` days from now."""

    class Meta:
        model = Opportunity
        skip_postgeneration_save = True

    class Params:
        days = 20

    name = factory.Sequence(lambda n: f"Call {n:04d}")
    slug = factory.Sequence(lambda n: f"call-{n:04d}")
    status = ModerationStatus.PUBLISHED
    summary = factory.Sequence(lambda n: f"Summary of call {n}.")
    description = factory.Sequence(lambda n: f"<p>About call number {n}.</p>")
    funder_name = "Fondazione Esempio"
    kind = factory.LazyFunction(kind)
    amount = "Up to €50,000"
    time_zone = "Europe/Brussels"
    closes_at = factory.LazyAttribute(
        lambda o: timezone.now().replace(microsecond=0) + datetime.timedelta(days=o.days)
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
