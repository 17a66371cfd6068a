from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.mail import EmailMessage
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, InvitationForm, ProfileForm
from accounts.models import Invitation
from mail import outbox


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """The person goes; what they added to the directory stays, in the care of staff."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()  # owner and created_by are SET_NULL: records stay, staff manage them
        messages.success(request, "Your account is deleted. Thank you for taking part.")
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})


def invite_editor(request, record):
    """POST from a record's edit page: invite someone to edit it too. The caller checks that
    request.user may edit the record."""
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter a valid email address to send an invitation.")
        return redirect(record.get_edit_url())
    invitation = Invitation.objects.create(
        record=record, email=form.cleaned_data["email"], invited_by=request.user
    )
    context = {"invitation": invitation, "record": record, "site_url": settings.SITE_URL}
    outbox.queue(
        EmailMessage(
            f"You are invited to edit {record} in the DSI Directory",
            render_to_string("accounts/invitation_email.txt", context),
            to=[invitation.email],
        )
    )
    messages.success(request, f"Invitation sent to {invitation.email}.")
    return redirect(record.get_edit_url())


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    invitation = get_object_or_404(Invitation, token=token)
    problem = None
    if not invitation.is_open:
        problem = "This invitation has been used already or is too old. Ask for a new one."
    elif invitation.email.lower() != request.user.email.lower():
        problem = (
            "This invitation was sent to another email address. Sign in with that address "
            "to accept it."
        )
    if request.method == "POST" and problem is None and invitation.accept(request.user):
        messages.success(request, f"You can now edit {invitation.record}.")
        return redirect(invitation.record.get_edit_url())
    return render(
        request, "accounts/invitation.html", {"invitation": invitation, "problem": problem}
    )
