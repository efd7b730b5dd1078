from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendtrack.accounts"
    verbose_name = "Partnerships, people and sign-in"
