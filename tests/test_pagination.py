"""GOV.UK pagination: the page links shown, whatever the number of pages."""

import pytest
from django.core.paginator import Paginator

from sendtrack.core.templatetags.govuk import page_numbers


@pytest.mark.parametrize(
    ("pages", "current", "shown"),
    [
        (2, 1, [1, 2]),
        (3, 2, [1, 2, 3]),
        (10, 1, [1, 2, None, 10]),
        (10, 5, [1, None, 4, 5, 6, None, 10]),
        (10, 3, [1, 2, 3, 4, None, 10]),
        (10, 10, [1, None, 9, 10]),
        (130, 64, [1, None, 63, 64, 65, None, 130]),
    ],
)
def test_first_last_and_the_current_pages_neighbours(pages, current, shown):
    page = Paginator(range(pages * 10), 10).get_page(current)
    assert page_numbers(page) == shown
