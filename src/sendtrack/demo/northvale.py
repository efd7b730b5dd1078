"""Loading the synthetic Northvale partnership: people, sign-ins, three plans and their story.

The plans go in through the same loader as an imported document (`load_plan`), and their
progress through the same service a user's update goes through (`add_progress_update`), so
the demo shows what the application does with real data. Everything happens in one
transaction: the demo is loaded whole or not at all.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from sendtrack.accounts.models import Membership, Organisation, Partnership, Person, User
from sendtrack.core.history import note_changed_by
from sendtrack.domain.dates import read_date
from sendtrack.plans.models import (
    Action,
    DatePrecision,
    Finding,
    ImpactIndicator,
    Milestone,
    Plan,
    ProgressUpdate,
    Risk,
    Section,
)
from sendtrack.plans.selectors import action_rag
from sendtrack.plans.services import add_progress_update, update_action
from sendtrack.plans.storage import load_plan
from sendtrack.reports import snapshots
from sendtrack.reports.builders import board_report, month_bounds
from sendtrack.reports.models import PublishedReport
from sendtrack.reports.services import publish_report

from .people import (
    DEMO_PASSWORD,
    ORGANISATIONS,
    PARTNERSHIP_NAME,
    PARTNERSHIP_SLUG,
    PEOPLE,
    USERS,
)
from .plans import (
    FINDINGS,
    INSPECTION,
    SOURCE_DOCUMENT,
    DemoPlan,
    Replan,
    demo_plans,
    inspection_date,
    plan_start,
)

PUBLISHED_MONTHS = 12
"""The board has had a published report of each plan for each of the last 12 months."""


@dataclass
class LoadResult:
    loaded: bool
    message: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def demo_partnership() -> Partnership | None:
    return Partnership.objects.filter(slug=PARTNERSHIP_SLUG).first()


@transaction.atomic
def load_northvale(
    *, today: date | None = None, reset: bool = False, publish: bool = True
) -> LoadResult:
    """Load the demo unless its partnership already has plans; `reset` removes it first.
    `publish` False leaves publishing the past board reports to the caller, to be done with
    `publish_board_reports` once the indicators the reports show are in."""
    today = today or timezone.localdate()
    partnership = demo_partnership()
    if partnership is not None and reset:
        remove_northvale(partnership)
        partnership = None
    if partnership is not None:
        plans = Plan.objects.filter(partnership=partnership).count()
        if plans:
            return LoadResult(
                False,
                f'The demo partnership "{PARTNERSHIP_SLUG}" already has {plans} plans; '
                "nothing loaded (use --reset to delete it and load it again).",
            )
    else:
        partnership = Partnership.objects.create(slug=PARTNERSHIP_SLUG, name=PARTNERSHIP_NAME)

    warnings: list[str] = []
    users = _users(partnership, warnings)
    people = _people(partnership, users)
    manager = users.get("manager")
    loaded: list[tuple[Plan, DemoPlan]] = []
    for demo in demo_plans(today):
        plan = load_plan(
            demo.data, partnership=partnership, source_document=SOURCE_DOCUMENT, user=manager
        )
        loaded.append((plan, demo))
    for plan, _ in loaded:
        _link_owners(plan, people)
    start = plan_start(today)
    for plan, demo in loaded:
        _tell_stories(plan, demo, manager, start)
    wsoa, peer_review = loaded[0][0], loaded[1][0]
    _inspection_findings(wsoa, today, manager)
    _name_recommendations(peer_review, manager)
    _achieve_milestones(partnership, today, manager)
    _date_the_setting_up(partnership, start)
    snapshots.backfill(today, [partnership])  # BRAG over time, from the history just told
    if publish:
        publish_board_reports(partnership, today=today)

    counts = {
        "plans": len(loaded),
        "actions": Action.objects.filter(partnership=partnership).count(),
        "progress updates": ProgressUpdate.objects.filter(partnership=partnership).count(),
        "people": Person.objects.filter(partnership=partnership).count(),
        "sign-ins": len(users),
    }
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    return LoadResult(
        True, f'Loaded the demo partnership "{PARTNERSHIP_SLUG}": {summary}.', counts, warnings
    )


def remove_northvale(partnership: Partnership) -> None:
    """Delete the demo partnership, everything in it, and the demo sign-ins that belong to
    nothing else. History records of the deleted rows are kept, as for any deletion."""
    demo_usernames = [u.username for u in USERS]
    users = [
        user
        for user in User.objects.filter(
            username__in=demo_usernames, memberships__partnership=partnership
        )
        if not user.is_superuser and not user.memberships.exclude(partnership=partnership).exists()
    ]
    partnership.delete()
    for user in users:
        user.delete()


def _users(partnership: Partnership, warnings: list[str]) -> dict[str, User]:
    """The demo sign-ins, one per role. A user of the same name who is not a demo user (not
    created here and not a member of the demo partnership) is left untouched."""
    users: dict[str, User] = {}
    for demo in USERS:
        user, created = User.objects.get_or_create(username=demo.username)
        ours = created or user.memberships.filter(partnership=partnership).exists()
        if not ours:
            warnings.append(
                f'A user "{demo.username}" already exists and is not a demo user: '
                "left unchanged, and not added to the demo partnership."
            )
            continue
        user.first_name, user.last_name = demo.first_name, demo.last_name
        user.email = f"{demo.username}@northvale.example"
        user.is_staff = False  # the Django admin is for the installation's operators only
        user.is_superuser = False
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.user_permissions.clear()
        Membership.objects.update_or_create(
            user=user, partnership=partnership, defaults={"role": demo.role}
        )
        users[demo.username] = user
    return users


def _people(partnership: Partnership, users: dict[str, User]) -> list[Person]:
    organisations = {
        name: Organisation.objects.get_or_create(
            partnership=partnership, name=name, defaults={"short_name": short}
        )[0]
        for name, short in ORGANISATIONS.items()
    }
    people = []
    for demo in PEOPLE:
        person = Person.objects.filter(partnership=partnership, name=demo.name).first()
        person = person or Person(partnership=partnership, name=demo.name)
        person.initials = demo.initials
        person.job_title = demo.job_title
        # Plans name owners by job title too, and the loader matches owners by alias.
        person.aliases = sorted({*person.aliases, demo.job_title})
        person.email = f"{demo.name.lower().replace(' ', '.')}@northvale.example"
        person.organisation = organisations[demo.organisation]
        person.user = users.get(demo.username) if demo.username else person.user
        person.save()
        people.append(person)
    return people


def _link_owners(plan: Plan, people: list[Person]) -> None:
    """Make sure every action with an owner is linked to the people it names.

    The loader links owners it can match; anything it left is resolved here by any form of a
    person's name (name, initials, job title, glossary), joint owners split on "/".
    """
    forms: dict[str, Person] = {}
    for person in people:
        for form in person.names():
            forms.setdefault(form.casefold(), person)
    for abbreviation, name in (plan.owner_glossary or {}).items():
        if name.casefold() in forms:
            forms.setdefault(abbreviation.casefold(), forms[name.casefold()])
    unlinked = plan.actions.exclude(owner_raw__isnull=True).exclude(owner_raw="")
    for action in unlinked.filter(owners__isnull=True):
        raw = action.owner_raw or ""
        named = [forms.get(part.strip().casefold()) for part in [raw, *raw.split("/")]]
        found = {p.pk: p for p in named if p is not None}
        if not found:
            raise ValueError(f"Demo action {action.ref} names an unknown owner: {raw!r}")
        action.owners.add(*found.values())


def _moment(day: date, minutes: int = 0) -> datetime:
    """A time in the working day of `day`; `minutes` keeps one day's changes in order."""
    return timezone.make_aware(datetime.combine(day, time(9, 0))) + timedelta(minutes=minutes)


