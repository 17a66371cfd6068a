from allauth.account.adapter import DefaultAccountAdapter

from mail import outbox


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) go through the outbox and Celery, so a
    sign-up answers at once and an email is never lost to a broker outage."""

    def send_mail(self, template_prefix, email, context):
        outbox.queue(self.render_mail(template_prefix, email, context))
