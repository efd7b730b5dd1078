"""England scale: every authority's statutory timeliness measures for a year (issue 5, item 8).

153 synthetic local authorities hold 640,000 EHC plans between them (600 to 12,000 each,
uneven like real ones), with the assessments behind them (some with reg 10(4) exceptions),
requests that did not lead to a plan, two years of annual reviews and the phase transfers
due. The benchmark times `england_measures(2024)`, which counts every measure for every
authority in one grouped query per measure kind: the median and the worst of 3 runs
(target under 10 s), the peak Python memory (tracemalloc) and, on PostgreSQL, the server's
own time for each query (EXPLAIN ANALYZE).

Against a throwaway PostgreSQL, as root, from the repository:

    PG_PORT=54401 source scripts/start-test-postgres.sh
    SENDTRACK_BENCH_DATABASE_URL=$SENDTRACK_TEST_POSTGRES .venv/bin/python -m bench england
    stop_test_postgres

The database named in the URL is created if it is missing. The data are written once, with
PostgreSQL COPY and without history rows (~3.7 million rows, four to five minutes), and reused
while their counts match. Without SENDTRACK_BENCH_DATABASE_URL the benchmark runs on SQLite
(var/bench.sqlite3) scaled down to 15 authorities and 64,000 plans, and says so: one SQLite
file is not how England would be served, and the full set would take long to write there.
"""

import math
import os
import random
import re
import statistics
import time
import tracemalloc
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

YEAR = 2024
FULL = (153, 640_000)  # authorities, EHC plans
SCALED = (15, 64_000)  # on SQLite
SMALLEST, LARGEST = 600, 12_000
TARGET_SECONDS = 10
SLUG_PREFIX = "bench-england-"
GENERATION = "v1"  # change when the generator changes, so stale data are rebuilt

TRANSFER_KINDS = [  # (kind, share of the transfers due)
    ("early_years_to_school", 0.15),
    ("infant_to_junior", 0.05),
    ("primary_to_secondary", 0.38),
    ("middle_to_secondary", 0.02),
    ("secondary_to_post16", 0.30),
    ("post16_to_post16", 0.10),
]
REASONS = [
    "school_closure",
    "early_years_closure",
    "exceptional_personal_circumstances",
    "absence_from_area",
]


