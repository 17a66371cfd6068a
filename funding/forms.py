import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.forms import DateInput, TimeInput
from core.timezones import UNKNOWN_TIME_ZONE, time_zone_choices, zone
from funding.models import CLOSES_BEFORE_OPENING, Opportunity
from organisations.fields import OrganisationReferenceField
from organisations.models import OrganisationType
from submissions.forms import SubmissionForm

CLOSED_ALREADY = _("The closing date has passed: only calls that are still open can be added.")


class OpportunityForm(SubmissionForm):
    """The submission and edit form of a funding call. Dates and times are typed in the call's
    own time zone, as the funder gives them."""

    sections = [
        (_("What it is"), ["name", "kind", "summary", "description", "amount"]),
        (_("Funder"), ["funder_name", "funder_website", "funder"]),
        (_("Who can apply"), ["eligible_countries", "eligible_organisation_types"]),
        (
            _("Dates"),
            ["opens_date", "opens_time", "closes_date", "closes_time", "time_zone"],
        ),
        (_("Applying"), ["apply_url", "tags"]),
    ]

    opens_date = forms.DateField(
        label=_("Opens on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if it is open already."),
    )
    opens_time = forms.TimeField(
        label=_("Opening time"),
        required=False,
        widget=TimeInput(),
        help_text=_("Leave empty for the start of the day."),
    )
    closes_date = forms.DateField(label=_("Closes on"), widget=DateInput())
    closes_time = forms.TimeField(
        label=_("Closing time"),
        required=False,
        widget=TimeInput(),
        help_text=_("Leave empty for the end of the day (23:59)."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial="Europe/Brussels",
        error_messages={"invalid_choice": UNKNOWN_TIME_ZONE},
        help_text=_("The time zone of the dates above, as the funder gives them."),
    )
    eligible_countries = forms.MultipleChoiceField(
        label=_("Countries applicants may be from"),
        choices=countries,
        required=False,
        help_text=_(
            "Leave empty if it is open to every country. Hold Ctrl (⌘ on a Mac) to choose several."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    eligible_organisation_types = forms.MultipleChoiceField(
        label=_("Types of organisation that may apply"),
        choices=OrganisationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if any type may apply."),
    )
    funder = OrganisationReferenceField(
        label=_("Funder in the directory"),
        help_text=_("The name or the address of its profile in the directory, if it has one."),
    )

    class Meta:
        model = Opportunity
        fields = [
            "name", "kind", "summary", "description", "amount", "funder_name",
            "funder_website", "funder", "eligible_countries", "eligible_organisation_types",
            "time_zone", "apply_url", "tags",
        ]  # fmt: skip
        labels = {
            "name": _("Title of the call"),
            "kind": _("Type"),
            "summary": _("One-line summary"),
            "description": _("Description"),
            "funder_name": _("Funder"),
            "funder_website": _("Funder's website"),
            "apply_url": _("Link to apply"),
            "tags": _("Tagged under"),
        }
        help_texts = {
            "summary": _("At most 200 characters. Shown on cards and in feeds."),
            "description": _(
                "What it funds, who can apply and how. You can use Markdown: **bold**, "
                "*italic*, [links](https://example.org) and lists."
            ),
            "funder_website": _("Starting with https:// or http://"),
            "apply_url": _("Starting with https:// or http://"),
            "tags": _("Topics, separated by commas: open data, health"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "summary": forms.TextInput(attrs={"maxlength": 200}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["kind"].empty_label = _("Choose a type")
        call = self.instance
        if call.pk and call.closes_at:
            closes = call.local_closes_at
            self.initial.update(closes_date=closes.date(), closes_time=closes.time())
            if call.opens_at:
                opens = call.local_opens_at
                self.initial.update(opens_date=opens.date(), opens_time=opens.time())

    def clean(self):
        cleaned = super().clean()
        tz = zone(cleaned.get("time_zone") or "")
        closes_date = cleaned.get("closes_date")
        if tz is None or closes_date is None:
            return cleaned
        closes_time = cleaned.get("closes_time") or datetime.time(23, 59)
        closes = datetime.datetime.combine(closes_date, closes_time, tzinfo=tz)
        opens = None
        if cleaned.get("opens_date"):
            opens_time = cleaned.get("opens_time") or datetime.time(0)
            opens = datetime.datetime.combine(cleaned["opens_date"], opens_time, tzinfo=tz)
        if opens and closes <= opens:
            self.add_error("closes_date", CLOSES_BEFORE_OPENING)
            return cleaned
        changed = self.instance.closes_at != closes
        if closes <= timezone.now() and (self.instance.pk is None or changed):
            self.add_error("closes_date", CLOSED_ALREADY)
            return cleaned
        self.instance.opens_at, self.instance.closes_at = opens, closes
        return cleaned
