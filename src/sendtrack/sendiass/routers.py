"""Every SENDIASS table (and its history table) lives in the `sendiass` database; nothing else
does. No relation may cross between the two databases.
"""

from typing import Any

APP_LABEL = "sendiass"
DATABASE = "sendiass"


def _is_sendiass(model_or_obj: Any) -> bool:
    return model_or_obj._meta.app_label == APP_LABEL


class SendiassRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return DATABASE if _is_sendiass(model) else None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return DATABASE if _is_sendiass(model) else None

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        if _is_sendiass(obj1) != _is_sendiass(obj2):
            return False
        return None

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any):
        if app_label == APP_LABEL:
            return db == DATABASE
        if db == DATABASE:
            return False
        return None
