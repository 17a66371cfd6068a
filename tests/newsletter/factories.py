import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from newsletter.models import Subscriber


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"person{n:04d}@example.org")
    status = Subscriber.Status.PENDING
    source = Subscriber.Source.FOOTER
    language = "en-gb"
    consent_text = CONSENT_TEXT
    consent_version = CONSENT_VERSION
    confirmation_requested_at = factory.LazyFunction(timezone.now)
    confirmation_queued_at = factory.LazyFunction(timezone.now)

    class Params:
        sent = factory.Trait(confirmation_sent_at=factory.LazyFunction(timezone.now))
        confirmed = factory.Trait(
            status=Subscriber.Status.CONFIRMED,
            confirmation_sent_at=factory.LazyFunction(timezone.now),
            confirmed_at=factory.LazyFunction(timezone.now),
            consented_at=factory.LazyFunction(timezone.now),
        )
        unsubscribed = factory.Trait(
            status=Subscriber.Status.UNSUBSCRIBED,
            confirmation_sent_at=factory.LazyFunction(timezone.now),
            confirmed_at=factory.LazyFunction(timezone.now),
            unsubscribed_at=factory.LazyFunction(timezone.now),
        )
