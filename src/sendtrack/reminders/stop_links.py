"""The signed token in a digest's "stop these emails" link."""

from django.core import signing

from sendtrack.accounts.models import Partnership

STOP_DIGEST_SALT = "sendtrack.reminders.stop-digest"


def stop_digest_token(partnership: Partnership, person_ids: list[int]) -> str:
    """A signed token for a digest's "stop these emails" link: a lead with no sign-in can
    still switch their digest off, and nobody can forge one for someone else."""
    return signing.dumps(
        {"partnership": partnership.pk, "people": person_ids}, salt=STOP_DIGEST_SALT
    )


def read_stop_digest_token(token: str) -> tuple[Partnership, list[int]]:
    """Raises signing.BadSignature for a token this site did not make."""
    data = signing.loads(token, salt=STOP_DIGEST_SALT)
    return Partnership.objects.get(pk=data["partnership"]), [int(p) for p in data["people"]]