def _tell_stories(plan: Plan, demo: DemoPlan, manager: User | None, start: date) -> None:
    """Play each action's story from the plan's start, in date order: its progress updates,
    written by its owner if they sign in (else the programme manager), and the due dates the
    board moved. Each change is made through the service a user's change goes through, and
    its history record is then dated on the day it tells of."""
    actions = list(plan.actions.prefetch_related("owners__user").order_by("position"))
    # When the plan was set up, that was each action's last activity.
    for action in actions:
        action.last_activity_on = start
    Action.objects.bulk_update(actions, ["last_activity_on"])
    when: dict[tuple[int, int], datetime] = {}
    update_dates: dict[int, date] = {}
    made: list[ProgressUpdate] = []
    for action in actions:
        story = demo.stories[action.text]
        author = next((p.user for p in action.owners.all() if p.user), None) or manager
        events: list[tuple[date, int, Any]] = sorted(
            [(r.on, 0, r) for r in story.replans] + [(u.on, 1, u) for u in story.updates],
            key=lambda event: (event[0], event[1]),
        )
        version, due = action.version, action.due
        for step, (on, _, event) in enumerate(events, 1):
            if isinstance(event, Replan):
                update_action(
                    partnership=plan.partnership,
                    action_id=action.pk,
                    user=manager,
                    expected_version=version,
                    changes={
                        "due": event.due,
                        "due_raw": event.due_raw,
                        "due_precision": _precision(event.due_raw, plan.as_at),
                        "due_change_reason": "The board agreed a later date",
                    },
                )
                due = event.due
            else:
                update = add_progress_update(
                    partnership=plan.partnership,
                    action_id=action.pk,
                    user=author,
                    status=event.status,
                    commentary=event.commentary,
                    on=on,
                ).update
                # The service keeps the RAG as of today; a past update shows the RAG it had then.
                then = Action(status=event.status, due=due, last_activity_on=on)
                update.rag = action_rag(then, on).rag.value
                made.append(update)
                update_dates[update.pk] = on
            version += 1
            when[(action.pk, version)] = _moment(on, step)
        if not story.updates and story.last_activity_on > start:
            # Work set up since the start, with no update yet (a "not started" action).
            action.refresh_from_db()
            action.last_activity_on = story.last_activity_on
            action.version = version = version + 1
            note_changed_by(action, manager)
            action.save()
            when[(action.pk, version)] = _moment(story.last_activity_on)
    ProgressUpdate.objects.bulk_update(made, ["rag"])

    history = Action.history.filter(plan_id=plan.pk).values_list("history_id", "id", "version")
    _set_dates(
        Action.history.model,
        "history_date",
        {h: when.get((pk, v), _moment(start)) for h, pk, v in history},
    )
    moments = {pk: _moment(on) for pk, on in update_dates.items()}
    _set_dates(ProgressUpdate, "created_at", moments)
    _set_dates(
        ProgressUpdate.history.model,
        "history_date",
        {
            h: moments[pk]
            for h, pk in ProgressUpdate.history.filter(id__in=moments).values_list(
                "history_id", "id"
            )
        },
    )


