"""Changes to partnerships, organisations and people: one function for each thing done."""

from django.utils.text import slugify

from .models import Partnership


def partnership_for_slug(slug: str) -> Partnership:
    """The partnership with this slug, created (named from the slug, title-cased) if new.

    ``worcestershire`` gives "Worcestershire"; ``bath-and-north-east-somerset`` gives
    "Bath And North East Somerset", which an administrator can correct later.
    """
    clean = slugify(slug)
    if not clean or clean != slug:
        raise ValueError(
            f"{slug!r} is not a partnership slug: use lower-case letters, digits and dashes"
            + (f" (perhaps {clean!r})" if clean else "")
        )
    name = clean.replace("-", " ").replace("_", " ").title()
    # get_or_create copes with someone else creating it between the look-up and the insert.
    partnership, _ = Partnership.objects.get_or_create(slug=clean, defaults={"name": name})
    return partnership
