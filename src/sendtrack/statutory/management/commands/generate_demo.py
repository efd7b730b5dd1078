"""`sendtrack generate-demo --children N`: synthetic statutory casework for one partnership."""

import time

from django.core.management.base import BaseCommand

from sendtrack.accounts.models import Partnership
from sendtrack.statutory.demo import load_statutory_demo


class Command(BaseCommand):
    help = "Create synthetic children, EHC plans, assessments, reviews and transfers."

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=3000)
        parser.add_argument("--open-assessments", type=int, default=None)
        parser.add_argument("--partnership", default="northvale", help="Partnership slug")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, children, open_assessments, partnership, seed, **options):
        area, _ = Partnership.objects.get_or_create(
            slug=partnership, defaults={"name": f"{partnership.title()} SEND Partnership"}
        )
        if open_assessments is None:
            open_assessments = max(children * 2 // 15, 1)
        started = time.perf_counter()
        result = load_statutory_demo(
            area, children=children, open_assessments=open_assessments, seed=seed
        )
        if not result.children:
            self.stdout.write(f"{area} already has statutory casework: nothing was added")
            return
        self.stdout.write(
            f"Created {result.children} children ({result.plans} with plans, "
            f"{result.open_assessments} open requests), {result.reviews} reviews, "
            f"{result.transfers} transfers and {result.settings} settings in {area} "
            f"in {time.perf_counter() - started:.1f} s"
        )