def _ensure_postgres_database(url: str) -> None:
    """Create the benchmark database when the server does not have it yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        return
    server = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    try:
        psycopg.connect(dbname=config["NAME"], **server).close()
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
        print(f"   created the database {config['NAME']}")


def authority_sizes(authorities: int, plans: int, rng: random.Random) -> list[int]:
    """Uneven sizes between SMALLEST and LARGEST adding up to `plans` (log-normal, like LAs)."""
    weights = [math.exp(rng.gauss(0, 0.75)) for _ in range(authorities)]

    def sizes(scale: float) -> list[int]:
        return [min(LARGEST, max(SMALLEST, round(w * scale))) for w in weights]

    low, high = 0.0, float(LARGEST * 10)
    for _ in range(100):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(sizes(middle)) < plans else (low, middle)
    result = sizes(high)
    # Hand the rounding difference to the authorities not at a limit, one plan at a time.
    difference = plans - sum(result)
    order = sorted(range(authorities), key=lambda i: -result[i])
    while difference:
        for i in order:
            step = 1 if difference > 0 else -1
            if difference and SMALLEST <= result[i] + step <= LARGEST:
                result[i] += step
                difference -= step
    return result


class Writer:
    """Writes rows fast, keeping ids so rows can point at each other: COPY on PostgreSQL,
    executemany on SQLite. No history rows, no signals: this is synthetic benchmark data."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.next_id: dict[Any, int] = {}

    def ids(self, model: Any, count: int) -> range:
        if model not in self.next_id:
            with self.connection.cursor() as cursor:
                table = self.connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608
                self.next_id[model] = cursor.fetchone()[0] + 1
        first = self.next_id[model]
        self.next_id[model] += count
        return range(first, first + count)

    def write(self, model: Any, rows: list[dict[str, Any]]) -> None:
        """Rows as {attname: value}; fields left out take their model default, and rows
        without an "id" are numbered by the database."""
        if not rows:
            return
        fields = [f for f in model._meta.concrete_fields if not f.primary_key or "id" in rows[0]]
        defaults = [(f.attname, f.get_default()) for f in fields]
        values = [tuple(row.get(name, default) for name, default in defaults) for row in rows]
        quote = self.connection.ops.quote_name
        table = quote(model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for value in values:
                        copy.write_row(value)
            else:
                marks = ", ".join(["%s"] * len(fields))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                    values,
                )

    def reset_sequences(self, models: list[Any]) -> None:
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _authority_rows(
    writer: Writer, partnership_id: int, plans: int, rng: random.Random
) -> dict[Any, list[dict[str, Any]]]:
    """One authority's casework: about 5.7 rows for each of its plans."""
    from sendtrack.statutory.models import (
        AnnualReview,
        Child,
        EHCNeedsAssessment,
        EHCPlan,
        PhaseTransfer,
        TimeLimitException,
    )

    year_start, year_end = date(YEAR, 1, 1), date(YEAR, 12, 31)
    new_in_year = round(plans * 0.15)  # England 2024: 97,747 new plans, 638,000 plans
    not_planned = round(new_in_year * 0.6)  # requests refused, not issued, withdrawn or open
    children = writer.ids(Child, plans + not_planned)
    assessment_ids = writer.ids(EHCNeedsAssessment, plans + not_planned)
    plan_ids = writer.ids(EHCPlan, plans)
    rows: dict[Any, list[dict[str, Any]]] = {
        m: []
        for m in (
            Child,
            EHCNeedsAssessment,
            EHCPlan,
            TimeLimitException,
            AnnualReview,
            PhaseTransfer,
        )
    }
    base = {"partnership_id": partnership_id}
    for n, child_id in enumerate(children):
        rows[Child].append(
            {
                **base,
                "id": child_id,
                "case_reference": f"EHC-{n + 1:07d}",
                "first_name": "Synthetic",
                "last_name": f"Child {n + 1}",
                "date_of_birth": _day(rng, date(2002, 9, 1), date(2021, 8, 31)),
            }
        )

    def assessment(n: int, received: date, **fields: Any) -> dict[str, Any]:
        # The decision whether to assess: most within 6 weeks, some late, none after the plan.
        span = max(0, round(rng.gauss(38, 12))) if rng.random() < 0.85 else rng.randint(43, 110)
        if fields.get("final_issued"):
            span = min(span, (fields["final_issued"] - received).days - 30)
        row = {
            **base,
            "id": assessment_ids[n],
            "child_id": children[n],
            "request_received": received,
            "requested_by": rng.choice(["parent", "school", "parent", "health"]),
            "decision": "assess",
            "decision_date": received + timedelta(days=span),
            **fields,
        }
        rows[EHCNeedsAssessment].append(row)
        return row

    for n in range(plans):
        new = n < new_in_year
        if new:  # issued in the year: about half within 20 weeks (140 days)
            issued = _day(rng, year_start, year_end)
            span = rng.randint(95, 140) if rng.random() < 0.5 else rng.randint(141, 330)
        else:
            issued = _day(rng, date(2012, 1, 1), date(YEAR - 1, 12, 31))
            span = rng.randint(90, 300)
        received = issued - timedelta(days=span)
        a = assessment(
            n,
            received,
            evidence_received=received + timedelta(days=span // 2),
            draft_issued=issued - timedelta(days=min(span, 30)),
            final_issued=issued,
            outcome="plan_issued",
            outcome_date=issued,
        )
        if rng.random() < 0.08:  # a reg 10(4) exception, mostly within the 20 weeks
            start = received + timedelta(days=rng.randint(-20, 160))
            ended = rng.random() < 0.7
            rows[TimeLimitException].append(
                {
                    **base,
                    "assessment_id": a["id"],
                    "reason": rng.choice(REASONS),
                    "start": start,
                    "end": start + timedelta(days=rng.randint(28, 70)) if ended else None,
                }
            )
        rows[EHCPlan].append(
            {
                **base,
                "id": plan_ids[n],
                "child_id": children[n],
                "assessment_id": a["id"],
                "issued": issued,
            }
        )
        _reviews_and_transfer(rows, base, plan_ids[n], issued, new, rng)
    for n in range(plans, plans + not_planned):
        received = _day(rng, date(YEAR - 1, 10, 1), date(YEAR, 11, 30))
        outcome = rng.choice(["not_assessed", "not_assessed", "not_issued", "withdrawn", ""])
        a = assessment(n, received, outcome=outcome)
        if outcome == "not_assessed":
            a["decision"] = "not_assess"
            a["outcome_date"] = a["decision_date"]
        elif outcome:
            a["outcome_date"] = a["decision_date"] + timedelta(days=60)
        elif a["decision_date"] > year_end:
            a["decision"], a["decision_date"] = "", None  # still waiting for the decision
    return rows


def _reviews_and_transfer(
    rows: dict[Any, list[dict[str, Any]]],
    base: dict[str, Any],
    plan_id: int,
    issued: date,
    new: bool,
    rng: random.Random,
) -> None:
    """Last year's review, this year's (held or not, on time or late), next year's open one;
    and for about one plan in five, a phase transfer due this year."""
    from sendtrack.domain.statutory import TransferType, add_months, phase_transfer_deadline
    from sendtrack.statutory.models import AnnualReview, PhaseTransfer

    def review(counted_from: date, meeting: date | None) -> None:
        due = add_months(counted_from, 12)
        rows[AnnualReview].append(
            {
                **base,
                "plan_id": plan_id,
                "counted_from": counted_from,
                "due": due,
                "meeting_date": meeting,
                "decision": "maintain" if meeting else "",
                "decision_notified": meeting + timedelta(days=25) if meeting else None,
            }
        )

    counted_from = issued
    if not new:
        # Move to the review cycle that falls due in YEAR - 1, then hold it and this year's.
        while add_months(counted_from, 12).year < YEAR - 1:
            counted_from = add_months(counted_from, 12)
        for _ in range(2):
            due = add_months(counted_from, 12)
            if due.year > YEAR:
                break
            held = rng.random() < (0.8 if due.year == YEAR else 0.97)
            offset = rng.randint(-60, 0) if rng.random() < 0.65 else rng.randint(1, 120)
            meeting = due + timedelta(days=offset) if held else None
            if meeting and meeting < counted_from:
                meeting = counted_from + timedelta(days=200)
            review(counted_from, meeting)
            if meeting is None:
                return
            counted_from = meeting
    review(counted_from, None)  # the next one, not yet held

    if rng.random() < 0.2:
        roll, kind = rng.random(), TransferType.PRIMARY_TO_SECONDARY
        for name, share in TRANSFER_KINDS:
            roll -= share
            if roll < 0:
                kind = TransferType(name)
                break
        transfer_date = date(YEAR, 9, 1) if rng.random() < 0.9 else date(YEAR + 1, 1, 6)
        if kind is not TransferType.POST16_TO_POST16:
            transfer_date = date(YEAR, 9, 1)
        deadline = phase_transfer_deadline(kind, transfer_date)
        finalised = None
        if rng.random() < 0.85:
            finalised = deadline + timedelta(
                days=rng.randint(-50, 10) if rng.random() < 0.7 else 30
            )
        rows[PhaseTransfer].append(
            {
                **base,
                "plan_id": plan_id,
                "transfer_type": kind.value,
                "transfer_date": transfer_date,
                "deadline": deadline,
                "status": "finalised" if finalised else "consulting",
                "finalised_date": finalised,
            }
        )


def _generate(authorities: int, plans: int) -> list[Any]:
    """The authorities, built once: reused while their plan count matches."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from sendtrack.accounts.models import Partnership
    from sendtrack.statutory.models import (
        AnnualReview,
        Child,
        EHCNeedsAssessment,
        EHCPlan,
        PhaseTransfer,
        StatutoryArea,
        TimeLimitException,
    )

    call_command("migrate", verbosity=0)
    prefix = f"{SLUG_PREFIX}{GENERATION}-{authorities}-"
    ours = Partnership.objects.filter(slug__startswith=prefix)
    if (
        ours.count() == authorities
        and EHCPlan.objects.filter(partnership__in=ours).count() == plans
    ):
        return list(ours.order_by("slug"))

    started = time.perf_counter()
    stale = list(
        Partnership.objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True)
    )
    models = [TimeLimitException, AnnualReview, PhaseTransfer, EHCPlan, EHCNeedsAssessment, Child]
    if stale:
        with transaction.atomic(), connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(stale))
            for model in [*models, StatutoryArea]:
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(
                    f"DELETE FROM {table} WHERE partnership_id IN ({marks})",  # noqa: S608
                    stale,
                )
            Partnership.objects.filter(pk__in=stale).delete()

    rng = random.Random(20240101)  # noqa: S311 - synthetic data, not security
    sizes = authority_sizes(authorities, plans, rng)
    partnerships = Partnership.objects.bulk_create(
        [
            Partnership(
                slug=f"{prefix}{n + 1:03d}", name=f"Benchshire {n + 1:03d} SEND Partnership"
            )
            for n in range(authorities)
        ]
    )
    StatutoryArea.objects.bulk_create(
        [
            StatutoryArea(
                partnership=p,
                la_code=f"E99{n + 1:06d}",
                la_name=f"Benchshire {n + 1:03d}",
                region_name=f"Bench region {n % 9 + 1}",
            )
            for n, p in enumerate(partnerships)
        ]
    )
    writer = Writer()
    written = dict.fromkeys(models, 0)
    for n, (partnership, size) in enumerate(zip(partnerships, sizes, strict=True)):
        rows = _authority_rows(writer, partnership.pk, size, random.Random(n))  # noqa: S311
        with transaction.atomic():
            for model in reversed(models):  # pointed-at rows first
                writer.write(model, rows[model])
                written[model] += len(rows[model])
        if (n + 1) % 25 == 0:
            print(f"   ... {n + 1} of {authorities} authorities written")
    writer.reset_sequences(models)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    print(
        f"   generated {authorities} authorities ({min(sizes):,} to {max(sizes):,} plans each) in"
        f" {time.perf_counter() - started:.0f} s: "
        + ", ".join(
            f"{count:,} {model._meta.verbose_name_plural}" for model, count in written.items()
        )
    )
    return partnerships


def _runs(call: Callable[[], object], repeat: int = 3) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def _server_times(queries: dict[str, Any]) -> Iterable[tuple[str, float, int]]:
    """PostgreSQL's own time for each query (EXPLAIN ANALYZE), and the most memory one of
    its sort or hash steps used, in kB."""
    for kind, queryset in queries.items():
        plan = queryset.explain(analyze=True, buffers=True)
        milliseconds = float(re.search(r"Execution Time: ([\d.]+) ms", plan)[1])  # type: ignore[index]
        memory = [int(kb) for kb in re.findall(r"Memory(?: Usage)?: (\d+)kB", plan)]
        yield kind, milliseconds, max(memory, default=0)


def run() -> None:
    url = os.environ.get("SENDTRACK_BENCH_DATABASE_URL", "")
    if url:
        _ensure_postgres_database(url)
    from bench.plans import _configure

    _configure()
    from django.db import connection

    from sendtrack.statutory.models import AnnualReview, EHCNeedsAssessment, EHCPlan, PhaseTransfer
    from sendtrack.statutory.selectors.england import england_measure_queries, england_measures
    from sendtrack.statutory.selectors.measures import added_up

    postgres = connection.vendor == "postgresql"
    authorities, plans = FULL if postgres else SCALED
    if not postgres:
        print(
            f"   SQLite: SCALED DOWN to {authorities} authorities and {plans:,} plans (1/10)."
            " Set SENDTRACK_BENCH_DATABASE_URL to a PostgreSQL database for England scale."
        )
    partnerships = _generate(authorities, plans)
    scope = {"partnership__in": partnerships}
    print(
        f"   database: {connection.vendor}; {len(partnerships)} authorities,"
        f" {EHCPlan.objects.filter(**scope).count():,} plans,"
        f" {EHCNeedsAssessment.objects.filter(**scope).count():,} assessments,"
        f" {AnnualReview.objects.filter(**scope).count():,} reviews,"
        f" {PhaseTransfer.objects.filter(**scope).count():,} transfers"
    )

    result = england_measures(YEAR)  # the first run, after the data were written
    ours = [a for a in result if a.partnership.slug.startswith(SLUG_PREFIX)]
    plans_in_year = sum(a.measures.new_plans_inc.denominator for a in ours)
    reviews_in_year = sum(a.measures.reviews.denominator for a in ours)
    print(
        f"   counted for {YEAR}: {len(ours)} authorities, {plans_in_year:,} new plans,"
        f" {reviews_in_year:,} reviews due,"
        f" {sum(a.measures.transfers.denominator for a in ours):,} transfers due"
    )
    england = added_up("England", (a.measures for a in ours))
    print(
        f"   England {YEAR}: 20 weeks excl. exceptions {england.new_plans_ex.display()},"
        f" incl. {england.new_plans_inc.display()}; decisions {england.decisions.display()};"
        f" reviews {england.reviews.display()}; transfers {england.transfers.display()}"
    )
    samples = _runs(lambda: england_measures(YEAR))
    median, worst = statistics.median(samples), max(samples)
    verdict = f"target < {TARGET_SECONDS} s: {'met' if worst < TARGET_SECONDS else 'MISSED'}"
    if not postgres:
        verdict = f"the {TARGET_SECONDS} s target is for England scale on PostgreSQL"
    print(
        f"   {'every authority, every measure':<38} median {median * 1000:7.1f} ms"
        f"   worst {worst * 1000:7.1f} ms  ({verdict})"
    )
    tracemalloc.start()
    england_measures(YEAR)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"   peak Python memory {peak / 1024 / 1024:.1f} MB (tracemalloc, one run)")
    if postgres:
        total = 0.0
        for kind, milliseconds, memory in _server_times(england_measure_queries(YEAR)):
            total += milliseconds
            print(f"   PostgreSQL {kind:<27} {milliseconds:7.1f} ms, sort/hash memory {memory} kB")
        print(f"   PostgreSQL, all four queries       {total:7.1f} ms (EXPLAIN ANALYZE)")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"   database size {cursor.fetchone()[0]}")
