"""Loading the synthetic Northvale partnership: people, sign-ins, three plans and their story.

The plans go in through the same loader as an imported document (`load_plan`), and their
progress through the same service a user's update goes through (`add_progress_update`), so
the demo shows what the application does with real data. Everything happens in one
transaction: the demo is loaded whole or not at all.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from sendtrack.accounts.models import Membership, Organisation, Partnership, Person, User
from sendtrack.plans.models import Action, Finding, Milestone, Plan, ProgressUpdate, Section
from sendtrack.plans.plan_json import load_plan
from sendtrack.plans.selectors import action_rag
from sendtrack.plans.services import add_progress_update

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
    demo_plans,
    inspection_date,
)

# What the partnership administrator may do in the Django admin: keep the directory of
# people and organisations. Not users (changing a user could make them a superuser).
ADMINISTRATOR_PERMISSIONS = (
    ("accounts", "view_person"),
    ("accounts", "add_person"),
    ("accounts", "change_person"),
    ("accounts", "view_organisation"),
    ("accounts", "add_organisation"),
    ("accounts", "change_organisation"),
)


@dataclass
class LoadResult:
    loaded: bool
    message: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def demo_partnership() -> Partnership | None:
    return Partnership.objects.filter(slug=PARTNERSHIP_SLUG).first()


@transaction.atomic
def load_northvale(*, today: date | None = None, reset: bool = False) -> LoadResult:
    """Load the demo unless its partnership already has plans; `reset` removes it first."""
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
    for plan, demo in loaded:
        _tell_stories(plan, demo, manager)
    wsoa, peer_review = loaded[0][0], loaded[1][0]
    _inspection_findings(wsoa, today, manager)
    _name_recommendations(peer_review, manager)
    _achieve_milestones(partnership, today, manager)

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
    permissions = [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in ADMINISTRATOR_PERMISSIONS
    ]
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
        user.is_staff = demo.is_staff
        user.is_superuser = False
        user.set_password(DEMO_PASSWORD)
        user.save()
        if demo.is_staff:
            user.user_permissions.set(permissions)
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


def _tell_stories(plan: Plan, demo: DemoPlan, manager: User | None) -> None:
    """Add each action's progress updates, dated in the past, written by its owner if they
    sign in (else the programme manager); its last activity is its latest update."""
    actions = list(plan.actions.prefetch_related("owners__user").order_by("position"))
    # Before its first update, an action's last activity is when the work was set up.
    for action in actions:
        story = demo.stories[action.text]
        action.last_activity_on = story.updates[0].on if story.updates else story.last_activity_on
    Action.objects.bulk_update(actions, ["last_activity_on"])

    made: list[ProgressUpdate] = []
    for action in actions:
        story = demo.stories[action.text]
        author = next((p.user for p in action.owners.all() if p.user), None) or manager
        for step, update in enumerate(story.updates):
            made.append(
                add_progress_update(
                    action_id=action.pk,
                    user=author,
                    expected_version=action.version + step,
                    status=update.status,
                    commentary=update.commentary,
                    on=update.on,
                )
            )
    # The service keeps the RAG as of today; a past update should show the RAG it had then.
    actions_now = {a.pk: a for a in Action.objects.filter(plan=plan)}
    for update in made:
        now = actions_now[update.action_id]
        then = Action(
            status=update.status,
            due=now.due,
            last_activity_on=update.date,
            rag_override=now.rag_override,
            rag_override_reason=now.rag_override_reason,
        )
        update.rag = action_rag(then, update.date).rag.value
    ProgressUpdate.objects.bulk_update(made, ["rag"])


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
        finding._history_user = user  # type: ignore[attr-defined]
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
        finding._history_user = user  # type: ignore[attr-defined]
        finding.save()


def _achieve_milestones(partnership: Partnership, today: date, user: User | None) -> None:
    """Most milestones that fell due are achieved (a few days early); one in four is not."""
    past = Milestone.objects.filter(plan__partnership=partnership, due__lt=today)
    for index, milestone in enumerate(past.order_by("plan_id", "position")):
        if index % 4 == 3 or milestone.due is None:
            continue
        milestone.achieved_on = milestone.due - timedelta(days=3 + index % 10)
        milestone._history_user = user  # type: ignore[attr-defined]
        milestone.save()
