from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "sendtrack.reminders"
    verbose_name = "Reminders"
