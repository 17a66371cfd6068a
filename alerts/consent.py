"""The words a person agrees to when they set up an alert, and their version. Change the wording
only together with a new version: every alert keeps the wording and version it was given."""

from django.utils.translation import gettext_noop

CONSENT_VERSION = "2026-12"
CONSENT_TEXT = gettext_noop(
    "Email me about new records that match these filters, at most once a day or week as I "
    "choose. I can stop these emails at any time with the link in every email."
)
