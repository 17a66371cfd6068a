from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.consent import CONSENT_TEXT
from alerts.models import Frequency, Kind
from core.forms import EMAIL_MAX_LENGTH, EmailAddressField


class AlertForm(forms.Form):
    """ "Email me when new ones match": the address, how often, and consent. The list's filters
    come with it as the list's own parameters (alerts.kinds.clean_filters checks them)."""

    kind = forms.ChoiceField(choices=Kind.choices, widget=forms.HiddenInput)
    email = EmailAddressField(
        label=_("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how often we may email you"),
            "invalid_choice": _("Choose weekly or daily"),
        },
    )
    consent = forms.BooleanField(
        label=_(CONSENT_TEXT),
        error_messages={"required": _("Tick the box to agree to these emails")},
    )

    def clean_kind(self):
        return Kind(self.cleaned_data["kind"])
