"""SENDIASS sign-in, apart from the council's: accounts, sessions and set-password links.

A SENDIASS session is two keys in the browser's session: the staff member's id and an HMAC,
made with the SENDIASS key, of their id and password hash. Whoever holds the council's
database and secret key can forge a council session but not this one; a password reset
changes the hash and a deactivation fails the check, so either ends every session at once.
Set-password links are signed with the same key and stop working once the password changes.
"""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.http import HttpRequest
from django.utils import timezone

from .models import SendiassStaff, SignInFailure

SESSION_STAFF = "sendiass_staff"
SESSION_CHECK = "sendiass_staff_check"
LINK_SALT = "sendtrack.sendiass.set-password"
LINK_DAYS = 7
MAX_FAILED_TRIES = 5
MAX_ADDRESS_FAILURES = 10
LOCK_MINUTES = 15


class SignInLocked(Exception):
    """Too many wrong passwords for this username: it waits a short while, whoever tries."""

    def __init__(self, until: datetime):
        super().__init__("locked")
        self.until = until


def _key(purpose: bytes) -> bytes:
    """A key for one purpose, derived from the SENDIASS key (the first, when rotating)."""
    sendiass_key = settings.SENDTRACK_SENDIASS_KEY.split(",")[0].strip().encode()
    return hashlib.sha256(b"sendtrack-sendiass:" + purpose + b":" + sendiass_key).digest()


def _check(staff: SendiassStaff) -> str:
    message = f"{staff.pk}:{staff.password}".encode()
    return hmac.new(_key(b"session"), message, hashlib.sha256).hexdigest()


def start_session(session: SessionBase, staff: SendiassStaff) -> None:
    """Sign `staff` in on this browser session (after the password was checked)."""
    session.cycle_key()
    session[SESSION_STAFF] = staff.pk
    session[SESSION_CHECK] = _check(staff)


def end_session(session: SessionBase) -> None:
    session.pop(SESSION_STAFF, None)
    session.pop(SESSION_CHECK, None)
    session.cycle_key()


def signed_in_staff(request: HttpRequest) -> SendiassStaff | None:
    """The active staff member signed in on this request's session, or None."""
    staff_id, check = request.session.get(SESSION_STAFF), request.session.get(SESSION_CHECK)
    if not isinstance(staff_id, int) or not isinstance(check, str):
        return None
    staff = SendiassStaff.objects.filter(pk=staff_id, active=True).first()
    if staff is None or not hmac.compare_digest(check, _check(staff)):
        return None
    return staff


def _address_key(address: str) -> str:
    return hmac.new(_key(b"address"), address.encode(), hashlib.sha256).hexdigest()


def _address_locked_until(address: str, now: datetime) -> datetime | None:
    """When an address that has sent too many wrong passwords, to any usernames, may try
    again; None when it may try now."""
    since = now - timedelta(minutes=LOCK_MINUTES)
    recent = SignInFailure.objects.filter(address=_address_key(address), at__gte=since)
    times = list(recent.order_by("-at").values_list("at", flat=True)[:MAX_ADDRESS_FAILURES])
    if len(times) < MAX_ADDRESS_FAILURES:
        return None
    return times[-1] + timedelta(minutes=LOCK_MINUTES)


def _failed_from(address: str, now: datetime) -> None:
    SignInFailure.objects.filter(at__lt=now - timedelta(days=1)).delete()
    SignInFailure.objects.create(address=_address_key(address), at=now)


def authenticate(username: str, password: str, address: str = "") -> SendiassStaff | None:
    """The active staff member with this username and password, or None.

    After five wrong passwords in a row a username is locked for 15 minutes whatever the
    address (so guessing from many addresses gains nothing, and the owner waits minutes, not
    days); after ten wrong passwords from one client address (accounts.throttle, which knows
    the trusted proxies), to any usernames, that address waits 15 minutes (so spraying one
    password over many usernames gains nothing). An unknown username costs the same hashing
    time as a known one, and counts against its address.
    """
    now = timezone.now()
    address_until = _address_locked_until(address, now)
    if address_until is not None:
        raise SignInLocked(address_until)
    staff = SendiassStaff.objects.filter(username__iexact=username.strip(), active=True).first()
    if staff is None or not staff.has_usable_password:
        make_password(password)  # the same time as a real check: usernames are not revealed
        _failed_from(address, now)
        return None
    if staff.locked_until and staff.locked_until > now:
        raise SignInLocked(staff.locked_until)
    if staff.check_password(password):
        SendiassStaff.objects.filter(pk=staff.pk).update(
            failed_sign_ins=0, locked_until=None, last_login=now
        )
        return staff
    _failed_from(address, now)
    tries = staff.failed_sign_ins + 1
    locked = now + timedelta(minutes=LOCK_MINUTES) if tries >= MAX_FAILED_TRIES else None
    SendiassStaff.objects.filter(pk=staff.pk).update(
        failed_sign_ins=0 if locked else tries, locked_until=locked
    )
    if locked:
        raise SignInLocked(locked)
    return None


def set_password_token(staff: SendiassStaff) -> str:
    """A link token that lets `staff` choose a password, once, within seven days."""
    payload = {"s": staff.pk, "p": hashlib.sha256(staff.password.encode()).hexdigest()[:16]}
    return signing.dumps(payload, key=_key(b"set-password").hex(), salt=LINK_SALT)


def staff_for_token(token: str) -> SendiassStaff | None:
    """The active staff member a set-password token was made for, while it is still good."""
    try:
        payload = signing.loads(
            token,
            key=_key(b"set-password").hex(),
            salt=LINK_SALT,
            max_age=timedelta(days=LINK_DAYS),
        )
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("s") is None:
        return None
    staff = SendiassStaff.objects.filter(pk=payload["s"], active=True).first()
    if staff is None:
        return None
    current = hashlib.sha256(staff.password.encode()).hexdigest()[:16]
    return staff if hmac.compare_digest(current, str(payload.get("p", ""))) else None
