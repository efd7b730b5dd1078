"""Reminder emails as Django EmailMultiAlternatives: plain text, with a simple HTML copy."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from sendtrack.accounts.models import Partnership

from .selectors import DIGEST_DUE_WITHIN_DAYS, Digest, Reason, Summary, group_by_reason
from .stop_links import stop_digest_token


def _headings() -> dict[str, str]:
    days = settings.SENDTRACK_RAG_STALE_AFTER_DAYS
    quiet = f"{days // 7} weeks" if days % 7 == 0 else f"{days} days"
    return {
        Reason.OVERDUE: "Overdue",
        Reason.DUE_SOON: f"Due in the next {DIGEST_DUE_WITHIN_DAYS} days",
        Reason.NO_UPDATE: f"No progress update for {quiet}",
    }


def _links(partnership: Partnership) -> dict[str, str]:
    base = settings.SENDTRACK_BASE_URL
    slug = partnership.slug
    return {
        "base_url": base,
        # An action's page is actions_url + its id + "/" (the URL of action 0 without the 0).
        "actions_url": base
        + reverse("action_detail", kwargs={"partnership": slug, "action_id": 0}).removesuffix("0/"),
        "my_actions_url": base + reverse("my_actions", kwargs={"partnership": slug}),
        "dashboard_url": base + reverse("dashboard", kwargs={"partnership": slug}),
        "preferences_url": base + reverse("reminder_preferences", kwargs={"partnership": slug}),
    }


def _message(
    subject: str, template: str, context: dict, to: str, connection: object = None
) -> EmailMultiAlternatives:
    text = render_to_string(f"reminders/email/{template}.txt", context)
    html = render_to_string(f"reminders/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.SENDTRACK_REMINDERS_FROM_EMAIL,
        to=[to],
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def digest_email(
    partnership: Partnership, digest: Digest, connection: object = None
) -> EmailMultiAlternatives:
    count = len(digest.items)
    verb = "needs" if count == 1 else "need"
    subject = f"{partnership.name}: {count} of your actions {verb} attention"
    token = stop_digest_token(partnership, digest.person_ids)
    context = {
        "partnership": partnership,
        "digest": digest,
        "groups": [(_headings()[r], items) for r, items in group_by_reason(digest.items)],
        **_links(partnership),
        "stop_url": settings.SENDTRACK_BASE_URL + reverse("stop_digest", kwargs={"token": token}),
    }
    return _message(subject, "digest", context, digest.recipient, connection)


def summary_email(
    partnership: Partnership, summary: Summary, connection: object = None
) -> EmailMultiAlternatives:
    subject = (
        f"{partnership.name}: {summary.total} action{'s' if summary.total != 1 else ''}"
        " need attention"
    )
    context = {
        "partnership": partnership,
        "summary": summary,
        "counts": [(heading, summary.counts[r]) for r, heading in _headings().items()],
        **_links(partnership),
    }
    return _message(subject, "summary", context, summary.recipient, connection)
