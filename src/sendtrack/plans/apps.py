from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sendtrack.plans"
    verbose_name = "Improvement plans"

    def ready(self) -> None:
        from sendtrack import checks  # noqa: F401  (registers the project-wide checks)
