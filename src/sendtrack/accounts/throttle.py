"""Whose address a sign-in comes from, for the lockout (django-axes calls `client_address`).

Behind a TLS proxy every request has the proxy's address, so the lockout would count every
client as one. With ``SENDTRACK_TRUSTED_PROXIES=N`` (the number of proxies in front of
gunicorn that append to X-Forwarded-For) the client's address is the one the outermost
trusted proxy saw: the Nth entry from the right. Entries further left are whatever the client
sent and are never believed. With no trusted proxies the socket's address is used.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    proxies = settings.SENDTRACK_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies]
