from django.apps import AppConfig


class StatutoryConfig(AppConfig):
    name = "sendtrack.statutory"
    verbose_name = "Statutory EHC casework"
