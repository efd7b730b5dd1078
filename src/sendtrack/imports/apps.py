from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "sendtrack.imports"
    verbose_name = "Plan imports"
