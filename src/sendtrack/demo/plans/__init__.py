"""The Northvale demo plans, built as Plan JSON (plan-json.md) from small phrase tables.

`demo_plans(today)` returns three plans in the shapes councils write them in:

- a written statement of action: four workstreams, objectives, numbered actions ("2.3.1")
  with lead, partners, timeframe and progress cells, milestones and impact indicators;
- a peer review plan: numbered recommendations, each with bulleted summary actions ("3.a")
  owned by initials that an owner glossary resolves;
- a monitoring update: workstreams, focus areas, "next steps" and a risk register.

Beside each plan's JSON comes each action's story: the progress updates the loader adds after
the plan is in, and the day of its last activity. Every action is given a state (complete,
overdue, due soon, gone quiet, delayed, on track, not started) and its due date and updates are
placed RELATIVE TO TODAY, so the demo always shows every BRAG rating. Text and states come from
a random.Random with a fixed seed, so they are the same every day; only the dates move.
"""

from datetime import date

from .backstory import _with_backstory
from .common import COMMENTARY, SOURCE_DOCUMENT, STATES, DemoPlan, Replan
from .inspection import FINDINGS, INSPECTION, inspection_date, plan_start
from .monitoring import _monitoring
from .peer_review import RECOMMENDATIONS, _peer_review
from .wsoa import _wsoa

__all__ = [
    "COMMENTARY",
    "FINDINGS",
    "INSPECTION",
    "RECOMMENDATIONS",
    "SOURCE_DOCUMENT",
    "STATES",
    "DemoPlan",
    "Replan",
    "demo_plans",
    "inspection_date",
    "plan_start",
]


def demo_plans(today: date) -> list[DemoPlan]:
    """The three Northvale plans as of `today`, each with its story since `plan_start`."""
    return [
        _with_backstory(p, today) for p in (_wsoa(today), _peer_review(today), _monitoring(today))
    ]
