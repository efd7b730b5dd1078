"""`sendtrack create-api-token --partnership SLUG --name NAME`: make a token, shown once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.accounts.models import Partnership
from sendtrack.api.services import create_api_token


class Command(BaseCommand):
    help = "Make a read-only API token for one partnership. The token is printed once only."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        parser.add_argument("--name", required=True, help="What it is for, e.g. 'Power BI'.")
        parser.add_argument("--created-by", help="Username of the person asking for it.")

    def handle(self, *args: object, **options: str) -> None:
        try:
            partnership = Partnership.objects.get(slug=options["partnership"])
        except Partnership.DoesNotExist as missing:
            raise CommandError(f"No partnership {options['partnership']!r}") from missing
        created_by = None
        if options.get("created_by"):
            user_model = get_user_model()
            try:
                created_by = user_model.objects.get(username=options["created_by"])
            except user_model.DoesNotExist as missing:
                raise CommandError(f"No user {options['created_by']!r}") from missing
        token, raw = create_api_token(
            partnership=partnership, name=options["name"], created_by=created_by
        )
        self.stderr.write(
            f"API token {token.name!r} for {partnership.name}. Copy it now: it is not stored "
            "and cannot be shown again."
        )
        self.stdout.write(raw)
