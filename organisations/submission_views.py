"""Adding and editing organisations: signed-in people, their own records, reviewed by staff."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import InvitationForm
from accounts.views import invite_editor
from core.submissions import SiteSettings, SubmissionDraft, allow_submission, submission_entry_point
from organisations.forms import OrganisationForm
from organisations.models import Organisation

DRAFT = "organisation"


def render_form(request, form, status=200, **extra):
    context = {"form": form, "site": SiteSettings.current(), **extra}
    return render(request, "organisations/form.html", context, status=status)


@submission_entry_point
@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if request.method != "POST":
        draft = SubmissionDraft.take(request.user, DRAFT)
        return render_form(request, OrganisationForm(initial=draft), resumed=draft is not None)

    if request.submissions_closed:
        # Closed between opening the form and sending it: keep everything, lose nothing.
        SubmissionDraft.keep(request.user, DRAFT, request.POST)
        form = OrganisationForm(initial=SubmissionDraft.take(request.user, DRAFT))
        response = render_form(request, form, status=503, closed=True)
        response["Retry-After"] = "3600"
        return response

    form = OrganisationForm(request.POST, request.FILES)
    if form.bot_filled_honeypot:
        form.add_error(None, "We could not accept this form. Please try again.")
        return render_form(request, form, status=400)
    if not form.is_valid():
        return render_form(request, form)
    duplicates = Organisation.objects.visible_to(request.user).similar_to(
        form.cleaned_data["name"], form.cleaned_data["website"]
    )[:5]
    if duplicates and not request.POST.get("not_a_duplicate"):
        return render_form(request, form, duplicates=duplicates)
    if not allow_submission(request.user):
        form.add_error(
            None,
            "You have sent a lot of submissions in the last hour. "
            "Please wait a little and send this one again; nothing you typed is lost.",
        )
        return render_form(request, form, status=429)

    with transaction.atomic():
        organisation = form.save(commit=False)
        organisation.submit(by=request.user)
        organisation.save()
        form.save_m2m()
        SubmissionDraft.discard(request.user, DRAFT)
    messages.success(request, f"Thank you: {organisation.name} is waiting for approval.")
    return redirect(organisation)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    if not organisation.can_edit(request.user):
        raise PermissionDenied
    reviewed_before = organisation.reviewed_values()
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.bot_filled_honeypot:
        form.add_error(None, "We could not accept this form. Please try again.")
        return render_form(request, form, status=400, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save(commit=False)
            organisation.changed_by_owner(request.user, reviewed_before)
            organisation.save()
            form.save_m2m()
        if organisation.awaiting_review:
            messages.success(
                request,
                "Saved. A reviewer will look at the changes; the profile stays visible meanwhile.",
            )
        else:
            messages.success(request, "Saved.")
        return redirect(organisation)
    return render_form(
        request,
        form,
        organisation=organisation,
        editors=organisation.members.all(),
        invitation_form=InvitationForm(),
    )


@login_required
@require_POST
def organisation_invite(request, slug):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)
    if not organisation.can_edit(request.user):
        raise PermissionDenied
    return invite_editor(request, organisation)
