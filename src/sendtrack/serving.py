"""The web server's garbage collector, set once in each worker after the application loads.

A page that reads thousands of rows (the dashboard rates every action in the partnership)
makes hundreds of thousands of short-lived objects. With CPython's defaults (a young
collection every 700 allocations, a full one after every 100 young ones) some requests stop
for a full collection that walks every object Django, the libraries and sendtrack loaded at
start-up, none of which ever becomes garbage: those pauses are the p95 tail `make bench`
measured (issue 14; 150 to 300 ms each on a busy machine). So, once the application and its
URLs are loaded:

- `gc.freeze()` moves everything then alive into a permanent generation no collection walks;
- young collections wait for 10,000 allocations rather than 700, so most of a request's
  temporary objects are freed by reference counting before a collection looks at them.

Memory is still reclaimed: reference counting frees almost everything at once, and cycles
are still collected, less often. gunicorn.conf.py calls this in each worker
(`post_worker_init`); bench/plans.py calls it the same way before it measures, so the
benchmark measures what the server runs.
"""

import gc

YOUNG_COLLECTION_AFTER = 10_000
"""Allocations (less deallocations) between young collections; CPython's default is 700."""


def settle_garbage_collection() -> None:
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every view module before the freeze
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_AFTER, middle, old)


def garbage_collection_in_words() -> str:
    """What the benchmarks print, so a reader knows they measured the server's setting."""
    young, middle, old = gc.get_threshold()
    return (
        f"garbage collection as the server runs it: {gc.get_freeze_count():,} start-up objects"
        f" frozen, thresholds ({young}, {middle}, {old})"
    )
