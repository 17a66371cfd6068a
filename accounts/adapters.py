from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from core.ratelimit import already_over, client_ip, over_limit
from mail import outbox

# Besides allauth's limits per address and per (address, account): a backstop per account,
# so that many addresses together still cannot try more than this many passwords an hour.
FAILED_LOGINS_PER_ACCOUNT_HOUR = 100


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) go through the outbox and Celery, so a
    sign-up answers at once and an email is never lost to a broker outage."""

    def send_mail(self, template_prefix, email, context):
        # Without django.contrib.sites, allauth's emails name the site from the request's host
        # (or nothing at all): "Hello from !". They name ours, whatever host was asked.
        context = {**context, "current_site": site()}
        outbox.queue(self.render_mail(template_prefix, email, context))

    def get_client_ip(self, request):
        return client_ip(request) or super().get_client_ip(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth counts failed passwords per account: five wrong ones from anyone would lock
        # the account for everyone, its owner included. Counted per (address, account), a
        # stranger's guesses lock only the stranger out.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        super().pre_authenticate(request, **credentials)
        login = credentials.get("email", "").lower()
        if already_over("failed-logins", login, FAILED_LOGINS_PER_ACCOUNT_HOUR):
            raise self.validation_error("too_many_login_attempts")

    def authentication_failed(self, request, **credentials):
        login = credentials.get("email", "").lower()
        over_limit("failed-logins", login, FAILED_LOGINS_PER_ACCOUNT_HOUR, 3600)
        super().authentication_failed(request, **credentials)


def site():
    """The site as allauth's email templates read it: `name` and `domain`."""
    return SimpleNamespace(
        name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc or settings.SITE_NAME
    )
