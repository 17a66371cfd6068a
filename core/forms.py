from django import forms
from django.forms.renderers import TemplatesSetting


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
