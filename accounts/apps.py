from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is called "Accounts" in the admin (email addresses): ours holds people.
    verbose_name = _("People")
