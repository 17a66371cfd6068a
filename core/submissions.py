"""The submissions switch and the drafts that keep people's work while submissions are closed.

SiteSettings is one row edited in the admin; SUBMISSIONS_OPEN=false in the environment closes
submissions whatever the row says. Both are read through the cache for a few seconds at most,
so every web process and worker follows a change within seconds.

Below them, what the submission forms and views of organisations and projects share: the form
base (licence consent, honeypot, sections) and the steps of the create and edit views."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_object_or_404
from django.utils.html import format_html, mark_safe

from core.ratelimit import over_limit

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


RETRY_AFTER_SECONDS = 3600
SUBMISSIONS_PER_HOUR = 10
LICENCE = (
    "I confirm I may share this information and agree that it is published under the "
    "Creative Commons licence CC BY-NC-SA 4.0."
)
SCRIPTED_POST = "We could not accept this form. Please try again."
TOO_MANY = (
    "You have sent a lot of submissions in the last hour. "
    "Please wait a little and send this one again; nothing you typed is lost."
)


class SubmissionForm(forms.ModelForm):
    """What every submission form shares: sections, the licence consent (asked once, when a
    record is first sent), and a honeypot field that people never see and scripts fill in.
    Subclasses set `sections` and their Meta."""

    sections = []

    licence = forms.BooleanField(
        label=LICENCE,
        required=True,
        error_messages={"required": "Tick the box to agree to publish under CC BY-NC-SA 4.0."},
    )
    # Hidden from people, filled in by scripts: any value means the post is not a person's.
    contact_url = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["licence"]  # agreed when it was first submitted

    @property
    def bot_filled_honeypot(self):
        return bool(self.data.get("contact_url"))

    def fieldsets(self):
        for title, names in self.sections:
            yield title, [self[name] for name in names if name in self.fields]


def refuse_scripted(form):
    """True, with a message on the form, when the honeypot was filled in (answer 400)."""
    if not form.bot_filled_honeypot:
        return False
    form.add_error(None, SCRIPTED_POST)
    return True


def refuse_too_many(user, form):
    """True, with a message on the form, when the person is over the hourly limit (429)."""
    if allow_submission(user):
        return False
    form.add_error(None, TOO_MANY)
    return True


def possible_duplicates(request, queryset, form):
    """Up to five records the person may be about to duplicate ("Is this yours?"), unless they
    have said already that none of them is theirs."""
    if request.POST.get("not_a_duplicate"):
        return []
    name, website = form.cleaned_data["name"], form.cleaned_data.get("website", "")
    return list(queryset.visible_to(request.user).similar_to(name, website)[:5])


def editable_record(queryset, user, slug):
    """The record a person asks to change: 404 when they may not even see it, 403 when they
    see it (published) but are neither its owner, one of its editors, nor staff."""
    record = get_object_or_404(queryset.visible_to(user), slug=slug)
    if not record.can_edit(user):
        raise PermissionDenied
    return record


def save_submission(request, form, draft):
    """A new record from the signed-in person: theirs, pending, their draft of it gone."""
    with transaction.atomic():
        record = form.save(commit=False)
        record.submit(by=request.user)
        record.save()
        form.save_m2m()
        SubmissionDraft.discard(request.user, draft)
    messages.success(request, f"Thank you: {record.name} is waiting for approval.")
    return record


def save_changes(request, form, reviewed_before):
    """An edit by an owner, editor or staff member; a published record whose reviewed fields
    changed stays visible and goes back to the reviewers."""
    with transaction.atomic():
        record = form.save(commit=False)
        record.changed_by_owner(request.user, reviewed_before)
        record.save()
        form.save_m2m()
    if record.awaiting_review:
        messages.success(
            request, "Saved. A reviewer will look at the changes; the page stays visible meanwhile."
        )
    else:
        messages.success(request, "Saved.")
    return record


def resume_draft(request, draft, form_class, render_form):
    """The empty form, or the one a person started while submissions were closed."""
    initial = SubmissionDraft.take(request.user, draft)
    return render_form(request, form_class(initial=initial), resumed=initial is not None)


def keep_draft_while_closed(request, draft, form_class, render_form):
    """A form opened before submissions closed and sent after: keep everything as the person's
    draft and give the form back, filled in, with the message (503, Retry-After)."""
    SubmissionDraft.keep(request.user, draft, request.POST)
    form = form_class(initial=SubmissionDraft.take(request.user, draft))
    response = render_form(request, form, status=503, closed=True)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def allow_submission(user):
    """A per-person limit on new submissions."""
    return not over_limit("submissions", user.pk, SUBMISSIONS_PER_HOUR, 3600)
