"""What each reminder says: read in a fixed number of queries per partnership.

An action needs attention when it is not finished (complete, embedded or closed) and it is
overdue, due within the next DIGEST_DUE_WITHIN_DAYS days, or has had no progress update for
longer than the partnership's RAG "stale" setting (SENDTRACK_RAG_STALE_AFTER_DAYS, six weeks
by default, the same rule that turns an action amber: docs/rag.md).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q

from sendtrack.accounts.models import Membership, Partnership, Person, Role, User
from sendtrack.domain.dates import format_date
from sendtrack.domain.rag import DONE_STATUSES, RAG_LABELS
from sendtrack.plans.models import Action
from sendtrack.plans.selectors import RagRules, live_actions

from .models import ReminderPreference

DIGEST_DUE_WITHIN_DAYS = 14
WORST_ITEMS = 10


class Reason:
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NO_UPDATE = "no_update"


REASON_ORDER = (Reason.OVERDUE, Reason.DUE_SOON, Reason.NO_UPDATE)


@dataclass(frozen=True)
class ReminderItem:
    """One action that needs attention, as a reminder shows it (no names, no addresses)."""

    action_id: int
    plan_title: str
    ref: str
    text: str
    due: date | None
    last_activity_on: date | None
    reasons: tuple[str, ...]
    explanation: str
    rag_label: str

    @property
    def worst(self) -> str:
        return self.reasons[0]

    def sort_key(self) -> tuple[int, date, int]:
        # Overdue first (longest overdue first), then soonest due, then longest without update.
        when = self.due if self.worst != Reason.NO_UPDATE else self.last_activity_on
        return (REASON_ORDER.index(self.worst), when or date.min, self.action_id)


@dataclass
class Digest:
    """An action lead's reminder: their own actions that need attention."""

    recipient: str
    name: str
    items: list[ReminderItem]
    person_ids: list[int] = field(default_factory=list)
    """The directory people this address stands for: what its "stop" link switches off."""


@dataclass
class Summary:
    """A programme manager's reminder: counts for the partnership and the worst items."""

    recipient: str
    name: str
    counts: dict[str, int]
    total: int
    worst: list[ReminderItem] = field(default_factory=list)


def _explain(reasons: list[str], action: Action, today: date) -> str:
    words = []
    for reason in reasons:
        if reason == Reason.OVERDUE:
            assert action.due is not None
            words.append(f"overdue: it was due on {format_date(action.due)}")
        elif reason == Reason.DUE_SOON:
            assert action.due is not None
            days = (action.due - today).days
            when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
            words.append(f"due {when} ({format_date(action.due)})")
        else:
            assert action.last_activity_on is not None
            words.append(f"no progress update since {format_date(action.last_activity_on)}")
    text = "; ".join(words)
    return text[:1].upper() + text[1:]


def _reasons(action: Action, today: date, rules: RagRules) -> list[str]:
    reasons = []
    if action.due is not None and action.due < today:
        reasons.append(Reason.OVERDUE)
    elif action.due is not None and action.due <= today + timedelta(days=DIGEST_DUE_WITHIN_DAYS):
        reasons.append(Reason.DUE_SOON)
    if action.last_activity_on is not None and action.last_activity_on < rules.stale_before:
        reasons.append(Reason.NO_UPDATE)
    return reasons


def actions_needing_attention(
    partnership: Partnership, today: date
) -> list[tuple[Action, ReminderItem]]:
    """Every live, unfinished action in the partnership that needs attention, worst first.

    Two queries: the actions with their plans, and their owners with their sign-ins.
    """
    rules = RagRules(today)
    actions = (
        live_actions(partnership)
        .exclude(status__in=[str(s) for s in DONE_STATUSES])
        .filter(
            Q(due__lte=today + timedelta(days=DIGEST_DUE_WITHIN_DAYS))
            | Q(last_activity_on__lt=rules.stale_before)
        )
        .select_related("plan")
        .prefetch_related(
            Prefetch("owners", queryset=Person.objects.select_related("user").order_by("id"))
        )
        .order_by("due", "id")
    )
    found = []
    for action in actions:
        reasons = _reasons(action, today, rules)
        if not reasons:
            continue
        item = ReminderItem(
            action_id=action.pk,
            plan_title=action.plan.title,
            ref=action.ref or "",
            text=action.text,
            due=action.due,
            last_activity_on=action.last_activity_on,
            reasons=tuple(reasons),
            explanation=_explain(reasons, action, today),
            rag_label=RAG_LABELS[rules.rate_action(action).rag],
        )
        found.append((action, item))
    found.sort(key=lambda pair: pair[1].sort_key())
    return found


