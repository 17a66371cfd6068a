import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from alerts.consent import CONSENT_TEXT, CONSENT_VERSION
from alerts.models import Alert, Frequency, Kind


class AlertFactory(DjangoModelFactory):
    """A confirmed alert on every organisation unless told otherwise."""

    class Meta:
        model = Alert

    email = factory.Sequence(lambda n: f"watcher{n:04d}@example.org")
    kind = Kind.ORGANISATIONS
    filters = factory.LazyFunction(dict)
    frequency = Frequency.WEEKLY
    status = Alert.Status.CONFIRMED
    language = "en"
    consent_text = CONSENT_TEXT
    consent_version = CONSENT_VERSION
    confirmed_at = factory.LazyFunction(timezone.now)
    consented_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(status=Alert.Status.PENDING, confirmed_at=None, consented_at=None)
