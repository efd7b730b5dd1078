"""Running the real queue in a test: `db_worker --batch` (with the `database_queue` fixture
of tests/conftest.py)."""

import signal

from django.core.management import call_command


def run_worker():
    """`sendtrack db_worker --batch`: run every queued task, then stop."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    saved = {number: signal.getsignal(number) for number in signals}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    finally:
        for number, handler in saved.items():  # the worker sets its own: give pytest its back
            signal.signal(number, handler)
