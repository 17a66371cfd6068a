from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def closes_in(opportunity, now):
    """What a card says of its closing: in 12 days, tomorrow, today, or closed."""
    if not opportunity.is_open(now):
        return _("Closed")
    days = opportunity.days_left(now)
    if days == 0:
        return _("Closes today")
    if days == 1:
        return _("Closes tomorrow")
    return ngettext("Closes in %(days)d day", "Closes in %(days)d days", days) % {"days": days}
