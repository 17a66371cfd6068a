from django import forms

from newsletter.consent import CONSENT_TEXT
from newsletter.models import Subscriber

EMAIL_MAX_LENGTH = 254
CONTROL_CHARACTERS = {chr(c) for c in range(32)} | {"\x7f"}


class EmailAddressField(forms.EmailField):
    """An email address with one clear message for each problem, checked in this order."""

    def run_validators(self, value):
        if value in self.empty_values:
            return
        # No line breaks or other control characters: they could only smuggle in mail headers.
        if CONTROL_CHARACTERS & set(value):
            raise forms.ValidationError(
                "Enter one email address on a single line, like name@example.org", code="invalid"
            )
        if len(value) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(self.error_messages["max_length"], code="max_length")
        super().run_validators(value)


class SubscribeForm(forms.Form):
    email = EmailAddressField(
        label="Email address",
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "Tick the box to agree to receive the newsletter"},
    )
    # Where the form was shown; a value we do not know is taken as the newsletter page.
    source = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_email(self):
        email = self.cleaned_data["email"]
        local, _, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_source(self):
        source = self.cleaned_data.get("source")
        return source if source in Subscriber.Source.values else Subscriber.Source.PAGE

    def source_value(self):
        """The source to render back into the form, valid even before cleaning."""
        value = self["source"].value() if self.is_bound else self.initial.get("source")
        return value if value in Subscriber.Source.values else Subscriber.Source.PAGE
