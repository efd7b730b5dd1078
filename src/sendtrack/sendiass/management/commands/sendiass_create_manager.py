"""`sendtrack sendiass-create-manager`: the first SENDIASS manager, made by whoever holds the
SENDIASS key.

The council's administrators and superusers cannot make SENDIASS accounts; this command asks
for the SENDIASS key (from a file or typed in) and refuses unless it is one the installation
uses, so running the council's side is not enough. It prints a one-time set-password link.
"""

import getpass
import hmac
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from sendtrack.sendiass.models import StaffRole
from sendtrack.sendiass.services import RuleBroken
from sendtrack.sendiass.signin import LINK_DAYS
from sendtrack.sendiass.staff_accounts import StaffDetails, invite_staff


def _configured_keys() -> list[str]:
    return [k.strip() for k in settings.SENDTRACK_SENDIASS_KEY.split(",") if k.strip()]


class Command(BaseCommand):
    help = "Make a SENDIASS manager (needs the SENDIASS key) and print a set-password link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--name", required=True, help="Their full name")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--key-file",
            help="A file holding the SENDIASS key; without it the key is read from standard "
            "input (typed without echo at a terminal).",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address, e.g. https://sendtrack.example.gov.uk, to print a full link",
        )

    def _given_key(self, key_file: str | None) -> str:
        if key_file:
            return Path(key_file).read_text(encoding="ascii").strip()
        if sys.stdin.isatty():
            return getpass.getpass("SENDIASS key: ").strip()
        return sys.stdin.readline().strip()

    def handle(self, *args: Any, **options: Any) -> None:
        given = self._given_key(options["key_file"])
        if not any(hmac.compare_digest(given.encode(), k.encode()) for k in _configured_keys()):
            raise CommandError(
                "That is not the SENDIASS key this installation uses: no account was made."
            )
        details = StaffDetails(
            username=options["username"],
            name=options["name"],
            email=options["email"],
            role=StaffRole.MANAGER,
            trained_for_level_4=True,
        )
        try:
            staff, token = invite_staff(by=None, details=details)
        except RuleBroken as error:
            raise CommandError(str(error)) from error
        path = reverse("sendiass:set_password_link", args=[token])
        self.stdout.write(
            f"SENDIASS manager {staff.username} made. They choose a password within {LINK_DAYS} "
            f"days, once, at:\n{options['base_url'].rstrip('/')}{path}"
        )