def _precision(due_raw: str, as_at: date | None) -> str:
    value = str(read_date(due_raw, as_at).precision)
    return value if value in DatePrecision.values else DatePrecision.NONE


def _set_dates(model: Any, name: str, moments: dict[int, datetime], chunk: int = 300) -> None:
    """Set a date-time field of many rows (by primary key) in a few UPDATE statements."""
    pk = model._meta.pk.attname
    items = list(moments.items())
    for index in range(0, len(items), chunk):
        part = items[index : index + chunk]
        model.objects.filter(**{f"{pk}__in": [key for key, _ in part]}).update(
            **{
                name: Case(
                    *(When(**{pk: key}, then=Value(moment)) for key, moment in part),
                    output_field=DateTimeField(),
                )
            }
        )


def _date_the_setting_up(partnership: Partnership, start: date) -> None:
    """Date the records made when the plans were set up on the plans' start (and the
    achieving of a milestone on the day it was achieved), so the history, and a board report
    of a past month made from it, reads like plans that have been running since then."""
    plans = list(Plan.objects.filter(partnership=partnership).values_list("id", flat=True))
    moment = _moment(start)
    Plan.objects.filter(pk__in=plans).update(created_at=moment)
    Plan.history.filter(id__in=plans).update(history_date=moment)
    for model in (Section, ImpactIndicator, Risk, Finding):
        model.history.filter(plan_id__in=plans).update(history_date=moment)
    Milestone.history.filter(plan_id__in=plans, history_type="+").update(history_date=moment)
    achieved: Iterable[tuple[int, date | None]] = Milestone.history.filter(
        plan_id__in=plans, history_type="~"
    ).values_list("history_id", "achieved_on")
    _set_dates(
        Milestone.history.model,
        "history_date",
        {h: _moment(on or start, 30) for h, on in achieved},
    )


