"""What every part's pages share around a scoped read."""

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

P = ParamSpec("P")
T = TypeVar("T")


def found(read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """A record through a partnership-scoped selector, or 404: another partnership's record is
    answered exactly as one that does not exist."""
    try:
        return read(*args, **kwargs)
    except ObjectDoesNotExist as missing:
        raise Http404("Not found") from missing