def person_email(person: Person) -> str:
    """Where a lead's reminders go: their directory email, else their sign-in's."""
    email = person.email or (person.user.email if person.user else "")
    return email.strip().lower()


def _switched_off(partnership: Partnership, kind: str) -> tuple[set[int], set[int]]:
    """(user ids, person ids) that have switched this kind of reminder off."""
    users, people = set(), set()
    rows = ReminderPreference.objects.filter(partnership=partnership, **{kind: False})
    for user_id, person_id in rows.values_list("user_id", "person_id"):
        if user_id:
            users.add(user_id)
        if person_id:
            people.add(person_id)
    return users, people


def digests(partnership: Partnership, found: list[tuple[Action, ReminderItem]]) -> list[Digest]:
    """One digest per lead's address, with only the actions that lead owns."""
    off_users, off_people = _switched_off(partnership, "digest")
    by_recipient: dict[str, Digest] = {}
    for action, item in found:
        for person in action.owners.all():
            if person.pk in off_people or (person.user_id and person.user_id in off_users):
                continue
            email = person_email(person)
            if not email:
                continue
            digest = by_recipient.setdefault(email, Digest(email, person.name, []))
            if person.pk not in digest.person_ids:
                digest.person_ids.append(person.pk)
            if item not in digest.items:
                digest.items.append(item)
    return sorted(by_recipient.values(), key=lambda d: d.recipient)


def summaries(partnership: Partnership, found: list[tuple[Action, ReminderItem]]) -> list[Summary]:
    """One summary per programme manager with an email address who has not switched it off."""
    if not found:
        return []
    off_users, _ = _switched_off(partnership, "summary")
    counts = {reason: 0 for reason in REASON_ORDER}
    for _, item in found:
        for reason in item.reasons:
            counts[reason] += 1
    worst = [item for _, item in found[:WORST_ITEMS]]
    managers = (
        Membership.objects.filter(partnership=partnership, role=Role.PROGRAMME_MANAGER)
        .select_related("user")
        .order_by("user_id")
    )
    found_summaries: dict[str, Summary] = {}
    for membership in managers:
        user = membership.user
        email = (user.email or "").strip().lower()
        if not email or user.pk in off_users or not user.is_active:
            continue
        found_summaries.setdefault(
            email, Summary(email, user.get_full_name() or user.username, counts, len(found), worst)
        )
    return list(found_summaries.values())


def preference_for(partnership: Partnership, user: User) -> ReminderPreference:
    """The user's preference in this partnership (unsaved, everything on, if never set)."""
    preference = ReminderPreference.objects.filter(partnership=partnership, user=user).first()
    return preference or ReminderPreference(partnership=partnership, user=user)


def addresses_for(partnership: Partnership, user: User) -> list[str]:
    """The addresses the user's reminders in this partnership go to."""
    people = Person.objects.filter(partnership=partnership, user=user).select_related("user")
    emails = {person_email(person) for person in people}
    emails.add((getattr(user, "email", "") or "").strip().lower())
    return sorted(e for e in emails if e)


def group_by_reason(items: list[ReminderItem]) -> list[tuple[str, list[ReminderItem]]]:
    """Items under headings: overdue, due soon, no update (each item under its worst reason)."""
    groups: dict[str, list[ReminderItem]] = defaultdict(list)
    for item in items:
        groups[item.worst].append(item)
    return [(reason, groups[reason]) for reason in REASON_ORDER if groups[reason]]
