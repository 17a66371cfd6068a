"""An optional copy of the confirmed subscribers at an external list provider (a mailing
service). One small interface; the default does nothing. Choose a class with the
NEWSLETTER_LIST_PROVIDER setting (a dotted path), e.g. an adapter for the service's HTTP API."""

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class ListProvider(Protocol):
    def subscribe(self, subscriber) -> None:
        """Add or re-activate a confirmed subscriber (idempotent)."""

    def unsubscribe(self, subscriber) -> None:
        """Remove or deactivate a subscriber (idempotent)."""


class NoListProvider:
    """The default: subscribers live only in our database."""

    def subscribe(self, subscriber) -> None:
        pass

    def unsubscribe(self, subscriber) -> None:
        pass


def list_provider_enabled():
    return bool(settings.NEWSLETTER_LIST_PROVIDER)


def get_list_provider() -> ListProvider:
    if not list_provider_enabled():
        return NoListProvider()
    return import_string(settings.NEWSLETTER_LIST_PROVIDER)()
