"""Sign-up, confirmation and unsubscribe. GET never changes anything (mail scanners open links);
every POST is CSRF-checked except the one-click unsubscribe of RFC 8058, which mail clients send
without a token."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from core.ratelimit import client_ip, over_limit
from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from newsletter.emails import queue_confirmation
from newsletter.forms import SubscribeForm
from newsletter.models import Subscriber
from newsletter.providers import list_provider_enabled
from newsletter.tasks import sync_subscriber


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")  # htmx gets the form alone
def subscribe(request):
    if request.method != "POST":
        form = SubscribeForm(initial={"source": Subscriber.Source.PAGE})
        return render(request, "newsletter/subscribe.html", {"newsletter_form": form})

    form = SubscribeForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return _partial(request, form)
        return render(request, "newsletter/subscribe.html", {"newsletter_form": form})

    # Only real sign-ups count against the limit: a typo corrected costs nothing. Over it, the
    # form stays, with what was typed and a message saying when to try again.
    if _rate_limited(request):
        if request.htmx:
            # htmx swaps only 2xx answers: the form comes back, with the message, as a 200.
            return _partial(request, form, rate_limited=True)
        context = {"newsletter_form": form, "signup_rate_limited": True}
        return render(request, "newsletter/subscribe.html", context, status=429)

    # The sign-up and its confirmation email are stored together; the email is sent once they
    # are committed (with the broker down, the outbox's requeue task sends it later).
    with transaction.atomic():
        subscriber, due = Subscriber.objects.sign_up(
            form.cleaned_data["email"],
            source=form.cleaned_data["source"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
            consent_text=gettext(CONSENT_TEXT),  # the wording the person was shown
            consent_version=CONSENT_VERSION,
        )
        if due:
            queue_confirmation(subscriber)
    # The same answer whether the address was new, pending or confirmed: nothing to enumerate.
    if request.htmx:
        return _partial(request, form, done=True, email=form.cleaned_data["email"])
    return redirect("newsletter:thanks")


def _partial(request, form, **context):
    """The form alone, for htmx to swap in place of the one that was posted (its id is the
    request's HX-Target, so the footer and the home page form each get theirs back)."""
    context = {"bound": form, "form_id": request.htmx.target, **context}
    return render(request, "newsletter/form.html#form", context)


@require_GET
def thanks(request):
    return render(request, "newsletter/thanks.html")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        pk = Subscriber.pk_from_confirm_token(token)
    except signing.SignatureExpired:
        return _link_problem(request, expired=True)
    except signing.BadSignature:
        return _link_problem(request)
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        return _link_problem(request)
    if request.method == "POST":
        if subscriber.confirm() and list_provider_enabled():
            sync_subscriber.delay_on_commit(subscriber.pk)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return redirect("newsletter:confirmed")
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@require_GET
def confirmed(request):
    return render(request, "newsletter/confirmed.html")


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no CSRF token.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        pk = Subscriber.pk_from_unsubscribe_token(token)
    except signing.BadSignature:
        return _link_problem(request, unsubscribe=True)
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        return _link_problem(request, unsubscribe=True)
    if request.method == "POST":
        if subscriber.unsubscribe() and list_provider_enabled():
            sync_subscriber.delay_on_commit(subscriber.pk)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


def _link_problem(request, *, expired=False, unsubscribe=False):
    context = {
        "expired": expired,
        "unsubscribe": unsubscribe,
        "newsletter_form": SubscribeForm(initial={"source": Subscriber.Source.PAGE}),
    }
    return render(request, "newsletter/link_problem.html", context, status=400)


def _rate_limited(request):
    """At most NEWSLETTER_RATE_LIMIT[0] sign-ups per IP address per window."""
    limit, window = settings.NEWSLETTER_RATE_LIMIT
    return over_limit("newsletter-signup", client_ip(request), limit, window)
