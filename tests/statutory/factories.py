"""factory_boy factories for statutory casework."""

from datetime import timedelta

import factory
from django.utils import timezone

from sendtrack.domain.statutory import annual_review_due
from sendtrack.statutory.models import (
    AnnualReview,
    Child,
    EHCNeedsAssessment,
    EHCPlan,
    PhaseTransfer,
    Setting,
    SettingContact,
    SettingKind,
    SettingPhase,
    StatutoryArea,
    TimeLimitException,
)
from tests.factories import PartnershipFactory


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Brookfield Primary School {n}")
    kind = SettingKind.SCHOOL
    phase = SettingPhase.PRIMARY
    urn = factory.Sequence(lambda n: str(100000 + n))
    senco_name = "Pat Senco"
    senco_email = factory.Sequence(lambda n: f"senco{n}@school.example.org")


class SettingContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SettingContact

    setting = factory.SubFactory(SettingFactory)
    partnership = factory.SelfAttribute("setting.partnership")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    partnership = factory.SubFactory(PartnershipFactory)
    case_reference = factory.Sequence(lambda n: f"EHC-{n + 1:06d}")
    first_name = factory.Sequence(lambda n: f"Robin{n}")
    last_name = factory.Sequence(lambda n: f"Childname{n}")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=9 * 365))
    setting = factory.SubFactory(SettingFactory, partnership=factory.SelfAttribute("..partnership"))
    year_group = "4"


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EHCNeedsAssessment

    child = factory.SubFactory(ChildFactory)
    partnership = factory.SelfAttribute("child.partnership")
    request_received = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=20))
    requested_by = "parent"


class ExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeLimitException

    assessment = factory.SubFactory(AssessmentFactory)
    partnership = factory.SelfAttribute("assessment.partnership")
    reason = "exceptional_personal_circumstances"
    start = factory.LazyAttribute(lambda e: e.assessment.request_received + timedelta(days=7))


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EHCPlan

    child = factory.SubFactory(ChildFactory)
    partnership = factory.SelfAttribute("child.partnership")
    issued = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=340))
    named_setting = factory.SelfAttribute("child.setting")


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualReview

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    counted_from = factory.SelfAttribute("plan.issued")
    due = factory.LazyAttribute(lambda r: annual_review_due(r.counted_from, None))


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhaseTransfer

    plan = factory.SubFactory(PlanFactory)
    partnership = factory.SelfAttribute("plan.partnership")
    transfer_type = "primary_to_secondary"
    transfer_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=200))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class StatutoryAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatutoryArea

    partnership = factory.SubFactory(PartnershipFactory)
    la_code = "E09000002"
    la_name = "Barking and Dagenham"
    region_name = "London"
