"""`sendtrack sign-in-help`: where the demo runs and how to sign in, one line per role.

The only place the demo password is printed. `make run` calls it before starting the server.
"""

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sendtrack.accounts.models import Membership
from sendtrack.demo.people import CASEWORK_USERS, DEMO_PASSWORD, PARTNERSHIP_SLUG, USERS
from sendtrack.sendiass.models import SendiassStaff


class Command(BaseCommand):
    help = "Print the address of the demo and the demo sign-ins, one line per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST") or "127.0.0.1")
        parser.add_argument("--port", default=os.environ.get("PORT") or "8000")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("\n".join(sign_in_lines(options["host"], options["port"])))


def sign_in_lines(host: str, port: str) -> list[str]:
    url = f"http://{host}:{port}"
    members = set(
        Membership.objects.filter(partnership__slug=PARTNERSHIP_SLUG).values_list(
            "user__username", "role"
        )
    )
    users = [u for u in (*USERS, *CASEWORK_USERS) if (u.username, u.role.value) in members]
    if not users:
        return [
            f"sendtrack is running on {url} — the demo is not loaded: run `sendtrack load-demo`."
        ]
    first = f"sendtrack is running on {url} — sign in as: "
    indent = " " * (len(first) - len("or: "))
    lines = [
        (first if index == 0 else indent + "or: ")
        + f"{user.username} / {DEMO_PASSWORD} ({user.described_as})"
        for index, user in enumerate(users)
    ]
    # SENDIASS accounts live in the SENDIASS database and sign in on their own page.
    staff = set(
        SendiassStaff.objects.filter(username__in=SENDIASS_USERS, active=True).values_list(
            "username", flat=True
        )
    )
    for username, described_as in SENDIASS_USERS.items():
        if username in staff:
            lines.append(
                f"{indent}or: {username} / {DEMO_PASSWORD} ({described_as}) "
                f"at {url}/sendiass/sign-in/"
            )
    return lines


# SENDIASS staff, made by sendtrack.sendiass.demo; they see nothing of the council's data.
SENDIASS_USERS = {
    "sendiass-manager": "SENDIASS manager, a separate service and database",
    "sendiass-caseworker": "SENDIASS caseworker",
}
