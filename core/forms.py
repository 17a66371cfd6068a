from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class SiteFormRenderer(TemplatesSetting):
    """Every form on the site, allauth's included, renders the same accessible way: an error
    summary at the top linking to each field, and the message repeated at the field."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO 8601 (YYYY-MM-DD) whatever the language
    of the page, or browsers show it empty and HTML checkers call the page invalid."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """The browser's time picker; its value is HH:MM whatever the language of the page."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


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
                _("Enter one email address on a single line, like name@example.org"), code="invalid"
            )
        if len(value) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(self.error_messages["max_length"], code="max_length")
        super().run_validators(value)

    def clean(self, value):
        """The address with its domain in lower case (the part before @ is the server's)."""
        email = super().clean(value)
        if not email:
            return email
        local, _at, domain = email.rpartition("@")
        return f"{local}@{domain.lower()}"
