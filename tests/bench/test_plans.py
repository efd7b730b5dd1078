"""The plans benchmark runs end to end at a tiny scale and prints every row issue 14 asks for.

Asserts no time: the figures are the benchmark's to print (`make bench`), not a test's to hold.
"""

import pytest

from bench import plans


@pytest.mark.django_db
def test_the_bench_prints_the_dashboard_and_the_plan_page_beside_the_admin(capsys):
    plans.benchmark(total=30, plans=3, big_plan=12, repeat=2)

    printed = capsys.readouterr().out
    assert "dashboard (30 actions)" in printed
    assert "target p95 < 60 ms" in printed
    rows = [line.strip() for line in printed.splitlines()]
    plan_row = next(row for row in rows if row.startswith("plan page (12 actions)"))
    admin_row = next(row for row in rows if row.startswith("admin changelist"))
    assert plan_row.count(" ms") == 2
    assert admin_row.split()[-2:] == ["1.00", "1.00"]
