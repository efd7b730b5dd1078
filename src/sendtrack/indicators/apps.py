from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "sendtrack.indicators"
    verbose_name = "Indicators"

    def ready(self) -> None:
        # The computed indicators this app knows how to work out (statutory timeliness).
        from . import computed  # noqa: F401
