from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sendtrack.reports"
    verbose_name = "Reports"
