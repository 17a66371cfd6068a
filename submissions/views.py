"""The pages every record people submit has (organisations, projects): add, edit, and invite a
co-editor; and the page where an invited person accepts. Each app wires them into its own URLs
with `submissions.urls.submission_urls()`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views import View
from django.views.decorators.http import require_http_methods
from django.views.generic import CreateView, UpdateView

from core.ratelimit import over_limit
from mail import outbox
from submissions.forms import SCRIPTED_POST, TOO_MANY, InvitationForm
from submissions.models import Invitation, SiteSettings, SubmissionDraft
from submissions.switch import RETRY_AFTER_SECONDS

SUBMISSIONS_PER_HOUR = 10


def editable_record(model, user, slug):
    """The record a person asks to change: 404 when they may not even see it, 403 when they
    see it (published) but are neither its owner, one of its editors, nor staff."""
    record = get_object_or_404(model.objects.visible_to(user), slug=slug)
    if not record.can_edit(user):
        raise PermissionDenied
    return record


class SubmissionFormMixin(LoginRequiredMixin):
    """What the add and edit pages share: the one form template, its context, the honeypot."""

    template_name = "submissions/form.html"
    http_method_names = ["get", "post", "head", "options"]
    lede = ""

    def get_context_data(self, **kwargs):
        context = {
            "kind": self.model._meta.verbose_name,  # "organisation", "project"
            "lede": self.lede,
            "site": SiteSettings.current(),
            "record": self.object,
        }
        return super().get_context_data(**context, **kwargs)

    def render_form(self, form, status=200, **extra):
        return self.render_to_response(self.get_context_data(form=form, **extra), status=status)

    def refuse_scripted(self, form):
        """The form back with a message (400) when the honeypot was filled in, else None."""
        if not form.bot_filled_honeypot:
            return None
        form.add_error(None, SCRIPTED_POST)
        return self.render_form(form, status=400)


class SubmissionCreateView(SubmissionFormMixin, CreateView):
    """A new record from a signed-in person: theirs, pending until a reviewer approves it. While
    submissions are closed (submission_entry_point), what they send is kept as a draft."""

    @property
    def draft_name(self):
        return self.model._meta.model_name

    def get(self, request, *args, **kwargs):
        self.object = None
        initial = SubmissionDraft.take(request.user, self.draft_name)
        return self.render_form(self.form_class(initial=initial), resumed=initial is not None)

    def post(self, request, *args, **kwargs):
        self.object = None
        if request.submissions_closed:
            return self.keep_draft()
        form = self.get_form()
        if refused := self.refuse_scripted(form):
            return refused
        if not form.is_valid():
            return self.form_invalid(form)
        if duplicates := self.possible_duplicates(form):
            return self.render_form(form, duplicates=duplicates)
        if over_limit("submissions", request.user.pk, SUBMISSIONS_PER_HOUR, 3600):
            form.add_error(None, TOO_MANY)
            return self.render_form(form, status=429)
        return self.form_valid(form)

    def keep_draft(self):
        """A form opened before submissions closed and sent after: keep everything as the
        person's draft and give the form back, filled in, with the message (503)."""
        SubmissionDraft.keep(self.request.user, self.draft_name, self.request.POST)
        form = self.form_class(initial=SubmissionDraft.take(self.request.user, self.draft_name))
        response = self.render_form(form, status=503, closed=True)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    def possible_duplicates(self, form):
        """Up to five records the person may be about to duplicate ("Is this yours?"), unless
        they have said already that none of them is theirs."""
        if self.request.POST.get("not_a_duplicate"):
            return []
        name, website = form.cleaned_data["name"], form.cleaned_data.get("website", "")
        similar = self.model.objects.visible_to(self.request.user).similar_to(name, website)
        return list(similar[:5])

    def form_valid(self, form):
        with transaction.atomic():
            self.object = form.save(commit=False)
            self.object.submit(by=self.request.user)
            self.object.save()
            form.save_m2m()
            SubmissionDraft.discard(self.request.user, self.draft_name)
        messages.success(
            self.request,
            gettext("Thank you: %(name)s is waiting for approval.") % {"name": self.object.name},
        )
        return redirect(self.object)


