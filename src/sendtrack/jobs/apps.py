from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "sendtrack.jobs"
    verbose_name = "Background jobs"
