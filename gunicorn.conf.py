"""gunicorn settings for sendtrack: `make run` loads this file (`--config gunicorn.conf.py`),
and so should production (docs/production.md).

The access log records who asked (address), when, the method, the path, the status, the size,
the time taken and the browser: never the query string (the `%(r)s` request line and `%(q)s`
carry it) nor the Referer (`%(f)s`, the address of the previous page, query and all). Searches
put the names of children and families in the query string (`?q=…`).
"""

access_log_format = '%(h)s %(l)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'


def post_worker_init(worker):  # noqa: ARG001 - gunicorn's hook signature
    """Freeze what the worker loaded and collect young garbage less often (sendtrack/serving.py:
    the p95 tails of big pages were garbage-collection pauses)."""
    from sendtrack.serving import settle_garbage_collection

    settle_garbage_collection()