def publish_board_reports(partnership: Partnership, *, today: date) -> None:
    """The board reports of the last months as the board saw them, each published by the
    programme manager at the end of its month: a report then compares "now" with the one
    before it."""
    plans = list(Plan.objects.filter(partnership=partnership).order_by("id"))
    user = User.objects.filter(username="manager", memberships__partnership=partnership).first()
    first = today.replace(day=1)
    months: list[date] = []
    for _ in range(PUBLISHED_MONTHS):
        first = (first - timedelta(days=1)).replace(day=1)
        months.insert(0, first)
    for plan in plans:
        for month in months:
            report = board_report(plan, month, today)
            published = publish_report(
                partnership=plan.partnership, user=user, report=report, plan=plan, period=month
            )
            end = month_bounds(month)[1]
            published_at = timezone.make_aware(datetime.combine(end, time(17, 0)))
            PublishedReport.objects.filter(pk=published.pk).update(published_at=published_at)


def _inspection_findings(plan: Plan, today: date, user: User | None) -> None:
    """The (fictional) inspection's findings that the written statement answers, linked to
    the objectives that answer them, their workstreams and their actions."""
    sections = {s.ref: s for s in plan.sections.all()}
    actions_by_section: dict[int, list[int]] = defaultdict(list)
    for action_id, section_id in plan.actions.values_list("id", "section_id"):
        actions_by_section[section_id].append(action_id)
    source = f"{INSPECTION}, {inspection_date(today):%B %Y}"
    for ref, text, objective_refs in FINDINGS:
        finding = Finding(
            partnership=plan.partnership, plan=plan, ref=ref, text=text, source=source
        )
        note_changed_by(finding, user)
        finding.save()
        objectives = [sections[r] for r in objective_refs]
        workstreams = {s.parent_id for s in objectives if s.parent_id}
        finding.sections.add(*objectives, *Section.objects.filter(pk__in=workstreams))
        finding.actions.add(*[a for s in objectives for a in actions_by_section[s.pk]])


def _name_recommendations(plan: Plan, user: User | None) -> None:
    """The loader makes a Finding of each recommendation; give each its number and source."""
    for finding in plan.findings.prefetch_related("sections"):
        refs = [s.ref for s in finding.sections.all() if s.ref]
        finding.ref = f"R{refs[0]}" if refs else ""
        finding.source = "Northvale SEND peer review"
        note_changed_by(finding, user)
        finding.save()


def _achieve_milestones(partnership: Partnership, today: date, user: User | None) -> None:
    """Most milestones that fell due are achieved (a few days early); one in four is not."""
    past = Milestone.objects.filter(plan__partnership=partnership, due__lt=today)
    for index, milestone in enumerate(past.order_by("plan_id", "position")):
        if index % 4 == 3 or milestone.due is None:
            continue
        milestone.achieved_on = milestone.due - timedelta(days=3 + index % 10)
        note_changed_by(milestone, user)
        milestone.save()
