"""`sendtrack generate-demo --children N`: synthetic statutory casework for one partnership.

For the demo partnership (northvale, what `sendtrack load-demo` makes) the sign-ins are the
demo's own: `officer`, `senco` …. Any other partnership gets sign-ins of its own, named after
it (`--partnership eastmere`: `eastmere-officer`, `eastmere-senco` …), so no user is ever made
a member of a second partnership.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sendtrack.accounts.models import Partnership
from sendtrack.statutory.demo import DEMO_PASSWORD, DemoUserTaken, load_statutory_demo

DEMO_PARTNERSHIP = "northvale"


def user_prefix(slug: str) -> str:
    return "" if slug == DEMO_PARTNERSHIP else f"{slug}-"


class Command(BaseCommand):
    help = "Create synthetic children, EHC plans, assessments, reviews and transfers."

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=3000)
        parser.add_argument("--open-assessments", type=int, default=None)
        parser.add_argument("--partnership", default=DEMO_PARTNERSHIP, help="Partnership slug")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, children, open_assessments, partnership, seed, **options):
        if open_assessments is None:
            open_assessments = max(children * 2 // 15, 1)
        started = time.perf_counter()
        prefix = user_prefix(partnership)
        try:
            with transaction.atomic():
                area, _ = Partnership.objects.get_or_create(
                    slug=partnership, defaults={"name": f"{partnership.title()} SEND Partnership"}
                )
                result = load_statutory_demo(
                    area,
                    children=children,
                    open_assessments=open_assessments,
                    seed=seed,
                    user_prefix=prefix,
                )
        except DemoUserTaken as error:
            raise CommandError(str(error)) from error
        if not result.children:
            self.stdout.write(f"{area} already has statutory casework: nothing was added")
            return
        self.stdout.write(
            f"Created {result.children} children ({result.plans} with plans, "
            f"{result.open_assessments} open requests), {result.reviews} reviews, "
            f"{result.transfers} transfers and {result.settings} settings in {area} "
            f"in {time.perf_counter() - started:.1f} s.\n"
            f"Sign in as {prefix}officer (casework officer), {prefix}teammanager (team "
            f"manager) or {prefix}senco (a school's SENCO), password {DEMO_PASSWORD}."
        )
