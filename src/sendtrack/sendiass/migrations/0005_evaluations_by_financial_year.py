"""Evaluation answers keep only their kind and the financial year: month, level and channel
go, from the answers and from the invitations, so that no answer can be matched to the one
or two cases closed in a month at a level by a channel.

Existing answers move to the financial year of their month (the month their case closed, the
nearest there is to when they arrived). Reversible in shape only: backwards, each answer gets
the first day of its financial year as its month and no level or channel, and each waiting
invitation the month its link was made in; the months, levels and channels dropped are gone.
"""

from datetime import date, timedelta

from django.db import migrations, models

LINK_DAYS = 90


def months_to_years(apps, schema_editor):
    responses = apps.get_model("sendiass", "EvaluationResponse").objects.using(
        schema_editor.connection.alias
    )
    for month in responses.values_list("month", flat=True).distinct():
        year = month.year if month.month >= 4 else month.year - 1
        responses.filter(month=month).update(year=year)


def years_to_months(apps, schema_editor):
    alias = schema_editor.connection.alias
    responses = apps.get_model("sendiass", "EvaluationResponse").objects.using(alias)
    for year in responses.values_list("year", flat=True).distinct():
        responses.filter(year=year).update(month=date(year, 4, 1))
    invitations = apps.get_model("sendiass", "EvaluationInvitation").objects.using(alias)
    for expires_on in invitations.values_list("expires_on", flat=True).distinct():
        made = expires_on - timedelta(days=LINK_DAYS)
        invitations.filter(expires_on=expires_on).update(month=made.replace(day=1))


class Migration(migrations.Migration):
    dependencies = [
        ("sendiass", "0004_encrypt_free_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="evaluationresponse",
            name="year",
            field=models.PositiveSmallIntegerField(null=True),
        ),
        # Nullable for a moment, so that going backwards can add them back before filling them.
        migrations.AlterField(
            model_name="evaluationresponse",
            name="month",
            field=models.DateField(null=True),
        ),
        migrations.AlterField(
            model_name="evaluationinvitation",
            name="month",
            field=models.DateField(null=True),
        ),
        migrations.RunPython(months_to_years, years_to_months),
        migrations.AlterField(
            model_name="evaluationresponse",
            name="year",
            field=models.PositiveSmallIntegerField(
                db_index=True,
                help_text="The financial year (April to March) the answer arrived in, by its "
                "first year",
            ),
        ),
        migrations.RemoveField(model_name="evaluationresponse", name="month"),
        migrations.RemoveField(model_name="evaluationresponse", name="level"),
        migrations.RemoveField(model_name="evaluationresponse", name="channel"),
        migrations.RemoveField(model_name="evaluationinvitation", name="month"),
        migrations.RemoveField(model_name="evaluationinvitation", name="level"),
        migrations.RemoveField(model_name="evaluationinvitation", name="channel"),
    ]
