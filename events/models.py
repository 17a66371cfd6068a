"""Events of the community (meet-ups, hackathons, conferences): submitted by signed-in people,
moderated like organisations, and kept in the time zone their organisers give."""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.fields import RichTextField, WebAddressField, one_line, validate_time_zone
from core.models import PublicEntity
from core.search import SearchableQuerySet
from core.tagging import card_tag_names
from core.text import plain_text
from core.timezones import zone
from submissions.models import Submittable, SubmittableQuerySet

END_BEFORE_START = _("The end must be after the start.")


class Attendance(models.TextChoices):
    IN_PERSON = "in-person", _("In person")
    ONLINE = "online", _("Online")
    BOTH = "both", _("Online and in person")


class TaggedEvent(TaggedItemBase):
    content_object = models.ForeignKey(
        "Event", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_event_tag")
        ]


# How long an event lasts: its longest is read from an index of this (event_length_idx).
LENGTH = models.ExpressionWrapper(
    models.F("ends_at") - models.F("starts_at"), output_field=models.DurationField()
)


class EventQuerySet(SearchableQuerySet, SubmittableQuerySet):
    def upcoming(self, now=None):
        """Not over yet (those in progress included), soonest first.

        Nothing still on can have started longer ago than the longest event lasts: with that
        bound the (status, starts_at) index starts near now instead of reading every past
        event before the first upcoming one."""
        now = now or timezone.now()
        longest = self.model.objects.order_by(LENGTH.desc()).values(length=LENGTH)[:1]
        earliest = models.ExpressionWrapper(
            models.Value(now) - models.Subquery(longest),
            output_field=models.DateTimeField(),
        )
        return self.filter(ends_at__gt=now, starts_at__gte=earliest).order_by("starts_at", "id")

    def past(self, now=None):
        """Over, the latest first. (Over means started before now too: the index skips every
        event still to come.)"""
        now = now or timezone.now()
        return self.filter(ends_at__lte=now, starts_at__lt=now).order_by("-starts_at", "-id")

    def for_listing(self):
        """What a card shows: its times and place, the organiser's name, and its tag chips
        (names, in the same query)."""
        return (
            self.select_related("organiser")
            .only(
                "slug", "name", "summary", "starts_at", "ends_at", "all_day", "time_zone",
                "attendance", "venue", "region", "country", "price",
                "organiser__slug", "organiser__name",
            )
            .annotate(card_tags=card_tag_names(self.model))
        )  # fmt: skip

    def for_calendar(self):
        """What an iCalendar or RSS entry says about an event."""
        return self.only(
            "slug", "name", "summary", "description", "starts_at", "ends_at", "all_day",
            "time_zone", "attendance", "venue", "address", "region", "country",
            "registration_url", "created_at", "updated_at",
        )  # fmt: skip

    def for_page(self):
        return self.select_related("organiser").prefetch_related("tags")


class Event(Submittable, PublicEntity):
    name = models.CharField(_("title"), max_length=200, validators=[one_line])
    summary = models.CharField(
        _("one-line summary"),
        max_length=200,
        blank=True,
        validators=[one_line],
        help_text=_("At most 200 characters."),
    )
    description = RichTextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(
        _("ends"), help_text=_("For an all-day event: midnight after its last day.")
    )
    all_day = models.BooleanField(_("all day"), default=False)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Europe/Brussels",
        validators=[validate_time_zone],
        help_text=_("The time zone the times are given in, such as Europe/Rome."),
    )
    attendance = models.CharField(
        _("online or in person"), max_length=16, choices=Attendance, default=Attendance.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True, validators=[one_line])
    address = models.TextField(_("address"), blank=True)
    region = models.CharField(_("city"), max_length=120, blank=True, validators=[one_line])
    country = CountryField(_("country"), blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    registration_url = WebAddressField(_("link to register"), blank=True)
    price = models.CharField(
        _("price"), max_length=100, blank=True, validators=[one_line], help_text=_('Or "Free".')
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organiser"),
    )
    tags = TaggableManager(
        _("tags"),
        through=TaggedEvent,
        blank=True,
        related_name="events",
        help_text=_("Topics, separated by commas."),
    )
    # Kept current by the triggers of events/migrations/0002_search.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EventQuerySet.as_manager()

    reviewed_fields = ("name", "summary", "description")
    reserved_slugs = PublicEntity.reserved_slugs | {"past"}  # /events/past/

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        permissions = [("moderate_event", "Can approve and reject events")]
        indexes = [
            # Upcoming: published rows not over yet, soonest first; past: the other way.
            models.Index(fields=["status", "starts_at", "id"], name="event_listing_idx"),
            models.Index(fields=["status", "ends_at"], name="event_ends_idx"),
            models.Index(fields=["status", "country", "starts_at"], name="event_country_idx"),
            models.Index(LENGTH.expression, name="event_length_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=END_BEFORE_START,
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="event_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="event_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def get_ics_url(self):
        return reverse("events:ics", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": END_BEFORE_START})

    # --- times as the organisers gave them -------------------------------------------------

    @property
    def zone(self):
        return zone(self.time_zone) or timezone.get_default_timezone()

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def first_day(self):
        return self.local_start.date()

    @property
    def last_day(self):
        """The last day it runs (an all-day event ends at the midnight after it)."""
        end = self.local_end
        if self.all_day or (end.time() == datetime.time(0) and end.date() > self.first_day):
            return end.date() - datetime.timedelta(days=1)
        return end.date()

    @property
    def is_multi_day(self):
        return self.last_day > self.first_day

    def in_progress(self, now=None):
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

    @property
    def is_online(self):
        return self.attendance in (Attendance.ONLINE, Attendance.BOTH)

    @property
    def is_in_person(self):
        return self.attendance in (Attendance.IN_PERSON, Attendance.BOTH)

    @property
    def place(self):
        """ "Venue, City, Country" as far as known; "Online" for an online-only event."""
        country = self.country.name if self.country else ""
        parts = [p for p in (self.venue, self.region, country) if p]
        if self.attendance == Attendance.ONLINE:
            return str(_("Online"))
        return ", ".join(parts)

    @property
    def location(self):
        """One line for calendars: the place and its address, or online."""
        if self.attendance == Attendance.ONLINE:
            return str(_("Online"))
        parts = [self.venue, " ".join(self.address.split()), self.region]
        parts.append(self.country.name if self.country else "")
        text = ", ".join(p for p in parts if p)
        if self.attendance == Attendance.BOTH:
            text = f"{text} ({_('and online')})" if text else str(_("Online"))
        return text

    @property
    def card_text(self):
        if self.summary:
            return self.summary
        text = plain_text(self.description)
        return text[:197] + "…" if len(text) > 200 else text


def all_day_span(first_day, last_day, tz):
    """starts_at and ends_at of an event that runs whole days from first_day to last_day in the
    time zone tz: from its first midnight to the midnight after its last day."""
    start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=tz)
    end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=tz
    )
    return start, end
