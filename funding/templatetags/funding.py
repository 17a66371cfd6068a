from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def closes_in(opportunity, now):
    """ "Closes in 12 days", "Closes in less than a day", "Closed"."""
    if not opportunity.is_open(now):
        return _("Closed")
    if (opportunity.closes_at - now).total_seconds() < 86400:
        return _("Closes in less than a day")
    days = opportunity.days_left(now)
    return ngettext("Closes in %(days)d day", "Closes in %(days)d days", days) % {"days": days}
