from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import EMAIL_MAX_LENGTH, EmailAddressField
from newsletter.consent import CONSENT_TEXT
from newsletter.models import Subscriber


class SubscribeForm(forms.Form):
    email = EmailAddressField(
        label=_("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    consent = forms.BooleanField(
        label=_(CONSENT_TEXT),
        error_messages={"required": _("Tick the box to agree to receive the newsletter")},
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
