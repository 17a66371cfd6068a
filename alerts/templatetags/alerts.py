"""What other pages show of alerts, without importing this app: the "Email me when new ones
match" form of a list page, and a signed-in person's alerts on their profile."""

from django import template

from alerts.forms import AlertForm
from alerts.kinds import KINDS, describe
from alerts.models import Alert

register = template.Library()


@register.simple_tag
def alert_form(kind):
    """A blank form for the list `kind` (its filters are the page's, as hidden inputs)."""
    return AlertForm(initial={"kind": kind}, auto_id="alert-%s")


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
