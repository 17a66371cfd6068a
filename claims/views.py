"""The claim page of an owner-less published organisation or project."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from claims.forms import ClaimForm
from claims.models import Claim, ClaimError
from core.ratelimit import over_limit

# What can be claimed, by the first part of its address: /claims/organisations/<slug>/.
CLAIMABLE = {"organisations": "organisations.Organisation", "projects": "projects.Project"}
CLAIMS_PER_HOUR = 10
TOO_MANY = _("You have sent a lot of claims in the last hour. Please wait a little and try again.")


def claimable_model(kind):
    if kind not in CLAIMABLE:
        raise Http404
    return apps.get_model(CLAIMABLE[kind])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim(request, kind, slug):
    record = get_object_or_404(claimable_model(kind).objects.published(), slug=slug)
    mine = Claim.objects.for_record(record).filter(user=request.user).first()
    context = {"record": record, "kind": record._meta.verbose_name, "mine": mine}
    if record.owner_id is not None:
        context["owned_by_you"] = record.owner_id == request.user.pk
        return render(request, "claims/claim.html", context)
    form = ClaimForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if over_limit("claims", request.user.pk, CLAIMS_PER_HOUR, 3600):
            form.add_error(None, TOO_MANY)
            status = 429
        else:
            try:
                with transaction.atomic():
                    claimed = Claim.ask(request.user, record, form.cleaned_data["note"])
            except ClaimError as error:
                form.add_error(None, str(error))
            else:
                if claimed.status == Claim.Status.GRANTED:
                    messages.success(
                        request,
                        gettext(
                            "“%(record)s” is yours now: complete its profile and invite the "
                            "people you work with."
                        )
                        % {"record": record},
                    )
                    return redirect(record.get_edit_url())
                messages.success(
                    request,
                    gettext(
                        "Thank you. The DSI Directory team will look at your claim and email you."
                    ),
                )
                return redirect(record.get_absolute_url())
    context["form"] = form
    return render(request, "claims/claim.html", context, status=status)
