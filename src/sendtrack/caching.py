"""No copy of a page with personal data is kept by a browser or a cache on the way.

Every answer to a signed-in user, to a request that carries a token (the analysts' API) and
every SENDIASS answer gets `Cache-Control: no-store` (with Django's other never-cache
headers), whatever the page: a rule that needs no list of which pages hold personal data.
Static files (served by whitenoise before this runs) and what signed-out visitors see, the
published public reports under /public/, stay cacheable.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

SENDIASS_PREFIX = "/sendiass/"


def holds_personal_data(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return (
        request.path.startswith(SENDIASS_PREFIX)
        or "HTTP_AUTHORIZATION" in request.META
        or bool(user is not None and user.is_authenticated)
    )


class NoStoreForPersonalData:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if holds_personal_data(request):
            add_never_cache_headers(response)
        return response