class SubmissionUpdateView(SubmissionFormMixin, UpdateView):
    """An edit by the owner, an editor or staff. A published record whose reviewed fields
    changed stays visible and goes back to the reviewers."""

    def get_object(self, queryset=None):
        return editable_record(self.model, self.request.user, self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        editors = {"editors": self.object.members.all(), "invitation_form": InvitationForm()}
        return super().get_context_data(**editors, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.reviewed_before = self.object.reviewed_values()  # as stored, before the form
        form = self.get_form()
        if refused := self.refuse_scripted(form):
            return refused
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        with transaction.atomic():
            self.object = form.save(commit=False)
            self.object.changed_by_owner(self.request.user, self.reviewed_before)
            self.object.save()
            form.save_m2m()
        if self.object.awaiting_review:
            messages.success(
                self.request,
                gettext(
                    "Saved. A reviewer will look at the changes; the page stays visible meanwhile."
                ),
            )
        else:
            messages.success(self.request, gettext("Saved."))
        return redirect(self.object)


# Invitations are emails we send on someone's word: kept few, and only for what is public.
INVITATIONS_PER_PERSON_DAY = 20
INVITATIONS_PER_RECORD_DAY = 10
INVITATIONS_PER_ADDRESS_DAY = 3
DAY = 24 * 60 * 60


class InviteView(LoginRequiredMixin, View):
    """POST from a record's edit page: invite someone to edit it too. Only for a published
    record (its name has been reviewed), within daily limits per person, record and address,
    and once per address and record while an invitation is open."""

    http_method_names = ["post"]
    model = None

    def post(self, request, slug):
        record = editable_record(self.model, request.user, slug)
        form = InvitationForm(request.POST)
        if not form.is_valid():
            return self.refuse(
                record, gettext("Enter a valid email address to send an invitation.")
            )
        email = form.cleaned_data["email"].lower()
        if not record.is_published:
            return self.refuse(
                record,
                gettext("You can invite people to edit %(record)s once it is published.")
                % {"record": record},
            )
        if record.invitations().open().filter(email__iexact=email).exists():
            return self.refuse(
                record,
                gettext("%(email)s is invited already; the invitation still works.")
                % {"email": email},
            )
        if self.over_limits(record, email):
            return self.refuse(
                record,
                gettext("You have sent a lot of invitations today. Please try again tomorrow."),
            )
        with transaction.atomic():
            invitation = Invitation.objects.create(
                record=record, email=email, invited_by=request.user
            )
            try:
                outbox.queue(invitation.email_message())
            except ValueError:  # a header that cannot be sent
                transaction.set_rollback(True)
                return self.refuse(
                    record, gettext("We could not send this invitation. Please try again.")
                )
        messages.success(request, gettext("Invitation sent to %(email)s.") % {"email": email})
        return redirect(record.get_edit_url())

    def over_limits(self, record, email):
        label = record._meta.label_lower
        return any(
            [
                over_limit("invitations-by", self.request.user.pk, INVITATIONS_PER_PERSON_DAY, DAY),
                over_limit(
                    "invitations-for", f"{label}:{record.pk}", INVITATIONS_PER_RECORD_DAY, DAY
                ),
                over_limit("invitations-to", email, INVITATIONS_PER_ADDRESS_DAY, DAY),
            ]
        )

    def refuse(self, record, message):
        messages.error(self.request, message)
        return redirect(record.get_edit_url())


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def accept_invitation(request, token):
    invitation = get_object_or_404(Invitation, token=token)
    problem = None
    if not invitation.is_open:
        problem = gettext("This invitation has been used already or is too old. Ask for a new one.")
    elif invitation.email.lower() != request.user.email.lower():
        problem = gettext(
            "This invitation was sent to another email address. Sign in with that address "
            "to accept it."
        )
    if request.method == "POST" and problem is None and invitation.accept(request.user):
        messages.success(
            request, gettext("You can now edit %(record)s.") % {"record": invitation.record}
        )
        return redirect(invitation.record.get_edit_url())
    return render(
        request, "submissions/invitation.html", {"invitation": invitation, "problem": problem}
    )
