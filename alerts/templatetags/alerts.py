"""What other pages show of alerts, without importing this app: the "Email me when new ones
match" form of a list page, and a signed-in person's alerts on their profile."""

from django import template
from django.utils.translation import get_language

from alerts.forms import AlertForm
from alerts.kinds import KINDS, describe
from alerts.models import Alert

register = template.Library()


# A blank form is the same HTML on every list of a kind, in a language: rendered once per
# process (a tenth of a list page's rendering otherwise). It holds no CSRF token: the page's
# {% csrf_token %} is beside it.
_blank_forms = {}


@register.simple_tag
def alert_form(kind):
    """A blank form for the list `kind` (its filters are the page's, as hidden inputs), as HTML."""
    key = (kind, get_language())
    if key not in _blank_forms:
        _blank_forms[key] = AlertForm(initial={"kind": kind}, auto_id="alert-%s").render()
    return _blank_forms[key]


@register.simple_tag
def alerts_of(user):
    """The alerts of the person's address (pending or on), each with its words and links."""
    if not user.is_authenticated:
        return []
    alerts = Alert.objects.with_email(user.email).active().order_by("-created_at")
    return [
        {
            "alert": alert,
            "kind": KINDS[alert.kind],
            "described": describe(KINDS[alert.kind], alert.filters),
            "list_url": KINDS[alert.kind].list_path(alert.filters),
            "manage_url": alert.get_absolute_url(),
        }
        for alert in alerts
    ]
