from django.apps import AppConfig


class SendiassConfig(AppConfig):
    name = "sendtrack.sendiass"
    verbose_name = "SENDIASS"
