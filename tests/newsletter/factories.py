import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mail.models import OutboundEmail
from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from newsletter.emails import confirmation_message
from newsletter.models import Subscriber


class SubscriberFactory(DjangoModelFactory):
    """A subscriber and, unless confirmation=False, its confirmation email in the outbox, stored
    but never published (as when the broker was down at sign-up). The confirmation_* arguments
    set the email's sending state."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"person{n:04d}@example.org")
    status = Subscriber.Status.PENDING
    source = Subscriber.Source.FOOTER
    language = "en"
    consent_text = CONSENT_TEXT
    consent_version = CONSENT_VERSION
    confirmation_requested_at = factory.LazyFunction(timezone.now)
    confirmation = True
    confirmation_sent_at = None
    confirmation_claimed_at = None
    confirmation_attempts = 0

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

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        confirmation,
        confirmation_sent_at,
        confirmation_claimed_at,
        confirmation_attempts,
        **kwargs,
    ):
        subscriber = super()._create(model_class, *args, **kwargs)
        if confirmation:
            email = OutboundEmail.from_message(confirmation_message(subscriber))
            email.sent_at = confirmation_sent_at
            email.claimed_at = confirmation_claimed_at
            email.attempts = confirmation_attempts
            email.save()
            subscriber.confirmation_email = email
            subscriber.save(update_fields=["confirmation_email"])
        return subscriber
