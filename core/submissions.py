"""The submissions switch and the drafts that keep people's work while submissions are closed.

SiteSettings is one row edited in the admin; SUBMISSIONS_OPEN=false in the environment closes
submissions whatever the row says. Both are read through the cache for a few seconds at most,
so every web process and worker follows a change within seconds."""

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils.html import format_html, mark_safe

CACHE_KEY = "site-settings:v1"
CACHE_SECONDS = 5

DEFAULT_CLOSED_MESSAGE = (
    "Thank you for your interest in joining Europe's network of digital social innovation. "
    "We regret to inform you that, due to a technical issue, we can't currently accept new "
    "projects and organisations. We're working as quickly as we can to get this fixed and look "
    "forward to seeing your work on the platform soon! In the meantime, please do sign up to our "
    "newsletter through the homepage, and if you have any questions drop us a line at "
    "{contact_email}."
)


class SiteSettings(models.Model):
    submissions_open = models.BooleanField(
        default=True,
        help_text="Untick to close every submission form at once. Browsing, search and "
        "newsletter sign-ups go on working. SUBMISSIONS_OPEN=false in the environment wins.",
    )
    closed_message = models.TextField(
        default=DEFAULT_CLOSED_MESSAGE,
        help_text="Shown instead of every submission form while they are closed. "
        "{contact_email} becomes a link to the contact address.",
    )
    contact_email = models.EmailField(default="hello@digitalsocial.eu")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_one_row")
        ]

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(CACHE_KEY)  # this process and every other sharing the cache see it now

    @classmethod
    def current(cls):
        site = cache.get(CACHE_KEY)
        if site is None:
            site, _ = cls.objects.get_or_create(pk=1)
            cache.set(CACHE_KEY, site, CACHE_SECONDS)
        return site

    @property
    def accepting_submissions(self):
        return self.submissions_open and settings.SUBMISSIONS_OPEN

    def closed_message_html(self):
        """The message, escaped, with the contact address as a mailto link."""
        link = format_html('<a href="mailto:{0}">{0}</a>', self.contact_email)
        parts = [format_html("{}", part) for part in self.closed_message.split("{contact_email}")]
        return mark_safe(link.join(parts))  # noqa: S308 - every part is escaped above


class SubmissionDraft(models.Model):
    """What a signed-in person typed into a submission form that could not be accepted
    (submissions were closed), kept so they can finish it later."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    form = models.CharField(max_length=50)
    data = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "form"], name="one_draft_per_form")]

    def __str__(self):
        return f"{self.form} draft of {self.user}"

    @classmethod
    def keep(cls, user, form, post_data):
        data = {key: post_data.getlist(key) for key in post_data if key != "csrfmiddlewaretoken"}
        cls.objects.update_or_create(user=user, form=form, defaults={"data": data})

    @classmethod
    def take(cls, user, form):
        """The saved values as initial form data, or None."""
        draft = cls.objects.filter(user=user, form=form).first()
        if draft is None:
            return None
        return {key: values if len(values) > 1 else values[0] for key, values in draft.data.items()}

    @classmethod
    def discard(cls, user, form):
        cls.objects.filter(user=user, form=form).delete()


def submission_entry_point(view):
    """Marks a view as a way in for new submissions: the switch middleware closes it."""
    view.submission_entry_point = True
    return view


SUBMISSIONS_PER_HOUR = 10


def allow_submission(user):
    """A per-person limit on new submissions, counted in the shared cache. With the cache
    down the limit is off for the moment rather than the form broken."""
    from django.utils import timezone

    from core.cache import REDIS_DOWN

    key = f"submissions:{user.pk}:{timezone.now():%Y%m%d%H}"
    try:
        cache.add(key, 0, 3600)
        return cache.incr(key) <= SUBMISSIONS_PER_HOUR
    except (*REDIS_DOWN, ValueError):
        return True
