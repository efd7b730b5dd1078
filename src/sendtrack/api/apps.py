from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sendtrack.api"
    verbose_name = "Analysts' API"
