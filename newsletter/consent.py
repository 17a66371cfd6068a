"""The words a person agrees to when they sign up, and their version.

Change the wording only together with a new version: every subscriber row keeps the wording and
the version it was given, so what each person agreed to can always be shown.
"""

from django.utils.translation import gettext_noop

CONSENT_VERSION = "2026-01"
CONSENT_TEXT = gettext_noop(
    "I agree to receive the DSI Directory newsletter by email, about once a month. "
    "I can unsubscribe at any time with the link in every email."
)
