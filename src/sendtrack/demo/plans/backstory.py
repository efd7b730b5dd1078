"""What happened before the recent updates: earlier progress and moved due dates."""

import random
from datetime import date, timedelta
from typing import Any

from .common import (
    SEED,
    DemoPlan,
    Replan,
    Story,
    Update,
    _commentary,
    month_end,
)
from .inspection import plan_start

REPLAN_CHANCE = {
    "delayed": 0.8,
    "overdue": 0.5,
    "quiet": 0.4,
    "on_track": 0.35,
    "complete": 0.35,
    "due_soon": 0.2,
}


def _with_backstory(demo: DemoPlan, today: date) -> DemoPlan:
    """Fill the months since the plan started, so a board report of any past month has
    something to say: earlier updates, completions spread over the months, and due dates the
    board moved (the plan as first written gives the first date; a `Replan` the later one).

    Uses its own random stream, so the plan's text and today's ratings stay as they are.
    """
    rng = random.Random(f"{SEED}-{demo.key}-backstory")
    start = plan_start(today)
    earliest = start + timedelta(days=14)
    stories = dict(demo.stories)
    for action in demo.data["actions"]:
        story = stories[action["text"]]
        updates = list(story.updates)
        if story.state == "complete" and updates and rng.random() < 0.75:
            updates = _moved_back(rng, updates, earliest + timedelta(days=45), today, earliest)
        if updates and updates[0].status not in {"not_started", "complete"}:
            for _ in range(rng.randint(0, 3)):
                on = updates[0].on - timedelta(days=rng.randint(30, 75))
                if on < earliest:
                    break
                updates.insert(0, Update(on, "in_progress", _commentary(rng, "in_progress")))
        replans: tuple[Replan, ...] = ()
        if action["due"] and rng.random() < REPLAN_CHANCE.get(story.state, 0.0):
            done = updates[-1].on if story.state == "complete" and updates else today
            replan = _replan(rng, action, start, min(done, today) - timedelta(days=1))
            if replan is not None:
                replans = (replan,)
        last = updates[-1].on if updates else story.last_activity_on
        stories[action["text"]] = Story(story.state, tuple(updates), last, replans)
    return DemoPlan(demo.key, demo.data, stories)


def _moved_back(
    rng: random.Random, updates: list[Update], low: date, today: date, earliest: date
) -> list[Update]:
    """The same updates, finishing on a day between `low` and a few days ago."""
    span = (today - timedelta(days=4) - low).days
    last = low + timedelta(days=rng.randint(0, max(span, 0)))
    dates = [last]
    for _ in updates[1:]:
        dates.insert(0, max(earliest, dates[0] - timedelta(days=rng.randint(14, 50))))
    return [Update(on, u.status, u.commentary) for on, u in zip(dates, updates, strict=True)]


def _replan(rng: random.Random, action: dict[str, Any], start: date, latest: date) -> Replan | None:
    """First due at the end of an earlier month; moved to today's date on a later day."""
    due = date.fromisoformat(action["due"])
    low, high = (
        start + timedelta(days=60),
        min(due - timedelta(days=45), latest - timedelta(days=10)),
    )
    if high <= low:
        return None
    first = month_end(low + timedelta(days=rng.randint(0, (high - low).days)))
    if first >= due or first >= latest:
        return None
    on = min(first + timedelta(days=rng.randint(14, 75)), latest, due - timedelta(days=1))
    if on <= first:
        return None
    replan = Replan(on, action["due_raw"], due)
    action["due_raw"], action["due"] = f"{first:%B %Y}", first.isoformat()
    return replan
