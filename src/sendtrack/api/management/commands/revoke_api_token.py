"""`sendtrack revoke-api-token --partnership SLUG --name NAME`: stop a token working."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sendtrack.api.models import ApiToken
from sendtrack.api.services import revoke_api_token


class Command(BaseCommand):
    help = "Revoke a partnership's API tokens of this name (or with this prefix)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partnership", required=True, help="The partnership's slug.")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--name", help="The token's name.")
        group.add_argument("--prefix", help="The token's first characters, as the admin lists.")

    def handle(self, *args: object, **options: str) -> None:
        tokens = ApiToken.objects.filter(
            partnership__slug=options["partnership"], revoked_at__isnull=True
        )
        if options.get("name"):
            tokens = tokens.filter(name=options["name"])
        else:
            tokens = tokens.filter(prefix__startswith=options["prefix"])
        found = list(tokens)
        if not found:
            raise CommandError("No live token matches")
        for token in found:
            revoke_api_token(token=token)
        self.stdout.write(f"Revoked {len(found)} token(s).")
