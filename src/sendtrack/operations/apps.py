from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "sendtrack.operations"
    verbose_name = "Operations (backup and restore)"
