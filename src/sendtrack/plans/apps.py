from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sendtrack.plans"
    verbose_name = "Improvement plans"
