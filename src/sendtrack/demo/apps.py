from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sendtrack.demo"
    verbose_name = "Demo partnership"
