from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is called "Accounts" in the admin (email addresses): ours holds people.
    verbose_name = "People"
