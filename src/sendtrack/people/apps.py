from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "sendtrack.people"
    verbose_name = "People and sign-ins"
