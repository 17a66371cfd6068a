"""New alert, confirmation, the page of a person's alerts, one-click unsubscribe, and the feeds.
GET never changes anything (mail scanners open links); every POST is CSRF-checked except the
one-click unsubscribe of RFC 8058, which mail clients send without a token."""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from alerts.consent import CONSENT_TEXT, CONSENT_VERSION
from alerts.emails import queue_confirmation
from alerts.forms import AlertForm
from alerts.kinds import KINDS, clean_filters, describe
from alerts.models import Alert, Kind
from core.ratelimit import client_ip, over_limit

FORM_FIELDS = {"kind", "email", "frequency", "consent", "csrfmiddlewaretoken", "page"}


def _kind(value):
    return KINDS.get(value) or KINDS[Kind.ORGANISATIONS]


def _filters_of(data, kind):
    return clean_filters(kind, {k: data.get(k) for k in data if k not in FORM_FIELDS})


@require_http_methods(["GET", "HEAD", "POST"])
def new(request):
    data = request.POST if request.method == "POST" else request.GET
    kind = _kind(data.get("kind"))
    filters, dropped = _filters_of(data, kind)
    if request.method != "POST":
        form = AlertForm(initial={"kind": kind.name}, auto_id="alert-%s")
        return _new_page(request, form, kind, filters, dropped)

    if over_limit("alerts-ip", client_ip(request), *settings.ALERTS_RATE_LIMIT_PER_IP):
        return render(request, "alerts/rate_limited.html", status=429)
    form = AlertForm(request.POST, auto_id="alert-%s")
    if form.is_valid():
        email = form.cleaned_data["email"]
        active = Alert.objects.with_email(email).active()
        if over_limit("alerts-address", email.lower(), *settings.ALERTS_RATE_LIMIT_PER_ADDRESS):
            form.add_error(
                "email", _("This address has set up many alerts lately: try again in an hour")
            )
        elif active.count() >= settings.ALERTS_PER_ADDRESS:
            form.add_error(
                "email",
                _("This address has %(n)d alerts already: end some from any alert email")
                % {"n": settings.ALERTS_PER_ADDRESS},
            )
    if not form.is_valid():
        return _new_page(request, form, kind, filters, dropped)

    with transaction.atomic():
        _sign_up(request, form.cleaned_data, kind, filters)
    for name, value in dropped:
        messages.warning(
            request,
            _("We left out “%(name)s=%(value)s”: the list of %(many)s has no such filter.")
            % {"name": name, "value": value[:60], "many": kind.many},
        )
    # The same answer whether the address was new or had this alert already.
    return redirect("alerts:sent")


def _sign_up(request, data, kind, filters):
    """The pending alert for these filters, and its confirmation email. An address that has
    the same alert already gets no second row, and a new confirmation only when it is still
    pending and the last one went out longer than the cool-down ago."""
    same = (
        Alert.objects.with_email(data["email"])
        .active()
        .filter(kind=kind.name, filters=filters)
        .first()
    )
    if same is not None:
        if same.confirmation_due():
            queue_confirmation(same)
        return same
    alert = Alert.objects.create(
        email=data["email"],
        kind=kind.name,
        filters=filters,
        frequency=data["frequency"],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        user=request.user if request.user.is_authenticated else None,
        consent_text=_(CONSENT_TEXT),  # the wording the person was shown
        consent_version=CONSENT_VERSION,
    )
    queue_confirmation(alert)
    return alert


def _new_page(request, form, kind, filters, dropped):
    context = {
        "form": form,
        "kind": kind,
        "filters": filters,
        "described": describe(kind, filters),
        "dropped": dropped,
        "list_url": kind.list_path(filters),
    }
    return render(request, "alerts/new.html", context)


@require_GET
def sent(request):
    return render(request, "alerts/sent.html")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        alert = Alert.from_confirm_token(token)
    except signing.SignatureExpired:
        return _link_problem(request, expired=True)
    except (signing.BadSignature, Alert.DoesNotExist):
        return _link_problem(request)
    # Confirming twice (a second click) lands on the same page.
    if request.method == "POST" and (alert.confirm() or alert.status == Alert.Status.CONFIRMED):
        messages.success(request, _("Your alert is on. We’ll email you when new ones match."))
        return redirect("alerts:manage", token=alert.manage_token())
    return render(request, "alerts/confirm.html", _alert_context(alert))


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        anchor = Alert.from_manage_token(token)
    except (signing.BadSignature, Alert.DoesNotExist):
        return _link_problem(request, manage=True)
    alerts = Alert.objects.with_email(anchor.email).order_by("-created_at", "-id")
    if request.method == "POST":
        end = request.POST.get("end", "")
        chosen = alerts.active() if end == "all" else alerts.filter(pk=_int(end))
        ended = sum(alert.unsubscribe() for alert in chosen)
        if ended:
            messages.success(
                request,
                translation.ngettext("%(n)d alert ended.", "%(n)d alerts ended.", ended)
                % {"n": ended},
            )
        return redirect("alerts:manage", token=token)
    context = {
        "email": anchor.email,
        "alerts": [_alert_context(alert) for alert in alerts],
        "any_active": any(a.status != Alert.Status.UNSUBSCRIBED for a in alerts),
    }
    return render(request, "alerts/manage.html", context)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no CSRF token.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        alert = Alert.from_unsubscribe_token(token)
    except (signing.BadSignature, Alert.DoesNotExist):
        return _link_problem(request, unsubscribe=True)
    if request.method == "POST":
        alert.unsubscribe()
        return render(request, "alerts/unsubscribed.html", _alert_context(alert))
    return render(request, "alerts/unsubscribe.html", _alert_context(alert))


def _alert_context(alert):
    kind = KINDS[alert.kind]
    return {
        "alert": alert,
        "kind": kind,
        "described": describe(kind, alert.filters),
        "list_url": kind.list_path(alert.filters),
        "manage_url": alert.get_absolute_url(),
    }


def _link_problem(request, **context):
    return render(request, "alerts/link_problem.html", context, status=400)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
