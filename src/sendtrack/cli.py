"""The `sendtrack` command: Django's management commands under one name.

`sendtrack load-plan FILE.json --partnership SLUG` is `manage.py load_plan …`;
dashes in the command name are accepted for underscores.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sendtrack.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    args[0] = "sendtrack"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
