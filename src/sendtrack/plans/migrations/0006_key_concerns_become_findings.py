"""Plans imported before key concerns became findings: each live key-concern section that no
finding is linked to becomes one (its ref and title), linked to it and the actions inside it,
as the importer now does (plans/storage.py), with a history record saying why."""

from collections import defaultdict

from django.db import migrations
from django.utils import timezone

REASON = "A key concern of the imported plan"


def key_concerns_become_findings(apps, schema_editor):
    Section = apps.get_model("plans", "Section")
    Finding = apps.get_model("plans", "Finding")
    HistoricalFinding = apps.get_model("plans", "HistoricalFinding")
    Action = apps.get_model("plans", "Action")
    concerns = Section.objects.filter(
        kind="key_concern", archived_at__isnull=True, findings__isnull=True
    )
    for concern in concerns:
        children = defaultdict(list)
        for pk, parent_id in Section.objects.filter(plan_id=concern.plan_id).values_list(
            "id", "parent_id"
        ):
            children[parent_id].append(pk)
        inside, waiting = set(), [concern.pk]
        while waiting:
            pk = waiting.pop()
            if pk not in inside:
                inside.add(pk)
                waiting.extend(children[pk])
        finding = Finding.objects.create(
            partnership_id=concern.partnership_id,
            plan_id=concern.plan_id,
            ref=concern.ref or "",
            text=concern.title,
        )
        finding.sections.add(concern)
        finding.actions.add(
            *Action.objects.filter(section_id__in=inside, archived_at__isnull=True)
        )
        HistoricalFinding.objects.create(
            id=finding.pk,
            partnership_id=finding.partnership_id,
            plan_id=finding.plan_id,
            ref=finding.ref,
            text=finding.text,
            source="",
            version=1,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason=REASON,
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0005_findings_archived_and_merged_actions")]

    operations = [
        migrations.RunPython(key_concerns_become_findings, migrations.RunPython.noop),
    ]
