from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from accounts.forms import DeleteAccountForm, ProfileForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your profile is saved."))
        return redirect("accounts:profile")
    context = {"form": form, **your_records(request.user)}
    return render(request, "accounts/profile.html", context)


def your_records(user):
    """What a person owns (with where it stands in moderation), helps edit, and has claimed,
    read through the relations the record apps declare on the user (accounts imports none of
    them): every model with an `owner` and `members` pointing here, and the claims."""
    owned, co_edited = [], []
    for relation in user._meta.related_objects:
        model, field = relation.related_model, relation.field
        if not hasattr(model, "get_edit_url"):
            continue
        if field.name == "owner":
            rows = model._default_manager.filter(owner=user)
            owned += [(row, row.created_by_id == user.pk) for row in rows.only(*RECORD_FIELDS)]
        elif field.name == "members" and relation.many_to_many:
            co_edited += list(model._default_manager.filter(members=user).only(*RECORD_FIELDS))
    claims = []
    if hasattr(user, "claims"):
        claims = list(user.claims.prefetch_related("record").order_by("-created_at")[:50])
    return {
        "owned": sorted(owned, key=lambda pair: pair[0].name.lower()),
        "co_edited": sorted(co_edited, key=lambda record: record.name.lower()),
        "claims": claims,
    }


RECORD_FIELDS = ("slug", "name", "status", "review_requested_at", "created_by", "owner")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request):
    """The person goes; what they added to the directory stays, in the care of staff."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()  # owner and created_by are SET_NULL: records stay, staff manage them
        messages.success(request, gettext("Your account is deleted. Thank you for taking part."))
        return redirect("home")
    return render(request, "accounts/delete.html", {"form": form})


# allauth's own limits (sign-in, sign-up, password reset) last five minutes at most.
RETRY_AFTER_SECONDS = 300


def too_many_attempts(request):
    """allauth's 429 (it looks for `handler429` in the root URLconf): the site's layout, and
    when to try again."""
    context = {"retry_minutes": RETRY_AFTER_SECONDS // 60}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
