import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, TimeInput
from core.timezones import UNKNOWN_TIME_ZONE, time_zone_choices, zone
from events.models import END_BEFORE_START, Attendance, Event, all_day_span
from organisations.fields import OrganisationReferenceField
from submissions.forms import SubmissionForm


class EventForm(SubmissionForm):
    """The submission and edit form. Times are typed as the organisers give them, in the
    event's own time zone; the form turns them into moments (summer time included)."""

    sections = [
        (_("What it is"), ["name", "summary", "description"]),
        (
            _("When"),
            ["start_date", "start_time", "end_date", "end_time", "all_day", "time_zone"],
        ),
        (_("Where"), ["attendance", "venue", "address", "region", "country"]),
        (_("Taking part"), ["registration_url", "price", "organiser"]),
        (_("Tags"), ["tags"]),
    ]

    start_date = forms.DateField(label=_("First day"), widget=DateInput())
    start_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        widget=TimeInput(),
        help_text=_("For example 18:30. Not needed for an event that runs whole days."),
    )
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for an event on one day."),
    )
    end_time = forms.TimeField(
        label=_("End time"),
        required=False,
        widget=TimeInput(),
        help_text=_("Not needed for an event that runs whole days."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial="Europe/Brussels",
        error_messages={"invalid_choice": UNKNOWN_TIME_ZONE},
        help_text=_("Where the times above are given: Europe/Rome for an event in Rome."),
    )
    organiser = OrganisationReferenceField(
        label=_("Organiser in the directory"),
        help_text=_(
            "The name or the address of its profile, such as Polifactory. Its page will list "
            "the event."
        ),
    )

    class Meta:
        model = Event
        fields = [
            "name", "summary", "description", "all_day", "time_zone", "attendance", "venue",
            "address", "region", "country", "registration_url", "price", "organiser", "tags",
        ]  # fmt: skip
        labels = {
            "name": _("Title of the event"),
            "summary": _("One-line summary"),
            "description": _("Description"),
            "all_day": _("It runs whole days (no start or end time)"),
            "attendance": _("Online or in person"),
            "region": _("City"),
            "registration_url": _("Link to register"),
            "tags": _("Tagged under"),
        }
        help_texts = {
            "summary": _("At most 200 characters. Shown on cards and in calendars."),
            "description": _(
                "The programme, who it is for, how to take part. You can use Markdown: "
                "**bold**, *italic*, [links](https://example.org) and lists."
            ),
            "registration_url": _("Starting with https:// or http://"),
            "price": _('Free, or what it costs: "€20, students free".'),
            "tags": _("Topics, separated by commas: hackathon, open data"),
            "region": _("Needed for an event in person."),
            "country": _("Needed for an event in person."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "address": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.TextInput(attrs={"maxlength": 200}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["summary"].required = True
        self.fields["attendance"].choices = Attendance.choices
        event = self.instance
        if event.pk and event.starts_at and event.ends_at:
            self.initial.update(
                start_date=event.first_day,
                end_date=event.last_day if event.is_multi_day else None,
                start_time=None if event.all_day else event.local_start.time(),
                end_time=None if event.all_day else event.local_end.time(),
            )

    def clean(self):
        cleaned = super().clean()
        tz = zone(cleaned.get("time_zone") or "")
        first = cleaned.get("start_date")
        last = cleaned.get("end_date") or first
        all_day = cleaned.get("all_day")
        if not all_day:
            for name in ("start_time", "end_time"):
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(
                        name, _("Enter a time, or tick “It runs whole days” if it has none.")
                    )
        attendance = cleaned.get("attendance")
        if attendance in (Attendance.IN_PERSON, Attendance.BOTH):
            for name, message in (
                ("region", _("Say in which city it takes place.")),
                ("country", _("Say in which country it takes place.")),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        if (
            tz is None
            or first is None
            or self.has_error("start_time")
            or self.has_error("end_time")
        ):
            return cleaned
        if all_day:
            starts, ends = all_day_span(first, last, tz) if last >= first else (None, None)
        else:
            starts = datetime.datetime.combine(first, cleaned["start_time"], tzinfo=tz)
            ends = datetime.datetime.combine(last, cleaned["end_time"], tzinfo=tz)
        if starts is None or ends <= starts:
            field = "end_date" if cleaned.get("end_date") and last < first else "end_time"
            if all_day:
                field = "end_date"
            self.add_error(field, END_BEFORE_START)
            return cleaned
        self.instance.starts_at, self.instance.ends_at = starts, ends
        return cleaned
