"""factory_boy factories for the council side: partnerships, people, plans and actions."""

from datetime import timedelta

import factory
from django.utils import timezone

from sendtrack.accounts.models import Membership, Organisation, Partnership, Person, Role, User
from sendtrack.plans.models import (
    Action,
    Finding,
    Milestone,
    Plan,
    PlanKind,
    ProgressUpdate,
    Risk,
    Section,
    SectionKind,
    Status,
)

PASSWORD = "a-long-test-password"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Area {n} SEND Partnership")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    password = factory.django.Password(PASSWORD)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    partnership = factory.SubFactory(PartnershipFactory)
    role = Role.VIEWER


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Alex Lead{n}")
    initials = factory.Sequence(lambda n: f"AL{n}")
    job_title = "Head of SEND"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Written statement of action {n}")
    kind = PlanKind.WRITTEN_STATEMENT_OF_ACTION


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    ref = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Workstream {n + 1} – Local Offer")
    kind = SectionKind.WORKSTREAM
    position = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    section = None
    ref = factory.Sequence(lambda n: f"1.{n + 1}")
    text = factory.Sequence(lambda n: f"Publish the revised Local Offer pages, version {n}")
    owner_raw = "Head of SEND"
    due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=90))
    due_raw = factory.LazyAttribute(lambda a: a.due.strftime("%d/%m/%Y") if a.due else None)
    due_precision = "day"
    status = Status.IN_PROGRESS
    status_raw = "In progress"
    last_activity_on = factory.LazyFunction(timezone.localdate)
    position = factory.Sequence(lambda n: n)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    action = factory.SubFactory(ActionFactory)
    partnership = factory.SelfAttribute("action.partnership")
    date = factory.LazyFunction(timezone.localdate)
    status = Status.IN_PROGRESS
    commentary = "Draft circulated to partners for comment."


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    text = "All schools have a named SEND link officer"
    due_raw = "March 2027"


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    title = factory.Sequence(lambda n: f"Capacity in the assessment team {n}")
    rag = "red"
    impact = "Assessments run late"
    mitigation = "Agency staff for two terms"
    position = factory.Sequence(lambda n: n)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    ref = factory.Sequence(lambda n: f"F{n + 1}")
    text = "Parents do not know what support is available in the local area"
    source = "Area SEND inspection"
